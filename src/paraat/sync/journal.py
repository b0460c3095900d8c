"""The change journal: every save of a synced model writes one Change with a clock stamp.

It hangs on the model signals of the synced models only, as the audit trail does (core.audit),
so no service, command or importer can change a synced record without it reaching the journal.
Rows written by a merge are journaled by the merge itself (with their own stamp and origin),
so the hook stays out while a bundle is applied.
"""

from __future__ import annotations

import contextvars
import copy
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models.signals import post_save, pre_save

from paraat.core.audit import _plain
from paraat.core.rows import insert as insert_rows
from paraat.sync import hlc, registry
from paraat.sync.constants import Policy

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


def _process_clock(node: str) -> hlc.Clock:
    """This process's clock of ``node``; a forked worker or another node gets a new one."""
    with _clock_lock:
        if _clock is None or _clock.node != node or _clock_pid != os.getpid():
            _set_clock(hlc.Clock(node, wall=_wall))
        assert _clock is not None
        return _clock


def _top_stamp() -> hlc.Stamp | None:
    from paraat.sync.models import Change

    top = Change.objects.order_by("-stamp").values_list("stamp", flat=True).first()
    return hlc.Stamp.parse(top) if top else None


def clock() -> hlc.Clock:
    """The clock of this instance, moved past every stamp in the journal.

    Every process of an instance (web workers, the background worker, a command) keeps its own
    clock; each write of the journal first moves it past the journal's newest stamp, read in the
    same statement as the node id (``_write``), so a change made after another process's change
    or a merge always stamps after it.
    """
    found = _process_clock(instance().node)
    found.now(after=_top_stamp())
    return found


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


@dataclass
class _Row:
    label: str
    uid: str
    fields: dict[str, Any]
    # A new row of an append-only model: nothing was stamped before it, no base to look up.
    fresh: bool


@dataclass
class _Batch:
    rows: list[_Row] = field(default_factory=list)
    # Rows loaded under a lock held to the end of the transaction (``locked``).
    locked: list[models.Model] = field(default_factory=list)


_batch: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar(
    "paraat_sync_batch", default=None
)


@contextmanager
def batch() -> Iterator[None]:
    """Write the journal rows of the changes made in this block at its end, in one statement.

    Use it inside the transaction of the changes (``with transaction.atomic(), journal.batch():``)
    around a block that does not catch a rolled-back savepoint of its own: an exception leaves
    nothing to write, as the transaction it rolls back wrote nothing either.
    """
    if _batch.get() is not None:
        yield
        return
    current = _Batch()
    token = _batch.set(current)
    try:
        yield
    finally:
        _batch.reset(token)
        for row in current.locked:
            row.__dict__.pop("_sync_stored", None)
    if current.rows:
        _write(current.rows)


def locked(instance_: models.Model) -> None:
    """Say that ``instance_`` was just read under a lock held until the transaction ends
    (``select_for_update``; on SQLite the IMMEDIATE transaction's write lock): its values are the
    stored ones, so saving it within the current ``batch`` reads nothing to find what changed.
    Outside a batch this does nothing."""
    current = _batch.get()
    if current is None or registry.spec_of(type(instance_)) is None:
        return
    instance_._sync_stored = _raw_values(instance_)  # type: ignore[attr-defined]
    current.locked.append(instance_)


def _raw_values(instance_: models.Model) -> dict[str, Any]:
    return {
        f.name: copy.deepcopy(registry.raw_value(instance_, f))
        for f in registry.synced_fields(type(instance_))
    }


def _state(rows: list[_Row]) -> tuple[str, hlc.Stamp | None, dict[tuple[str, str, str], str]]:
    """The node, the journal's newest stamp and the newest stamp of each field the rows change
    that is not fresh, in one query.

    Written as SQL: it runs inside every status report's write lock, and building it through the
    ORM (a subquery per field) cost more CPU than all the report's other statements together.
    """
    wanted = [(r.label, r.uid, name) for r in rows if not r.fresh for name in r.fields]
    wanted = list(dict.fromkeys(wanted))
    sql, params = _state_sql(wanted)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
        if found is None:  # the first change of this instance: make its node id
            instance()
            cursor.execute(sql, params)
            found = cursor.fetchone()
    assert found is not None
    node, top, *stamps = found
    bases = {key: stamp for key, stamp in zip(wanted, stamps, strict=True) if stamp}
    return node, hlc.Stamp.parse(top) if top else None, bases


def _state_sql(wanted: list[tuple[str, str, str]]) -> tuple[str, list[Any]]:
    """``SELECT node, (newest stamp), (newest stamp of field 1), ... FROM the instance row``."""
    from paraat.sync.models import Change, Instance

    quote = connection.ops.quote_name
    change, inst = quote(Change._meta.db_table), quote(Instance._meta.db_table)
    if connection.vendor == "postgresql":
        has_key = "jsonb_exists(c.fields, %s)"
    else:
        has_key = "json_type(c.fields, %s) IS NOT NULL"
    # Table names from the models, every value a parameter: nothing from outside is in the text.
    top = "(SELECT c.stamp FROM {change} c ORDER BY c.stamp DESC LIMIT 1)"
    of_field = (
        "(SELECT c.stamp FROM {change} c WHERE c.model = %s AND c.record_uid = %s "
        "AND {has_key} ORDER BY c.stamp DESC LIMIT 1)"
    )
    columns = [top.format(change=change)]
    params: list[Any] = []
    for label, uid, name in wanted:
        columns.append(of_field.format(change=change, has_key=has_key))
        key = name if connection.vendor == "postgresql" else '$."' + name + '"'
        params += [label, uid, key]
    sql = "SELECT i.node, {} FROM {} i ORDER BY i.id LIMIT 1".format(", ".join(columns), inst)  # noqa: S608 (no outside text, above)
    return sql, params


def _write(rows: list[_Row]) -> None:
    """Stamp the rows in order and insert them: one query for the clock and bases, one insert."""
    from paraat.sync.models import Change

    node, top, bases = _state(rows)
    clock_ = _process_clock(node)
    stamp = clock_.now(after=top)
    made = []
    for i, row in enumerate(rows):
        if i:
            stamp = clock_.now()
        text = str(stamp)
        base = {name: bases.get((row.label, row.uid, name), "") for name in row.fields}
        made.append(
            Change(
                model=row.label, record_uid=row.uid, stamp=text, origin=node,
                fields=row.fields, base=base,
            )
        )  # fmt: skip
        for name in row.fields:  # a later row of the same record sees this one as its base
            bases[(row.label, row.uid, name)] = text
    # One INSERT written once per number of rows (``core.rows``): it runs inside the write lock
    # of every group of status reports, where the ORM's bulk_create cost more than the insert.
    insert_rows(Change, made)


def _add(row: _Row) -> None:
    current = _batch.get()
    if current is None:
        _write([row])
    else:
        current.rows.append(row)


def journal(instance_: models.Model, fields: dict[str, Any], *, fresh: bool = False) -> None:
    """Journal a change of ``fields`` (portable values) of a synced row; ``fresh`` when the
    record has no change in the journal yet (a new row of an append-only model), so its fields
    have no stamps to look up."""
    label = instance_._meta.label_lower
    uid = str(uuid.UUID(str(instance_.uid)))  # type: ignore[attr-defined]
    _add(_Row(label, uid, fields, fresh))


def values(instance_: models.Model) -> dict[str, Any] | None:
    """The portable values a save of the new row ``instance_`` journals (``saved``); None for a
    model that does not sync. Its foreign keys should be loaded on it: then nothing is read."""
    if registry.spec_of(type(instance_)) is None:
        return None
    return registry.values_of(instance_)


def saved(
    instance_: models.Model,
    *,
    created: bool,
    values: dict[str, Any] | None = None,
    fields: Any = (),
) -> None:
    """Journal a row written in SQL, without its save (a status report's group commit), as the
    save's signals would have: a new row with all its ``values`` (from ``values``), a changed
    row with the ``fields`` named (whose new values are on ``instance_``)."""
    if _applying.get():
        return
    spec = registry.spec_of(type(instance_))
    if spec is None:
        return
    if created:
        found = registry.values_of(instance_) if values is None else values
        journal(instance_, found, fresh=spec.policy == Policy.APPEND)
        return
    named = set(fields)
    changed = {
        f.name: registry.portable(instance_, f)
        for f in registry.synced_fields(type(instance_))
        if f.name in named
    }
    if changed:
        journal(instance_, changed)
    stored = getattr(instance_, "_sync_stored", None)
    if stored is not None:  # still locked: what is stored now is what was just written
        stored.update(
            {
                f.name: copy.deepcopy(registry.raw_value(instance_, f))
                for f in registry.synced_fields(type(instance_))
                if f.name in named
            }
        )


def _tracked(sender: type[models.Model], update_fields: Any) -> list[models.Field]:  # type: ignore[type-arg]
    """The synced fields a save writes: those named in ``update_fields``, or all of them."""
    fields = registry.synced_fields(sender)
    if update_fields is None:
        return fields
    named = set(update_fields)
    return [f for f in fields if f.name in named or f.attname in named]


def _pre_save(
    sender: type[models.Model], instance: models.Model, raw: bool, update_fields: Any, **kw: Any
) -> None:
    if raw or _applying.get() or registry.spec_of(sender) is None or instance.pk is None:
        return
    fields = _tracked(sender, update_fields)
    stored = getattr(instance, "_sync_stored", None)
    if stored is not None:  # read under a lock this transaction holds (``locked``)
        instance._sync_before = {f.name: stored[f.name] for f in fields}  # type: ignore[attr-defined]
        return
    if not fields:
        instance._sync_before = {}  # type: ignore[attr-defined]
        return
    # The stored values of the fields this save writes (a foreign key by id): what it changes.
    old = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list(*(f.attname for f in fields))
        .first()
    )
    if old is None:
        instance._sync_before = None  # type: ignore[attr-defined]
        return
    before = {}
    for f, value in zip(fields, old, strict=True):
        before[f.name] = value if isinstance(f, models.ForeignKey) else _plain(value)
    instance._sync_before = before  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool,
    update_fields: Any,
    **kw: Any,
) -> None:
    if raw or _applying.get():
        return
    spec = registry.spec_of(sender)
    if spec is None:
        return
    before = None if created else getattr(instance, "_sync_before", None)
    if before is None:
        changed = registry.values_of(instance)
    else:
        changed = {
            f.name: registry.portable(instance, f)
            for f in _tracked(sender, update_fields)
            if f.name in before and before[f.name] != registry.raw_value(instance, f)
        }
    if changed:
        journal(instance, changed, fresh=created and spec.policy == Policy.APPEND)
    stored = getattr(instance, "_sync_stored", None)
    if stored is not None:  # still locked: what is stored now is what this save wrote
        stored.update(
            {
                f.name: copy.deepcopy(registry.raw_value(instance, f))
                for f in _tracked(sender, update_fields)
            }
        )


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
