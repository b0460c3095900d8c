"""Merging received changes into this instance: the policies of docs/sync.md, in batches.

A bundle of a laptop that was apart for days holds a hundred thousand changes, most of them
new append-only records (status reports, logbook and audit entries) and a stream of edits of
the same few rows (each report moves its point's activation). Merging them one by one costs
several queries each; the ``Merger`` gives the same result with few:

- what is already here is looked up once per model for the whole bundle (by uid, and by a
  natural key of one field such as a report's idempotency key), then kept up to date in memory;
- foreign keys are resolved through a cache (a uid, code or username maps to the same pk for the
  whole merge);
- the stamps of a record's fields are read from the journal once, then follow the merge;
- new append-only records and the journal's own rows are inserted in batches (``bulk_create``);
- an edit that does not conflict is kept on the row in memory; the row is saved once per batch
  with every edit it received, so the audit trail gets one entry per record and batch;
- a change that meets a concurrent one (the conflict paths) first writes everything pending and
  then takes the same path, on a fresh row, as a change merged alone.

The caller holds the transaction: a merge is whole or absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from paraat.operations.constants import RequestStatus
from paraat.sync import hlc, journal, registry
from paraat.sync.constants import ConflictKind, Policy
from paraat.sync.models import Change, Conflict

IN_PROGRESS = {RequestStatus.CLAIMED, RequestStatus.ASSIGNED}
FINISHED = {RequestStatus.DONE, RequestStatus.CANCELLED}
BATCH = 2_000  # rows kept in memory before they are written
CHUNK = 500  # values in one IN (...) lookup (SQLite's limit on parameters)


@dataclass
class ImportResult:
    changes: int = 0
    applied: int = 0
    already: int = 0
    created: int = 0
    conflicts: int = 0
    skipped: int = 0
    by_model: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def chunks(values: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def opposite(a: Any, b: Any) -> bool:
    """A request finished on one side and taken up on the other: no rule may decide that."""
    return (
        (a in FINISHED and b in IN_PROGRESS)
        or (a in IN_PROGRESS and b in FINISHED)
        or (a in FINISHED and b in FINISHED and a != b)
    )


def known_change_ids(ids: list[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(ids):
        found.update(
            str(u)
            for u in Change.objects.filter(change_id__in=part).values_list("change_id", flat=True)
        )
    return found


class Merger:
    """One merge: its caches, its pending rows and its counts. Use ``merge`` then ``finish``."""

    def __init__(self, changes: list[dict[str, Any]], source_name: str) -> None:
        self.source_name = source_name
        self.result = ImportResult(changes=len(changes))
        self.clock: hlc.Clock = journal.clock()
        self.pk_cache: dict[tuple[str, Any], Any] = {}
        self.key_cache: dict[tuple[str, Any], Any] = {}
        self.present: dict[str, dict[str, Any]] = {}  # label -> uid -> pk of the rows here
        self.natural: dict[
            str, dict[Any, Any]
        ] = {}  # label -> value of a one-field natural key -> pk
        self.rows: dict[tuple[str, str], models.Model] = {}  # rows of edited records, by uid
        self.db_stamps: dict[tuple[str, str], dict[str, str]] = {}
        self.new_stamps: dict[tuple[str, str], dict[str, str]] = {}
        self.pending: dict[str, dict[str, models.Model]] = {}  # label -> uid -> new append row
        self.dirty: dict[int, tuple[models.Model, dict[str, Any]]] = {}  # id(row) -> row, values
        self.journal_rows: list[dict[str, Any]] = []  # Change rows to write
        self._preload(changes)

    # What is here already, once for the whole bundle.

    def _preload(self, changes: list[dict[str, Any]]) -> None:
        uids: dict[str, set[str]] = {}
        for change in changes:
            if change.get("model") in registry.SPECS:
                uids.setdefault(change["model"], set()).add(str(change["uid"]))
        for label, wanted in uids.items():
            manager = registry.model_of(label)._default_manager
            found = self.present.setdefault(label, {})
            for part in chunks(sorted(wanted)):
                for uid, pk in manager.filter(uid__in=part).values_list("uid", "pk"):
                    found[str(uid)] = pk
            key = self._one_field_key(label)
            if key is None:
                continue
            values = sorted(
                {c["fields"].get(key) for c in changes if c.get("model") == label} - {None}
            )
            index = self.natural.setdefault(label, {})
            for part in chunks(values):
                for value, pk in manager.filter(**{f"{key}__in": part}).values_list(key, "pk"):
                    index[value] = pk

    @staticmethod
    def _one_field_key(label: str) -> str | None:
        """The natural key when it is one plain field (a report's idempotency key)."""
        spec = registry.SPECS[label]
        if len(spec.natural_key) != 1:
            return None
        model = registry.model_of(label)
        f = model._meta.get_field(spec.natural_key[0])
        return None if f.is_relation else f.name

    # Foreign keys through a cache; a key of a row still pending writes the pending rows first.

    def fk_pk(self, f: models.ForeignKey, key: Any) -> Any:  # type: ignore[type-arg]
        if key is None:
            return None
        label = f.related_model._meta.label_lower  # type: ignore[union-attr]
        cached = self.pk_cache.get((label, key))
        if cached is not None:
            return cached
        if key in self.pending.get(label, {}):
            self.flush()
            cached = self.pk_cache.get((label, key))
            if cached is not None:
                return cached
        pk = registry._fk_pk(f, key)
        if pk is not None:
            self.pk_cache[(label, key)] = pk
            self.key_cache[(label, pk)] = key
        return pk

    def fk_key(self, f: models.ForeignKey, pk: Any) -> Any:  # type: ignore[type-arg]
        if pk is None:
            return None
        label = f.related_model._meta.label_lower  # type: ignore[union-attr]
        cached = self.key_cache.get((label, pk))
        if cached is not None:
            return cached
        key = registry._fk_key(f, pk)
        if key is not None:
            self.key_cache[(label, pk)] = key
            self.pk_cache[(label, key)] = pk
        return key

    def _will_resolve(self, f: models.ForeignKey, key: Any) -> bool:  # type: ignore[type-arg]
        """Whether ``key`` names a row that is here (or pending), as a merge of one change sees."""
        label = f.related_model._meta.label_lower  # type: ignore[union-attr]
        if key in self.pending.get(label, {}) or (label, key) in self.pk_cache:
            return True
        return self.fk_pk(f, key) is not None

    # Stamps of a record's fields: the journal once, then what this merge added.

    def field_stamps(self, label: str, uid: str) -> dict[str, str]:
        key = (label, uid)
        stamps = self.db_stamps.get(key)
        if stamps is None:
            stamps = self.db_stamps[key] = journal.field_stamps(label, uid)
        newer = self.new_stamps.get(key)
        if not newer:
            return stamps
        merged = dict(stamps)
        for name, stamp in newer.items():
            if stamp > merged.get(name, ""):
                merged[name] = stamp
        return merged

    # One change.

    def merge(self, change: dict[str, Any]) -> None:
        """Merge one change (the caller has checked it is new and of a synced model)."""
        self.clock.receive(change["stamp"])
        label = change["model"]
        spec = registry.SPECS[label]
        model = registry.model_of(label)
        if spec.policy == Policy.APPEND:
            if not self._append_is_here(model, spec, change):
                self._add_append(model, change)
                self.result.created += 1
        else:
            row = self._find(model, spec, change)
            if row is None:
                self._create(model, change)
                self.result.created += 1
            else:
                self._edit(row, spec, change)
        self._journal(change)
        self.result.applied += 1
        self.result.by_model[label] = self.result.by_model.get(label, 0) + 1

    def _journal(self, change: dict[str, Any]) -> None:
        self.journal_rows.append(
            {
                "change_id": change["id"], "model": change["model"], "record_uid": change["uid"],
                "stamp": change["stamp"], "origin": change["origin"], "fields": change["fields"],
                "base": change["base"],
            }
        )  # fmt: skip
        newer = self.new_stamps.setdefault((change["model"], str(change["uid"])), {})
        for name in change["fields"]:
            if change["stamp"] > newer.get(name, ""):
                newer[name] = change["stamp"]
        if len(self.journal_rows) >= BATCH:
            self.flush()

    def _append_is_here(
        self, model: type[models.Model], spec: registry.Spec, change: dict[str, Any]
    ) -> bool:
        label = change["model"]
        uid = str(change["uid"])
        if uid in self.present.get(label, {}) or uid in self.pending.get(label, {}):
            return True
        if not spec.natural_key:
            return False
        key = self._one_field_key(label)
        if key is not None:
            value = change["fields"].get(key)
            return value is not None and value in self.natural.get(label, {})
        return self._find_by_natural_key(model, spec, change) is not None

    def _find(self, model: type[models.Model], spec: registry.Spec, change: dict[str, Any]) -> Any:
        label, uid = change["model"], str(change["uid"])
        row = self.rows.get((label, uid))
        if row is not None:
            return row
        if uid in self.present.get(label, {}):
            row = model._default_manager.filter(uid=uid).first()
        elif spec.natural_key:
            row = self._find_by_natural_key(model, spec, change)
        if row is not None:
            self.rows[(label, uid)] = row
        return row

    def _find_by_natural_key(
        self, model: type[Any], spec: registry.Spec, change: dict[str, Any]
    ) -> Any:
        probe = model(uid=change["uid"])
        registry.apply_values(
            probe, {k: change["fields"].get(k) for k in spec.natural_key}, fk_pk=self.fk_pk
        )
        lookup = {}
        for name in spec.natural_key:
            f = model._meta.get_field(name)
            value = getattr(probe, f.attname)
            if value is None:
                return None
            lookup[f.attname] = value
        return model._default_manager.filter(**lookup).first()

    def _fields_of(self, model: type[models.Model], change: dict[str, Any]) -> dict[str, Any]:
        values = dict(change["fields"])
        if model._meta.label_lower == "core.auditentry" and self.source_name:
            values["note"] = f"[{self.source_name}] {values.get('note') or ''}".strip()[:300]
        return values

    def _add_append(self, model: type[models.Model], change: dict[str, Any]) -> None:
        """A new append-only record: built now, inserted with its batch."""
        label, uid = change["model"], str(change["uid"])
        row = model(uid=uid)
        values = self._fields_of(model, change)
        registry.apply_values(row, values, fk_pk=self.fk_pk)
        row._sync_origin_times = self._origin_times(model, values)  # type: ignore[attr-defined]
        self.pending.setdefault(label, {})[uid] = row
        key = self._one_field_key(label)
        if key is not None and getattr(row, key) is not None:
            self.natural.setdefault(label, {})[getattr(row, key)] = None  # here from now on
        if sum(len(rows) for rows in self.pending.values()) >= BATCH:
            self.flush()

    @staticmethod
    def _origin_times(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
        # Django sets auto_now_add fields on insert; the record keeps the time of its origin.
        return {
            f.attname: f.to_python(values[f.name])
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now_add", False) and values.get(f.name)
        }

    def _create(self, model: type[models.Model], change: dict[str, Any]) -> None:
        """A new record of an editable model: saved now, as a service would (audit trail)."""
        label, uid = change["model"], str(change["uid"])
        row = model(uid=uid)
        values = self._fields_of(model, change)
        many = registry.apply_values(row, values, fk_pk=self.fk_pk)
        row.save(force_insert=True)
        registry.apply_many(row, values, many)
        fixed = self._origin_times(model, values)
        if fixed:
            model._base_manager.filter(pk=row.pk).update(**fixed)
            for attname, value in fixed.items():
                setattr(row, attname, value)
        self.present.setdefault(label, {})[uid] = row.pk
        self.pk_cache[(label, uid)] = row.pk
        self.key_cache[(label, row.pk)] = uid
        self.rows[(label, uid)] = row

    def _edit(self, row: Any, spec: registry.Spec, change: dict[str, Any]) -> None:
        label = change["model"]
        local = self.field_stamps(label, str(row.uid))
        if any(
            local.get(name, "") and change["base"].get(name, "") != local.get(name, "")
            for name in change["fields"]
        ):
            self._edit_concurrent(spec, change)
            return
        take = {
            name: v for name, v in change["fields"].items() if change["stamp"] > local.get(name, "")
        }
        if not take:
            return
        # An edit that saw everything before it: kept on the row, saved with its batch. A foreign
        # key that names no row here is empty, as it would be when saved now.
        row_model: type[models.Model] = type(row)
        by_name = registry._fields_by_name(row_model)
        for name, value in take.items():
            f = by_name.get(name)
            if (
                isinstance(f, models.ForeignKey)
                and value is not None
                and not self._will_resolve(f, value)
            ):
                take[name] = None
        entry = self.dirty.get(id(row))
        if entry is None:
            self.dirty[id(row)] = (row, dict(take))
        else:
            entry[1].update(take)

    def _edit_concurrent(self, spec: registry.Spec, change: dict[str, Any]) -> None:
        """Two changes that did not see each other: on a fresh row, after everything pending."""
        self.flush()
        label, uid = change["model"], str(change["uid"])
        model = registry.model_of(label)
        self.rows.pop((label, uid), None)
        row = self._find(model, spec, change)
        local = self.field_stamps(label, str(row.uid))
        current = registry.values_of(row, fk_key=self.fk_key)
        take: dict[str, Any] = {}
        for name, value in change["fields"].items():
            mine = local.get(name, "")
            concurrent = bool(mine) and change["base"].get(name, "") != mine
            if not concurrent:
                if change["stamp"] > mine:
                    take[name] = value
                continue
            if current.get(name) == value:
                continue
            if name in spec.derived:
                if change["stamp"] > mine:
                    take[name] = value
                continue
            if (
                spec.policy == Policy.STATE
                and name == spec.state_field
                and opposite(current.get(name), value)
            ):
                self._conflict(
                    row, change, name, current.get(name), mine, value, ConflictKind.NEEDS_DECISION
                )
                continue
            if change["stamp"] > mine:
                take[name] = value
                self._conflict(
                    row, change, name, value, change["stamp"], current.get(name),
                    ConflictKind.OVERWRITTEN, other_stamp=mine,
                )  # fmt: skip
            else:
                self._conflict(
                    row, change, name, current.get(name), mine, value, ConflictKind.OVERWRITTEN
                )
        if take:
            self._save(row, take)

    def _save(self, row: Any, values: dict[str, Any]) -> None:
        many = registry.apply_values(row, values, fk_pk=self.fk_pk)
        row.save()
        registry.apply_many(row, values, many)

    def _conflict(
        self, row: Any, change: dict[str, Any], name: str, kept: Any, kept_stamp: str,
        other: Any, kind: str, *, other_stamp: str = "",
    ) -> None:  # fmt: skip
        Conflict.objects.create(
            region=registry.region_of(row), kind=kind, model=change["model"],
            record_uid=change["uid"], record_repr=str(row)[:200], field=name, kept_value=kept,
            kept_stamp=kept_stamp, other_value=other, other_stamp=other_stamp or change["stamp"],
            other_origin=change["origin"],
        )  # fmt: skip
        self.result.conflicts += 1

    # Writing what is pending.

    def flush(self) -> None:
        """New append-only rows, then the edited rows, then the journal's rows."""
        for label, rows in list(self.pending.items()):
            if rows:
                self._insert(label, list(rows.values()))
        self.pending = {}
        dirty, self.dirty = self.dirty, {}
        for row, values in dirty.values():
            self._save(row, values)
        if self.journal_rows:
            insert_rows(Change, self.journal_rows)
            self.journal_rows = []

    def _insert(self, label: str, rows: list[models.Model]) -> None:
        model = registry.model_of(label)
        insert_rows(model, [_attributes(row) for row in rows])
        pks: dict[str, Any] = {}
        for part in chunks([str(row.uid) for row in rows]):  # type: ignore[attr-defined]
            pks.update(
                (str(u), pk)
                for u, pk in model._default_manager.filter(uid__in=part).values_list("uid", "pk")
            )
        key = self._one_field_key(label)
        for row in rows:
            uid = str(row.uid)  # type: ignore[attr-defined]
            row.pk = pks[uid]
            row._state.adding = False
            self.present.setdefault(label, {})[uid] = row.pk
            self.pk_cache[(label, uid)] = row.pk
            self.key_cache[(label, row.pk)] = uid
            if key is not None and getattr(row, key) is not None:
                self.natural.setdefault(label, {})[getattr(row, key)] = row.pk

    def finish(self) -> ImportResult:
        self.flush()
        return self.result


def _attributes(row: models.Model) -> dict[str, Any]:
    """A new row's values by attribute name, without the times Django sets itself on insert
    (``auto_now``, ``auto_now_add``) unless the origin's time is there to keep."""
    values = {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    }
    values.update(getattr(row, "_sync_origin_times", {}))
    return values


# Fields whose Python value is what the database driver takes.
_PLAIN = {
    models.CharField, models.TextField, models.BooleanField, models.IntegerField,
    models.SmallIntegerField, models.BigIntegerField, models.PositiveIntegerField,
    models.PositiveSmallIntegerField, models.FloatField,
}  # fmt: skip


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert new rows with one statement run many times; what ``bulk_create`` does, cheaper.

    ``rows`` hold values by attribute name (Python values, foreign keys by pk); a field left out
    takes its default, or the time now where Django sets it on insert. No signals are sent: only
    for rows no receiver is meant for (append-only records and the journal, which the audit trail
    leaves out by design).
    """
    if not rows:
        return
    meta = model._meta
    fields = [
        f for f in meta.concrete_fields if not (f.primary_key and isinstance(f, AutoFieldMixin))
    ]
    prepared = [
        None if type(f) in _PLAIN or isinstance(f, models.ForeignKey) else f for f in fields
    ]
    now = timezone.now()
    params = []
    for row in rows:
        values = []
        for f, prep in zip(fields, prepared, strict=True):
            if f.attname in row:
                value = row[f.attname]
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now.date() if type(f) is models.DateField else now
            else:
                value = f.get_default()
            if prep is not None and value is not None:
                value = prep.get_db_prep_save(value, connection)
            values.append(value)
        params.append(values)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for part in chunks(params, BATCH):
            cursor.executemany(sql, part)
