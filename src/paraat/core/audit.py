"""The audit trail: every create, change and delete of a domain model, with before and after values.

It hangs on model signals rather than on each service, so no domain model can slip past it: the
actor comes from a context variable that the request middleware, commands and services set.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import functools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from paraat.core.constants import AuditAction

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("paraat_audit_actor", default=None)
_label: contextvars.ContextVar[str] = contextvars.ContextVar("paraat_audit_label", default="")

# Models whose rows are themselves a trail (immutable, with author and time), or carry secrets,
# are not audited row by row.
EXCLUDED = {
    "core.auditentry",
    "operations.statusreport",
    "operations.logentry",
    "sync.change",  # the sync journal: a trail itself, written with every audited change
    "sync.peer",  # how far each exchange got: rewritten by every exchange, would never settle
    "accounts.logingate",
    "otp_totp.totpdevice",
    "sessions.session",
    "knowledge.searchtext",  # derived from the item and its file, which are audited
}
AUDITED_APP_PREFIX = "paraat."
SECRET_FIELDS = {"password", "key", "token", "key_hash"}
# A model lists its personal fields in AUDIT_REDACTED_FIELDS (community.Volunteer,
# operations.RelayedReport): the trail records that they were written, changed or erased, never
# their values, so erasing the row erases the person.
REDACTED = "(personal data)"
# A model lists in AUDIT_DERIVED_FIELDS the fields that only follow from rows which are a trail
# themselves (operations.Activation: its first, opened and latest report follow from the status
# reports). A save that changes nothing else writes no entry: the report that moved the pointer,
# with its author, channel and time, is the record of that change (docs/operations.md).


@contextmanager
def acting_as(user: Any = None, label: str = "") -> Iterator[None]:
    """Attribute every change made inside this block to ``user`` (or a label like 'import')."""
    token_a = _actor.set(user if getattr(user, "is_authenticated", False) else None)
    token_l = _label.set(label or (getattr(user, "username", "") or ""))
    try:
        yield
    finally:
        _actor.reset(token_a)
        _label.reset(token_l)


def current_actor() -> Any:
    return _actor.get()


def current() -> tuple[Any, str]:
    """Whom changes are attributed to now: to hand to ``restoring`` in another thread."""
    return _actor.get(), _label.get()


@contextmanager
def restoring(state: tuple[Any, str]) -> Iterator[None]:
    """Attribute the changes in this block as ``current()`` did where ``state`` was taken (a
    change one thread makes for another, as the group commit of status reports does)."""
    token_a, token_l = _actor.set(state[0]), _label.set(state[1])
    try:
        yield
    finally:
        _actor.reset(token_a)
        _label.reset(token_l)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a row as JSON-ready data (foreign keys by id)."""
    data: dict[str, Any] = {}
    redacted = set(getattr(instance, "AUDIT_REDACTED_FIELDS", ()))
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = getattr(instance, field.attname)
        if field.name in redacted:
            data[field.attname] = REDACTED if value not in (None, "") else ""
            continue
        data[field.attname] = _plain(value)
    return data


def _redacted_values(instance: models.Model) -> dict[str, Any]:
    return {
        name: getattr(instance, name) for name in getattr(instance, "AUDIT_REDACTED_FIELDS", ())
    }


REGION_MODEL = "areas.region"
REGION_PATH_DEPTH = 4


@functools.cache
def region_path(model: type[models.Model]) -> tuple[str, ...] | None:
    """The foreign keys that lead from ``model`` to its safety region, shortest first.

    Found once per model from its fields (breadth first), so a new model is placed in its region
    without a rule of its own; paths through a user (who made or changed a row) count only when
    no domain path exists. None: the model belongs to no region (install-wide rows).
    """
    if model._meta.label_lower == REGION_MODEL:
        return ()
    user_label = settings.AUTH_USER_MODEL.lower()
    for allow_users in (False, True):
        queue: list[tuple[type[models.Model], tuple[str, ...]]] = [(model, ())]
        seen = {model}
        while queue:
            current, path = queue.pop(0)
            if len(path) >= REGION_PATH_DEPTH:
                continue
            for field in current._meta.concrete_fields:
                target = field.related_model
                if not field.many_to_one and not field.one_to_one or target is None:
                    continue
                if target == "self" or not isinstance(target, type):
                    continue
                if target._meta.label_lower == REGION_MODEL:
                    return (*path, field.name)
                if target._meta.label_lower == user_label and not allow_users:
                    continue
                if target not in seen:
                    seen.add(target)
                    queue.append((target, (*path, field.name)))
    return None


def region_id_of(instance: models.Model) -> int | None:
    """The pk of the region ``instance`` belongs to, following ``region_path``; None if none."""
    path = region_path(type(instance))
    if path is None:
        return None
    if not path:
        return instance.pk  # type: ignore[no-any-return]
    current: Any = instance
    for name in path[:-1]:
        try:
            current = getattr(current, name)
        except ObjectDoesNotExist:
            return None
        if current is None:
            return None
    return getattr(current, f"{path[-1]}_id", None)


def _audited(sender: type[models.Model]) -> bool:
    label = sender._meta.label_lower
    return sender.__module__.startswith(AUDITED_APP_PREFIX) and label not in EXCLUDED


def record(
    *,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Write one audit entry; used by the signals and directly for views of personal data."""
    from paraat.core.models import AuditEntry

    actor = _actor.get()
    region_id = region_id_of(instance)
    if region_id is None:
        region_id = getattr(actor, "region_id", None)
    if action == AuditAction.DELETE and region_id is not None:
        # A region deleted with its rows: keep their entries, in no region.
        Region = apps.get_model("areas", "Region")
        if not Region.objects.filter(pk=region_id).exists():
            region_id = None
    AuditEntry.objects.create(
        actor=actor,
        region_id=region_id,
        actor_label=(_label.get() or getattr(actor, "username", "") or "system")[:150],
        action=action,
        model=instance._meta.label_lower,
        object_pk=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
        note=note[:300],
    )


def _derived(sender: type[models.Model]) -> frozenset[str]:
    return frozenset(getattr(sender, "AUDIT_DERIVED_FIELDS", ()))


def _only_derived(sender: type[models.Model], update_fields: Any) -> bool:
    """A save of derived fields only (``save(update_fields=...)``): no entry, no read before."""
    derived = _derived(sender)
    return bool(derived) and update_fields is not None and set(update_fields) <= derived


def _pre_save(sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any) -> None:
    if raw or not _audited(sender) or instance.pk is None:
        return
    if _only_derived(sender, kwargs.get("update_fields")):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]
    instance._audit_redacted_before = _redacted_values(old) if old is not None else {}  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool, **kwargs: Any
) -> None:
    if raw or not _audited(sender):
        return
    if not created and _only_derived(sender, kwargs.get("update_fields")):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, "_audit_before", None)
    old_personal = {} if created else getattr(instance, "_audit_redacted_before", {})
    changed = sorted(
        k
        for k, v in _redacted_values(instance).items()
        if k in old_personal and old_personal[k] != v
    )
    if before == after and not changed:
        return
    if before is not None and not changed and _same_but_derived(sender, before, after):
        return
    action = AuditAction.CREATE if created or before is None else AuditAction.UPDATE
    note = f"personal data changed: {', '.join(changed)}" if changed else ""
    record(action=action, instance=instance, before=before, after=after, note=note)


def _same_but_derived(
    sender: type[models.Model], before: dict[str, Any], after: dict[str, Any]
) -> bool:
    derived = _derived(sender)
    if not derived:
        return False
    names = {f.attname for f in sender._meta.concrete_fields if f.name in derived}
    return {k: v for k, v in before.items() if k not in names} == {
        k: v for k, v in after.items() if k not in names
    }


def _post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _audited(sender):
        return
    record(action=AuditAction.DELETE, instance=instance, before=snapshot(instance), after=None)


def connect_signals() -> None:
    pre_save.connect(_pre_save, dispatch_uid="paraat_audit_pre_save")
    post_save.connect(_post_save, dispatch_uid="paraat_audit_post_save")
    post_delete.connect(_post_delete, dispatch_uid="paraat_audit_post_delete")


def audited_models() -> list[str]:
    """Labels of every model the trail covers (used by a test that keeps this list honest)."""
    return sorted(m._meta.label_lower for m in apps.get_models() if _audited(m))


def set_actor(user: Any) -> None:
    """Attribute the rest of this request to ``user`` (for API token auth, which runs after middleware).

    The request middleware's ``acting_as`` block restores the previous value when the request ends.
    """
    if getattr(user, "is_authenticated", False):
        _actor.set(user)
        _label.set(getattr(user, "username", "") or "")
