"""The logbook: append-only, time-stamped, authored; a correction is a new entry."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.operations import logtext
from paraat.operations.constants import LogKind
from paraat.operations.models import (
    Incident,
    LogEntry,
)
from paraat.supportpoints.models import SupportPoint


def _name(user: Any, fallback: str | None = None) -> str:
    """The author's name as the logbook writes it; without a user, ``fallback`` or "system" in
    the installation's language (an author is a name, written once, like a signature)."""
    if getattr(user, "is_authenticated", False):
        return str(user.get_full_name() or user.get_username())
    return logtext.in_house(logtext.SYSTEM) if fallback is None else fallback


class EntryFields(TypedDict, total=False):
    """What ``log`` passes on to ``entry`` beside the incident and the text."""

    kind: str
    message: str
    params: dict[str, Any]
    author: Any
    author_name: str
    point: SupportPoint | None
    corrects: LogEntry | None
    highlight: bool
    at: dt.datetime | None


def log(*, incident: Incident, text: str = "", **fields: Unpack[EntryFields]) -> LogEntry:
    """Append to the incident's logbook (the only way entries are written, with ``entry``): a
    typed ``text``, or a system line as a ``message`` with its ``params`` (operations.logtext)."""
    made = entry(incident=incident, text=text, **fields)
    made.save(force_insert=True)
    return made


def entry(
    *,
    incident: Incident,
    text: str = "",
    kind: str = LogKind.NOTE,
    message: str = "",
    params: dict[str, Any] | None = None,
    author: Any = None,
    author_name: str = "",
    point: SupportPoint | None = None,
    corrects: LogEntry | None = None,
    highlight: bool = False,
    at: dt.datetime | None = None,
) -> LogEntry:
    """The entry ``log`` writes, not yet stored: for a service that stores several in one insert
    (the group commit of status reports)."""
    return LogEntry(
        incident=incident,
        created_at=at or timezone.now(),
        author=author if getattr(author, "is_authenticated", False) else None,
        author_name=author_name or _name(author),
        kind=kind,
        text=logtext.written(message, params or {}) if message else text,
        message=message,
        params=params or {},
        point=point,
        corrects=corrects,
        highlight=highlight,
    )


@transaction.atomic
def correct_log_entry(*, entry: LogEntry, text: str, author: Any) -> LogEntry:
    """A correction is a new entry that refers to the old one; the old one stays as it was."""
    if not text.strip():
        raise ValidationError({"text": [_("Write what the correction is.")]})
    return log(
        incident=entry.incident,
        text=text,
        kind=LogKind.CORRECTION,
        author=author,
        point=entry.point,
        corrects=entry,
    )
