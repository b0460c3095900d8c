from paraat.testing.smtp import smtp  # noqa: F401  (fixture)
