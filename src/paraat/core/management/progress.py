"""A progress bar for commands on a terminal: one line redrawn in place, nothing when stdout is
not a terminal (a pipe, a log, --json), so scripts read only the result."""

from __future__ import annotations

from typing import Any

WIDTH = 30


class ProgressBar:
    """Call with (done, total, message); ``close()`` ends the line. Silent unless ``enabled``."""

    def __init__(self, stream: Any, *, enabled: bool) -> None:
        self.stream, self.enabled, self._drawn = stream, enabled, False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        share = min(1.0, done / total) if total else 0.0
        filled = round(WIDTH * share)
        bar = "#" * filled + "-" * (WIDTH - filled)
        line = f"\r[{bar}] {done}/{total} {message}"[:200]
        self.stream.write(line.ljust(80), ending="")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("")
            self._drawn = False


def wanted(stdout: Any, options: dict[str, Any]) -> bool:
    """A bar only on a terminal and never with --json."""
    if options.get("json"):
        return False
    isatty = getattr(stdout, "isatty", None)
    return bool(isatty and isatty())
