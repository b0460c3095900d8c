"""Messages of the pure modules: English message ids that the Django layer translates when shown.

A pure module cannot import Django's gettext, so it marks its messages with ``gettext_noop``
(which `paraat makemessages` extracts into the catalogue) and keeps the parameters apart. When the
text is shown, ``render`` looks the message up through the translator the Django side hands in at
start-up (``CoreConfig.ready`` calls ``set_translator(gettext)``), in the language active then.
Without Django (the pure tests, a script) the message reads in English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_translate: Callable[[str], str] = str
_group: Callable[[int], str] = "{:,}".format


class Count(int):
    """A large number in a message, shown with the thousands separator of the language
    (100,000 in English, 100.000 in Dutch); plain ints (row numbers, codes) are shown as they are."""


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated when rendered, not here."""
    return message


def set_translator(
    translate: Callable[[str], str], group: Callable[[int], str] | None = None
) -> None:
    """Translate messages with ``translate`` from now on (Django's ``gettext``), and show a
    ``Count`` with ``group`` (the language's number format)."""
    global _translate, _group
    _translate = translate
    _group = group or "{:,}".format


def render(message: str, params: Mapping[str, Any] | None = None) -> str:
    """``message`` in the active language, with ``params`` filled in."""
    text = _translate(message)
    if not params:
        return text
    return text % {k: _group(v) if isinstance(v, Count) else v for k, v in params.items()}


class MessageError(ValueError):
    """An error of a pure module whose message is rendered when shown (``str()``), in the
    language active then; ``text`` and ``params`` stay apart for whoever shows it otherwise."""

    def __init__(self, text: str, params: Mapping[str, Any] | None = None) -> None:
        self.text = text
        self.params = dict(params or {})
        super().__init__(text)

    def __str__(self) -> str:
        return render(self.text, self.params)
