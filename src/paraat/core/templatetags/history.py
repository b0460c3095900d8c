"""Template filters for ``paraat.core.history``: ``{{ entry|history_sentence }}`` (what changed, by
whom, when) and ``{{ entry|history_changes }}`` (the "label old → new" parts). Built in."""

from __future__ import annotations

from django import template

from paraat.core import history
from paraat.core.models import AuditEntry

register = template.Library()


@register.filter
def history_sentence(entry: AuditEntry) -> str:
    return history.sentence(entry)


@register.filter
def history_changes(entry: AuditEntry) -> list[str]:
    return history.changes(entry)
