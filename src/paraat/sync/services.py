"""Exporting and merging the change journal: bundles in and out, conflicts to a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from paraat.core import audit
from paraat.sync import bundle, hlc, journal, merge, registry
from paraat.sync.constants import ConflictStatus, Role
from paraat.sync.merge import ImportResult
from paraat.sync.models import Change, Conflict, Peer


@transaction.atomic
def baseline() -> int:
    """Journal every synced row that has no change yet (rows from before sync, or a fresh seed)."""
    made = 0
    for label in registry.ORDER:
        model = registry.model_of(label)
        known = set(Change.objects.filter(model=label).values_list("record_uid", flat=True))
        for row in model._default_manager.order_by("pk").iterator():
            if str(row.uid) not in known:  # type: ignore[attr-defined]
                journal.journal(row, registry.values_of(row), fresh=True)  # no stamps yet
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
    """Merge a verified bundle (a file, or a batch over the API) in one transaction.

    Changes merge in the order of their stamps (parents first within one stamp); how, and in
    which batches, is ``merge.Merger``'s business.
    """
    source = data.header.get("instance", {})
    order = {label: n for n, label in enumerate(registry.ORDER)}
    with transaction.atomic(), journal.applying():
        journal.instance()  # make sure this instance has a node id
        with audit.acting_as(None, f"sync:{source.get('name', '')}"[:150]):
            merger = merge.Merger(data.changes, source.get("name", ""))
            result = merger.result
            seen = merge.known_change_ids([c["id"] for c in data.changes])
            for change in sorted(
                data.changes, key=lambda c: (c["stamp"], order.get(c["model"], 99))
            ):
                if change["id"] in seen or change["model"] not in registry.SPECS:
                    result.already += change["id"] in seen
                    result.skipped += change["id"] not in seen
                    continue
                seen.add(change["id"])
                merger.merge(change)
            merger.finish()
        if source.get("node"):
            peer, _created = Peer.objects.get_or_create(node=source["node"])
            peer.name = source.get("name", "")[:100]
            peer.role = source.get("role", "") if source.get("role") in Role.values else ""
            top = max((c["stamp"] for c in data.changes), default="")
            peer.last_stamp = max(peer.last_stamp, top)
            peer.last_exchange_at = timezone.now()
            peer.save()
    return result


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
