"""Exchanging the change journal over the API: the region's side (pull, push, snapshot) and the
laptop's side (`paraat sync`, `paraat instance init`, `paraat instance refresh`).

Over the wire a batch of changes is a bundle (the same signed JSON lines as on a USB stick), so
the merge is the bundle's merge (`services.merge_bundle`) and a batch is verified the same way.
Each side remembers per peer how far it got and sent (`Peer.received_until`, `Peer.sent_until`),
and records that in the same transaction as the merge it belongs to, so a process killed halfway
leaves either nothing or a finished step, and a retry repeats only what was not acknowledged.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from paraat.areas.models import Region
from paraat.sync import bundle, journal, registry, scope, services
from paraat.sync.constants import Role
from paraat.sync.models import Change, Peer

BATCH = 1000  # changes per push: each batch is one request and one transaction on the server
TIMEOUT = 300  # seconds for one request: a large batch on a slow link
SNAPSHOT = "snapshot"


class SyncError(Exception):
    """An exchange that could not happen; the message says why in plain words."""


class PushRefused(SyncError):
    """A pushed batch the server does not take (a change of another region)."""


# --- shared ------------------------------------------------------------------------------------


def _pause(point: str) -> None:
    """Test hook: with PARAAT_SYNC_TEST_PAUSE=point the process waits here to be killed."""
    if os.environ.get("PARAAT_SYNC_TEST_PAUSE") == point:
        sys.stderr.write(f"paused at {point}\n")
        sys.stderr.flush()
        time.sleep(600)


def _top() -> int:
    return int(Change.objects.aggregate(top=Max("pk"))["top"] or 0)


def _as_line(c: Change) -> dict[str, Any]:
    return {
        "id": str(c.change_id), "model": c.model, "uid": c.record_uid, "stamp": c.stamp,
        "origin": c.origin, "fields": c.fields, "base": c.base,
    }  # fmt: skip


def _header(since: int, until: int, **extra: Any) -> dict[str, Any]:
    me = journal.instance()
    return {
        "instance": {"node": me.node, "name": me.name, "role": me.role},
        "since": since,
        "until": until,
        "made_at": timezone.now().isoformat(),
        "clock": str(journal.clock().now()),
        **extra,
    }


def _dumps(header: dict[str, Any], lines: list[dict[str, Any]]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        bundle.write(path, header, lines, settings.PARAAT_SYNC_SECRET)
        return path.read_text(encoding="utf-8")


# --- the region's side -------------------------------------------------------------------------


def pull_text(
    *, region: Region, since: int, exclude: str = "", coordination_point: str = ""
) -> str:
    """Every change after journal position ``since`` of the region's records (or of one
    coordination point), as a bundle; changes that came from ``exclude`` are left out."""
    with transaction.atomic():
        services.baseline()
    until = _top()
    uids = scope.synced_uids(region, coordination_point)
    rows = Change.objects.after(since).filter(pk__lte=until)
    if exclude:
        rows = rows.exclude(origin=exclude)
    lines = [line for line in (_as_line(c) for c in rows.iterator()) if scope.in_scope(line, uids)]
    header = _header(since, until, region=region.code, coordination_point=coordination_point)
    return _dumps(header, lines)


def accept_push(*, region: Region, text: str) -> services.ImportResult:
    """Verify a pushed batch and merge it in one transaction; refuse it whole when a change
    belongs to another region. Pushing the same batch again changes nothing."""
    data = bundle.parse(text, settings.PARAAT_SYNC_SECRET, "push")
    if data.header.get("instance", {}).get("node") == journal.instance().node:
        raise PushRefused("the batch comes from this instance itself")
    with transaction.atomic():
        result = services.merge_bundle(data=data)
        for change in data.changes:
            if change.get("model") not in registry.SPECS:
                continue
            row = registry.model_of(change["model"])._default_manager.filter(uid=change["uid"])
            found = row.first()
            other = registry.region_of(found) if found is not None else None
            if other is not None and other.pk != region.pk:
                raise PushRefused(
                    f"change {change['id']} is of a record of another region: nothing was merged"
                )
    return result


def snapshot_lines(*, region: Region, coordination_point: str) -> tuple[dict[str, Any], list[Any]]:
    """What a new laptop of one coordination point starts with: reference rows and the journal
    of its synced records, up to the journal position in the header."""
    with transaction.atomic():
        services.baseline()
    until = _top()
    cp = scope.coordination_point(region, coordination_point)
    uids = scope.synced_uids(region, cp.code)
    lines: list[dict[str, Any]] = [
        {"id": f"ref:{obj['model']}:{obj['pk']}", "ref": obj}
        for obj in scope.reference_objects(region, cp.code)
    ]
    for change in Change.objects.filter(pk__lte=until).order_by("pk").iterator():
        line = _as_line(change)
        if scope.in_scope(line, uids):
            lines.append(line)
    header = _header(0, until, kind=SNAPSHOT, region=region.code, coordination_point=cp.code)
    return header, lines


def snapshot_text(*, region: Region, coordination_point: str) -> str:
    header, lines = snapshot_lines(region=region, coordination_point=coordination_point)
    return _dumps(header, lines)


def write_snapshot(*, region: Region, coordination_point: str, path: Path) -> dict[str, Any]:
    header, lines = snapshot_lines(region=region, coordination_point=coordination_point)
    bundle.write(path, header, lines, settings.PARAAT_SYNC_SECRET)
    return {**header, "count": len(lines), "file": str(path)}


# --- the laptop's side -------------------------------------------------------------------------


@dataclass
class ExchangeResult:
    peer: str = ""
    received: int = 0
    merged: int = 0
    created: int = 0
    conflicts: int = 0
    sent: int = 0
    merged_there: int = 0
    conflicts_there: int = 0
    batches: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "batches"}


def _base(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(f"{url}: not an address (http:// or https://)")
    return url


def _call(method: str, url: str, token: str, body: str | None = None) -> str:
    if not token:
        raise SyncError("no token: pass --token or set PARAAT_SYNC_TOKEN")
    request = urllib.request.Request(  # noqa: S310 - _base() allows only http(s)
        url,
        data=body.encode() if body is not None else None,
        method=method,
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/x-ndjson",
            "Accept": "application/x-ndjson, application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:  # noqa: S310 - _base() allows only http(s)
            return str(reply.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        detail = _detail(error)
        if error.code in (401, 403):
            raise SyncError(
                f"{url}: the server refused the token ({error.code}: {detail})"
            ) from error
        if error.code in (400, 409, 422):
            raise SyncError(f"{url}: the server refused the batch ({detail})") from error
        raise SyncError(f"{url}: the server answered {error.code} ({detail})") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SyncError(f"{url}: cannot reach the server ({reason})") from error


def _detail(error: urllib.error.HTTPError) -> str:
    try:
        data = json.loads(error.read().decode("utf-8"))
    except (ValueError, OSError):
        return str(error.reason)
    return str(data.get("detail") or data.get("title") or data) if isinstance(data, dict) else ""


def _parse(text: str, url: str) -> bundle.Bundle:
    try:
        return bundle.parse(text, settings.PARAAT_SYNC_SECRET, url)
    except bundle.BundleError as error:
        raise SyncError(
            f"the server's answer is not a bundle this region signed: {error}"
        ) from error


def _endpoint(base: str, path: str, **query: Any) -> str:
    kept = {k: v for k, v in query.items() if v not in ("", None)}
    return f"{base}/api/v1/sync/{path}" + (f"?{urllib.parse.urlencode(kept)}" if kept else "")


def pull(*, url: str, token: str, coordination_point: str = "") -> ExchangeResult:
    """Fetch the region's changes since the last exchange and merge them in one transaction,
    together with how far this instance now is."""
    base = _base(url)
    # A laptop made from a file knows its region by node only, not yet by address.
    known = Peer.objects.filter(url=base).first() or (
        Peer.objects.filter(url="", role=Role.REGION).exclude(coordination_point="").first()
    )
    code = coordination_point or (known.coordination_point if known else "")
    since = known.received_until if known else 0
    text = _call(
        "GET",
        _endpoint(base, "changes/", since=since, exclude=journal.instance().node, coordination_point=code),
        token,
    )  # fmt: skip
    data = _parse(text, base)
    node = data.header.get("instance", {}).get("node", "")
    if not node or node == journal.instance().node:
        raise SyncError(f"{base}: the answer names no other instance")
    if known is not None and known.node != node and not known.url:
        raise SyncError(
            f"{base} is not the region server this laptop was made from ({known.name or known.node})"
        )
    with transaction.atomic():
        merged = services.merge_bundle(data=data)
        peer = Peer.objects.get(node=node)
        Peer.objects.filter(url=base).exclude(pk=peer.pk).update(url="")
        peer.url = base
        peer.coordination_point = code
        peer.received_until = max(peer.received_until, int(data.header.get("until") or 0))
        peer.last_exchange_at = timezone.now()
        peer.save()
        _pause("pull")
    return ExchangeResult(
        peer=peer.name or node, received=merged.changes, merged=merged.applied,
        created=merged.created, conflicts=merged.conflicts,
    )  # fmt: skip


def push(*, url: str, token: str, result: ExchangeResult) -> ExchangeResult:
    """Send every change this instance has that the peer has not acknowledged, in batches."""
    base = _base(url)
    peer = Peer.objects.filter(url=base).first()
    if peer is None:
        raise SyncError(f"{base}: pull first, the peer is not known yet")
    with transaction.atomic():
        services.baseline()
    until = _top()
    rows = Change.objects.after(peer.sent_until).filter(pk__lte=until).exclude(origin=peer.node)
    pending = list(rows)
    start = peer.sent_until
    for offset in range(0, len(pending), BATCH):
        batch = pending[offset : offset + BATCH]
        last = batch[-1].pk if offset + BATCH < len(pending) else until
        text = _dumps(_header(start, last), [_as_line(c) for c in batch])
        answer = json.loads(_call("POST", _endpoint(base, "changes/"), token, text))
        _pause("push")
        Peer.objects.filter(pk=peer.pk).update(sent_until=last)
        start = last
        result.sent += len(batch)
        result.merged_there += int(answer.get("applied", 0))
        result.conflicts_there += int(answer.get("conflicts", 0))
        result.batches.append(answer)
    Peer.objects.filter(pk=peer.pk).update(sent_until=until)
    return result


def sync_with(*, url: str, token: str, coordination_point: str = "") -> ExchangeResult:
    """Both ways: first take the peer's changes, then send ours (without what came from it)."""
    result = pull(url=url, token=token, coordination_point=coordination_point)
    return push(url=url, token=token, result=result)


def refresh(*, token: str, url: str = "") -> ExchangeResult:
    """Pull what the region changed since the last exchange (one way: nothing is sent)."""
    if not url:
        peer = (
            Peer.objects.filter(role=Role.REGION)
            .exclude(url="")
            .order_by("-last_exchange_at")
            .first()
        )
        if peer is None:
            raise SyncError(
                "this instance has no region server to refresh from: pass --from URL "
                "(or run `paraat instance init --from URL`)"
            )
        url = peer.url
    return pull(url=url, token=token)


# --- instance init -----------------------------------------------------------------------------


def is_empty() -> list[str]:
    """What makes this database not empty (nothing: it may become a laptop instance)."""
    from paraat.accounts.models import User
    from paraat.supportpoints.models import SupportPoint

    counts = {
        "regions": Region.objects.count(),
        "users": User.objects.count(),
        "support points": SupportPoint.objects.count(),
        "journal changes": Change.objects.count(),
    }
    return [f"{n} {what}" for what, n in counts.items() if n]


def init_instance(*, source: str, coordination_point: str, token: str = "") -> dict[str, Any]:
    """Make this empty database the laptop of one coordination point, from the region's server
    (over the API) or from a snapshot bundle, and remember the region as the peer to continue
    from. All or nothing."""
    found = is_empty()
    if found:
        raise SyncError(
            "this database is not empty (" + ", ".join(found) + "): `instance init` only fills "
            "a new database; use `paraat instance refresh` or `paraat sync --with URL`"
        )
    url = ""
    if source.startswith(("http://", "https://")):
        url = _base(source)
        text = _call(
            "GET", _endpoint(url, "snapshot/", coordination_point=coordination_point), token
        )
        data = _parse(text, url)
    else:
        try:
            data = bundle.read(Path(source), settings.PARAAT_SYNC_SECRET)
        except bundle.BundleError as error:
            raise SyncError(str(error)) from error
    header = data.header
    if header.get("kind") != SNAPSHOT:
        raise SyncError(
            f"{source}: not a full export for a laptop (make one with "
            "`paraat bundle export --coordination-point CODE FILE`)"
        )
    if str(header.get("coordination_point", "")).upper() != coordination_point.strip().upper():
        raise SyncError(
            f"{source}: made for coordination point {header.get('coordination_point')}, "
            f"not {coordination_point}"
        )
    refs = [line["ref"] for line in data.changes if "ref" in line]
    changes = [line for line in data.changes if "ref" not in line]
    with transaction.atomic():
        _load(refs)
        merged = services.merge_bundle(data=bundle.Bundle(header=header, changes=changes))
        me = journal.instance()
        me.role = Role.LAPTOP
        me.save(update_fields=["role"])
        peer = Peer.objects.get(node=header["instance"]["node"])
        peer.url = url
        peer.coordination_point = str(header["coordination_point"])
        peer.received_until = int(header.get("until") or 0)
        peer.sent_until = 0  # what came from the region is never sent back (by origin)
        peer.save()
    return {
        "region": header.get("region"),
        "coordination_point": header.get("coordination_point"),
        "rows": len(refs),
        "changes": merged.applied,
        "peer": peer.name or peer.node,
        "until": peer.received_until,
    }


def _load(refs: list[dict[str, Any]]) -> None:
    """Save the reference rows with their own keys, as `loaddata` does, and check them."""
    models_seen = []
    with connection.constraint_checks_disabled(), journal.applying():
        for obj in serializers.deserialize("python", refs):
            obj.save()
            if type(obj.object) not in models_seen:
                models_seen.append(type(obj.object))
    connection.check_constraints(table_names=[m._meta.db_table for m in models_seen])
    sql = connection.ops.sequence_reset_sql(no_style(), models_seen)
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
