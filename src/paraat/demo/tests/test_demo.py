"""`paraat demo` says what it is doing while it loads: one numbered line before each app's loader,
shown at once, and how long each took."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from paraat.demo.loaders import LOADERS

pytestmark = pytest.mark.django_db


class _Recorder(StringIO):
    """Remembers what had been flushed when each write arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed = ""
        self.seen_at_write: list[tuple[str, str]] = []

    def write(self, text: str) -> int:
        self.seen_at_write.append((text, self.flushed))
        return super().write(text)

    def flush(self) -> None:
        self.flushed = self.getvalue()


def test_it_numbers_each_loading_step_and_shows_it_before_the_step_runs() -> None:
    out = _Recorder()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    apps = [name for name, _loader in LOADERS]
    steps = re.findall(r"^  \[(\d+)/(\d+)\] (\w+)…$", text, re.M)
    assert steps == [(str(i), str(len(apps)), app) for i, app in enumerate(apps, start=1)]
    assert len(re.findall(r"^      klaar in \d+\.\d s$", text, re.M)) == len(apps)
    assert text.index("Database bijwerken") < text.index("[1/") < text.index("11 gemeenten")
    # The areas step was on the terminal before the areas loader wrote its first line.
    first_area_line = next(w for w, _ in out.seen_at_write if "gemeenten" in w)
    flushed_then = dict(out.seen_at_write)[first_area_line]
    assert f"[1/{len(apps)}] areas…" in flushed_then
