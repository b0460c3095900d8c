"""The demo region: the loader above every app, so no app depends on it (docs/architecture.md)."""
