"""Example regional overrides (a package so the files ship in the wheel)."""
