"""E-mail backends of Paraat's own."""

from __future__ import annotations

import sys
from typing import Any

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class ConsoleBackend(DjangoConsoleBackend):
    """Django's console backend, writing to stderr: a command's stdout stays its own output, so
    `paraat user add --json` prints JSON and nothing else while development mail is shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)
