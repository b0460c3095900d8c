"""The regional programme: lines x municipalities, ambitions, activities, own continuity."""
