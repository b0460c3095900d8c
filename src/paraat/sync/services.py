"""Exporting and merging the change journal: bundles in and out, conflicts to a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from paraat.core import audit
from paraat.operations.constants import RequestStatus
from paraat.sync import bundle, hlc, journal, registry
from paraat.sync.constants import ConflictKind, ConflictStatus, Policy, Role
from paraat.sync.models import Change, Conflict, Peer

IN_PROGRESS = {RequestStatus.CLAIMED, RequestStatus.ASSIGNED}
FINISHED = {RequestStatus.DONE, RequestStatus.CANCELLED}


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


@transaction.atomic
def baseline() -> int:
    """Journal every synced row that has no change yet (rows from before sync, or a fresh seed)."""
    made = 0
    for label in registry.ORDER:
        model = registry.model_of(label)
        known = set(Change.objects.filter(model=label).values_list("record_uid", flat=True))
        for row in model._default_manager.order_by("pk").iterator():
            if str(row.uid) not in known:  # type: ignore[attr-defined]
                journal.journal(row, registry.values_of(row))
                made += 1
    return made


def export_bundle(*, path: Path, since: int = 0) -> dict[str, Any]:
    """Write every change after journal position ``since`` to ``path``; returns the header."""
    with transaction.atomic():
        baseline()
    me = journal.instance()
    rows = list(Change.objects.after(since))
    changes = [
        {
            "id": str(c.change_id), "model": c.model, "uid": c.record_uid, "stamp": c.stamp,
            "origin": c.origin, "fields": c.fields, "base": c.base,
        }
        for c in rows
    ]  # fmt: skip
    header = {
        "instance": {"node": me.node, "name": me.name, "role": me.role},
        "since": since,
        "until": rows[-1].pk if rows else since,
        "made_at": timezone.now().isoformat(),
        "clock": str(journal.clock().now()),
    }
    bundle.write(path, header, changes, settings.PARAAT_SYNC_SECRET)
    return {**header, "count": len(changes), "file": str(path)}


def import_bundle(*, path: Path) -> ImportResult:
    """Verify a bundle and merge it in one transaction; a second import changes nothing."""
    return merge_bundle(data=bundle.read(path, settings.PARAAT_SYNC_SECRET))


def merge_bundle(*, data: bundle.Bundle) -> ImportResult:
    """Merge a verified bundle (a file, or a batch over the API) in one transaction."""
    source = data.header.get("instance", {})
    result = ImportResult(changes=len(data.changes))
    order = {label: n for n, label in enumerate(registry.ORDER)}
    with transaction.atomic(), journal.applying():
        baseline_done = journal.instance()  # noqa: F841 - make sure this instance has a node id
        with audit.acting_as(None, f"sync:{source.get('name', '')}"[:150]):
            seen = set(
                str(u)
                for u in Change.objects.filter(
                    change_id__in=[c["id"] for c in data.changes]
                ).values_list("change_id", flat=True)
            )
            for change in sorted(
                data.changes, key=lambda c: (c["stamp"], order.get(c["model"], 99))
            ):
                if change["id"] in seen or change["model"] not in registry.SPECS:
                    result.already += change["id"] in seen
                    result.skipped += change["id"] not in seen
                    continue
                seen.add(change["id"])
                journal.clock().receive(change["stamp"])
                _merge(change, result, source.get("name", ""))
                Change.objects.create(
                    change_id=change["id"], model=change["model"], record_uid=change["uid"],
                    stamp=change["stamp"], origin=change["origin"], fields=change["fields"],
                    base=change["base"],
                )  # fmt: skip
                result.applied += 1
                result.by_model[change["model"]] = result.by_model.get(change["model"], 0) + 1
        if source.get("node"):
            peer, _created = Peer.objects.get_or_create(node=source["node"])
            peer.name = source.get("name", "")[:100]
            peer.role = source.get("role", "") if source.get("role") in Role.values else ""
            top = max((c["stamp"] for c in data.changes), default="")
            peer.last_stamp = max(peer.last_stamp, top)
            peer.last_exchange_at = timezone.now()
            peer.save()
    return result


def _find(model: type[Any], spec: registry.Spec, change: dict[str, Any]) -> Any:
    row = model._default_manager.filter(uid=change["uid"]).first()
    if row is not None or not spec.natural_key:
        return row
    probe = model(uid=change["uid"])
    registry.apply_values(probe, {k: change["fields"].get(k) for k in spec.natural_key})
    lookup = {}
    for name in spec.natural_key:
        f = model._meta.get_field(name)
        value = getattr(probe, f.attname)
        if value is None:
            return None
        lookup[f.attname] = value
    return model._default_manager.filter(**lookup).first()


def _merge(change: dict[str, Any], result: ImportResult, source_name: str) -> None:
    spec = registry.SPECS[change["model"]]
    model = registry.model_of(change["model"])
    row = _find(model, spec, change)
    if row is None:
        _create(model, change, source_name)
        result.created += 1
        return
    if spec.policy == Policy.APPEND:
        return  # union: the record is here already
    local = journal.field_stamps(change["model"], str(row.uid))
    current = registry.values_of(row)
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
            and _opposite(current.get(name), value)
        ):
            _conflict(
                row, change, name, current.get(name), mine, value, ConflictKind.NEEDS_DECISION
            )
            result.conflicts += 1
            continue
        if change["stamp"] > mine:
            take[name] = value
            _conflict(
                row,
                change,
                name,
                value,
                change["stamp"],
                current.get(name),
                ConflictKind.OVERWRITTEN,
                other_stamp=mine,
            )
        else:
            _conflict(row, change, name, current.get(name), mine, value, ConflictKind.OVERWRITTEN)
        result.conflicts += 1
    if take:
        many = registry.apply_values(row, take)
        row.save()
        registry.apply_many(row, take, many)


def _opposite(a: Any, b: Any) -> bool:
    """A request finished on one side and taken up on the other: no rule may decide that."""
    return (
        (a in FINISHED and b in IN_PROGRESS)
        or (a in IN_PROGRESS and b in FINISHED)
        or (a in FINISHED and b in FINISHED and a != b)
    )


def _create(model: type[Any], change: dict[str, Any], source_name: str) -> None:
    row = model(uid=change["uid"])
    fields = dict(change["fields"])
    if model._meta.label_lower == "core.auditentry" and source_name:
        fields["note"] = f"[{source_name}] {fields.get('note') or ''}".strip()[:300]
    many = registry.apply_values(row, fields)
    row.save(force_insert=True)
    registry.apply_many(row, fields, many)
    # Django sets auto_now_add fields on insert; the record keeps the time of its origin.
    fixed = {
        f.attname: f.to_python(fields[f.name])
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) and fields.get(f.name)
    }
    if fixed:
        model._base_manager.filter(pk=row.pk).update(**fixed)


def _conflict(
    row: Any,
    change: dict[str, Any],
    name: str,
    kept: Any,
    kept_stamp: str,
    other: Any,
    kind: str,
    *,
    other_stamp: str = "",
) -> None:
    region = registry.region_of(row)
    Conflict.objects.create(
        region=region, kind=kind, model=change["model"], record_uid=change["uid"],
        record_repr=str(row)[:200], field=name, kept_value=kept, kept_stamp=kept_stamp,
        other_value=other, other_stamp=other_stamp or change["stamp"], other_origin=change["origin"],
    )  # fmt: skip


@transaction.atomic
def resolve_conflict(*, conflict: Conflict, user: Any, take_other: bool) -> Conflict:
    """A coordinator settles a conflict: keep the value, or put the other value back.

    Putting the other value back is an ordinary change of the record: it is journaled with a new
    stamp and so reaches every instance at the next exchange.
    """
    if take_other:
        model = registry.model_of(conflict.model)
        row = model._default_manager.get(uid=conflict.record_uid)
        many = registry.apply_values(row, {conflict.field: conflict.other_value})
        with audit.acting_as(user):
            row.save()
        registry.apply_many(row, {conflict.field: conflict.other_value}, many)
    conflict.status = ConflictStatus.RESOLVED
    conflict.resolved_by = user
    conflict.resolved_at = timezone.now()
    with audit.acting_as(user):
        conflict.save()
    return conflict


def peer_stamp(node: str) -> hlc.Stamp | None:
    peer = Peer.objects.filter(node=node).first()
    return hlc.Stamp.parse(peer.last_stamp) if peer and peer.last_stamp else None
