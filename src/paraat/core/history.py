"""The change history of a record as sentences: "capaciteit 120 → 150, door J. de Vries, 3 december
14:02", not a raw diff of the audit trail (``paraat.core.audit``).

Each changed field reads by its label (the model field's ``verbose_name``, translated), old → new:
a choice by its label, a yes/no field as ja/nee, a date or time in the one format of
``paraat.core.when``, a related row by its name. Who and when close the sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from paraat.core import when
from paraat.core.audit import REDACTED
from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry

EMPTY = "–"
LONGEST = 40
MOST_FIELDS = 8


def _model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.model)
    except (LookupError, ValueError):
        return None


def _fields(model: type[models.Model] | None) -> dict[str, models.Field[Any, Any]]:
    if model is None:
        return {}
    return {field.attname: field for field in model._meta.concrete_fields}


def _short(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def value_text(field: models.Field[Any, Any] | None, value: Any) -> str:
    """One stored value as a reader knows it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if value == REDACTED:
        return _("(personal data)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return _short(str(labels.get(str(value), value)))
    if isinstance(field, models.ForeignKey) and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return _short(str(related)) if related is not None else f"#{value}"
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return when.date_time(dt.datetime.fromisoformat(value))
    if isinstance(field, models.DateField) and isinstance(value, str):
        return when.date(dt.date.fromisoformat(value))
    if isinstance(value, list):
        return _short(", ".join(str(item) for item in value))
    return _short(str(value))


def who(entry: AuditEntry) -> str:
    """The person who made the change, "J. de Vries", else the account name or the label."""
    actor = entry.actor
    if actor is not None and actor.first_name and actor.last_name:
        return f"{actor.first_name[0]}. {actor.last_name}"
    if actor is not None and actor.get_full_name():
        return str(actor.get_full_name())
    return entry.actor_label or _("system")


def changes(entry: AuditEntry) -> list[str]:
    """Each changed field of an update as "label old → new", in the order of the model's fields."""
    if entry.action != AuditAction.UPDATE:
        return []
    fields = _fields(_model(entry))
    order = list(fields)
    # A time stamp that moves with every save says nothing the sentence's own time does not.
    stamps = {name for name, field in fields.items() if getattr(field, "auto_now", False)}
    changed = sorted(
        (item for item in entry.changed_fields() if item[0] not in stamps),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    parts = []
    for name, before, after in changed[:MOST_FIELDS]:
        field = fields.get(name)
        label = str(field.verbose_name) if field is not None else name
        parts.append(f"{label} {value_text(field, before)} → {value_text(field, after)}")
    if len(changed) > MOST_FIELDS:
        parts.append(_("and %(n)s more") % {"n": len(changed) - MOST_FIELDS})
    return parts


def sentence(entry: AuditEntry) -> str:
    """The whole entry in one line: what changed (or what was done), by whom, when."""
    what = changes(entry) or [str(entry.get_action_display())]
    by = _("by %(name)s") % {"name": who(entry)}
    return ", ".join([*what, by, when.date_time(entry.created_at)])
