from __future__ import annotations

import pytest

# The pure modules' own tests read their messages in English (the root conftest's fixture).
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(autouse=True)
def _english(english_messages: None) -> None:
    """Every geo test reads messages in English."""
