"""Messages of the pure modules: English message ids that the Django layer translates when shown.

A pure module cannot import Django's gettext, so it marks its messages with ``gettext_noop``
(which `paraat makemessages` extracts into the catalogue) and keeps the parameters apart. When the
text is shown, ``render`` looks the message up through the translator the Django side hands in at
start-up (``CoreConfig.ready`` calls ``set_translator(gettext)``), in the language active then.
Without Django (the pure tests, a script) the message reads in English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


def _plain_number(value: float, decimals: int, grouping: bool) -> str:
    return f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"


def _message_id(message: str, language: str) -> str:
    """Without Django a message reads as its English id (the context, if any, left off)."""
    return message.rsplit(CONTEXT, 1)[-1]


CONTEXT = "\x04"  # between a message's context and its id, as in a compiled catalogue
_translate: Callable[[str], str] = str
_translate_in: Callable[[str, str], str] = _message_id
_number: Callable[[float, int, bool], str] = _plain_number


class Count(int):
    """A large number in a message, shown with the thousands separator of the language
    (100,000 in English, 100.000 in Dutch); plain ints (row numbers, codes) are shown as they are."""


class Amount(float):
    """A measured figure in a message: whole numbers without decimals, others with one, with the
    language's decimal sign (12.5 in English, 12,5 in Dutch)."""


@dataclass(frozen=True)
class Message:
    """A message to show later: an English message id and its parameters (which may be Messages
    themselves); ``str()`` renders it in the language active then."""

    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.text, self.params)


@dataclass(frozen=True)
class Joined:
    """Messages shown one after the other with ``separator`` between them."""

    parts: tuple[Any, ...]
    separator: str = "; "

    @classmethod
    def of(cls, parts: Iterable[Any], separator: str = "; ") -> Joined:
        return cls(tuple(parts), separator)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return self.separator.join(str(part) for part in self.parts)


Text = Message | Joined | str
"""Something that reads as text when shown: a plain string or a message rendered then."""


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated when rendered, not here."""
    return message


def pgettext(context: str, message: str) -> str:
    """Mark ``message`` for the catalogue with a ``context`` (the same English word that reads
    otherwise in Dutch elsewhere: "high" confidence, "down" as a state); ``in_language``
    translates it. `paraat makemessages` extracts it as Django's ``pgettext``."""
    return f"{context}{CONTEXT}{message}"


def in_language(language: str, message: str) -> str:
    """``message`` (from ``gettext_noop`` or ``pgettext``) in ``language``, whatever language is
    active: for output made in a language of its own (a table, a chart, an exercise inject)."""
    return _translate_in(message, language)


def set_translator(
    translate: Callable[[str], str],
    number: Callable[[float, int, bool], str] | None = None,
    translate_in: Callable[[str, str], str] | None = None,
) -> None:
    """Translate messages with ``translate`` from now on (Django's ``gettext``), and show a
    ``Count`` or ``Amount`` with ``number(value, decimals, grouping)`` (the language's format);
    ``translate_in(message, language)`` translates into a given language (``in_language``)."""
    global _translate, _translate_in, _number
    _translate = translate
    _translate_in = translate_in or _message_id
    _number = number or _plain_number


def _shown(value: Any) -> Any:
    if isinstance(value, Count):
        return _number(value, 0, True)
    if isinstance(value, Amount):
        return _number(value, 0 if float(value).is_integer() else 1, False)
    return value


def render(message: str, params: Mapping[str, Any] | None = None) -> str:
    """``message`` in the active language, with ``params`` filled in."""
    text = _translate(message)
    if not params:
        return text
    return text % {key: _shown(value) for key, value in params.items()}


class MessageError(ValueError):
    """An error of a pure module whose message is rendered when shown (``str()``), in the
    language active then; ``text`` and ``params`` stay apart for whoever shows it otherwise."""

    def __init__(self, text: str, params: Mapping[str, Any] | None = None) -> None:
        self.text = text
        self.params = dict(params or {})
        super().__init__(text)

    def __str__(self) -> str:
        return render(self.text, self.params)
