from __future__ import annotations

from collections.abc import Iterator

import pytest

from paraat.geo import text


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """The pure modules' own tests read their messages in English, with or without Django (which
    hands in its translator at start-up)."""
    before = text._translate, text._group
    text.set_translator(str)
    yield
    text.set_translator(*before)
