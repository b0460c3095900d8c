from paraat.testing.httpsink import http_sink  # noqa: F401  (fixture)
from paraat.testing.smtp import smtp  # noqa: F401  (fixture)
