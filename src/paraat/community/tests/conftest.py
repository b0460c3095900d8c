from paraat.testing.httpsink import http_sink  # noqa: F401  (fixture)
