"""The change journal: every save of a synced model writes one Change with a clock stamp.

It hangs on the model signals of the synced models only, as the audit trail does (core.audit),
so no service, command or importer can change a synced record without it reaching the journal.
Rows written by a merge are journaled by the merge itself (with their own stamp and origin),
so the hook stays out while a bundle is applied.
"""

from __future__ import annotations

import contextvars
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.db.models.signals import post_save, pre_save

from paraat.sync import hlc, registry

_applying: contextvars.ContextVar[bool] = contextvars.ContextVar("paraat_sync_apply", default=False)
_clock: hlc.Clock | None = None
_clock_lock = threading.Lock()


@contextmanager
def applying() -> Iterator[None]:
    token = _applying.set(True)
    try:
        yield
    finally:
        _applying.reset(token)


def _wall() -> int:
    return hlc.wall_ms() + int(settings.PARAAT_SYNC_CLOCK_SKEW_SECONDS) * 1000


def instance() -> Any:
    """This instance's row, made on first use with a new node id."""
    from paraat.sync.models import Instance

    found = Instance.objects.first()
    if found is None:
        with applying():  # its own audit entry is local: no change to journal before a node id
            found, _created = Instance.objects.get_or_create(
                pk=1,
                defaults={
                    "node": uuid.uuid4().hex[:12],
                    "name": settings.PARAAT_SYNC_INSTANCE_NAME,
                },
            )
    return found


def clock() -> hlc.Clock:
    """The clock of this instance, started past every stamp in the journal."""
    global _clock
    from paraat.sync.models import Change

    node = instance().node
    with _clock_lock:
        if _clock is None or _clock.node != node or _clock_pid != os.getpid():
            top = Change.objects.aggregate(top=Max("stamp"))["top"]
            _set_clock(hlc.Clock(node, wall=_wall, last=hlc.Stamp.parse(top) if top else None))
        assert _clock is not None
        return _clock


_clock_pid = 0


def _set_clock(value: hlc.Clock | None) -> None:
    global _clock, _clock_pid
    _clock, _clock_pid = value, os.getpid()


def reset_clock() -> None:
    """Forget the clock (a test that swaps databases)."""
    _set_clock(None)


def field_stamps(label: str, uid: str) -> dict[str, str]:
    """The newest stamp of each field of a record, over every change in the journal."""
    from paraat.sync.models import Change

    stamps: dict[str, str] = {}
    for stamp, fields in Change.objects.of_record(label, uid).values_list("stamp", "fields"):
        for name in fields:
            if stamp > stamps.get(name, ""):
                stamps[name] = stamp
    return stamps


def journal(instance_: models.Model, fields: dict[str, Any]) -> None:
    from paraat.sync.models import Change

    label = instance_._meta.label_lower
    uid = str(instance_.uid)  # type: ignore[attr-defined]
    known = field_stamps(label, uid)
    Change.objects.create(
        model=label,
        record_uid=uid,
        stamp=str(clock().now()),
        origin=instance().node,
        fields=fields,
        base={name: known.get(name, "") for name in fields},
    )


def _pre_save(sender: type[models.Model], instance: models.Model, raw: bool, **kw: Any) -> None:
    if raw or _applying.get() or registry.spec_of(sender) is None or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._sync_before = registry.values_of(old) if old is not None else None  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool, **kw: Any
) -> None:
    if raw or _applying.get() or registry.spec_of(sender) is None:
        return
    after = registry.values_of(instance)
    before = None if created else getattr(instance, "_sync_before", None)
    changed = after if before is None else {k: v for k, v in after.items() if before.get(k) != v}
    if changed:
        journal(instance, changed)


def _m2m_changed(sender: Any, instance: models.Model, action: str, **kw: Any) -> None:
    if _applying.get() or action not in ("post_add", "post_remove", "post_clear"):
        return
    if instance._meta.label_lower != "operations.incident":
        return
    journal(instance, {"municipalities": registry.values_of(instance)["municipalities"]})


def connect() -> None:
    from django.db.models.signals import m2m_changed

    from paraat.operations.models import Incident

    pre_save.connect(_pre_save, dispatch_uid="paraat_sync_pre_save")
    post_save.connect(_post_save, dispatch_uid="paraat_sync_post_save")
    m2m_changed.connect(
        _m2m_changed, sender=Incident.municipalities.through, dispatch_uid="paraat_sync_m2m"
    )
