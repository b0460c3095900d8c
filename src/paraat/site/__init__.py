"""The site: what ties the apps into one Paraat for its users (the staff menu, the home page, the
audit trail and job pages, the template context). It sits above every app (docs/architecture.md)."""
