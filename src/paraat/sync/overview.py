"""What the sync pages show: whose stamp is whose, and how long ago this instance was in step.

The instance and peer rows name the nodes; a stamp carries its node and its wall time, so both
sides of a conflict can be shown with the instance that wrote them and when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.sync import hlc, journal, registry
from paraat.sync.constants import Role
from paraat.sync.models import Conflict, Peer

# Issue 15: a laptop that has not exchanged with the region for a day is out of step.
STALE_AFTER = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Side:
    value: Any
    instance: str
    at: dt.datetime | None
    stamp: str


@dataclass(frozen=True)
class ConflictRow:
    conflict: Conflict
    model_name: str
    kept: Side
    other: Side


@dataclass(frozen=True)
class PeerRow:
    peer: Peer
    last_stamp_at: dt.datetime | None
    stale: bool


@dataclass(frozen=True)
class Status:
    instance: Any
    peers: list[PeerRow]
    # When this laptop last exchanged with a region server (None: never).
    last_with_region: dt.datetime | None
    out_of_step: bool


def node_names() -> dict[str, str]:
    me = journal.instance()
    names = {peer.node: peer.name or peer.node for peer in Peer.objects.all()}
    names[me.node] = me.name or me.node
    return names


def stamp_time(stamp: str) -> dt.datetime | None:
    try:
        wall = hlc.Stamp.parse(stamp).wall_ms
    except hlc.ClockError:
        return None
    return dt.datetime.fromtimestamp(wall / 1000, tz=dt.UTC)


def _side(value: Any, stamp: str, node: str, names: dict[str, str]) -> Side:
    if not node:
        try:
            node = hlc.Stamp.parse(stamp).node
        except hlc.ClockError:
            node = ""
    return Side(value=value, instance=names.get(node, node), at=stamp_time(stamp), stamp=stamp)


def _model_name(label: str) -> str:
    try:
        return str(registry.model_of(label)._meta.verbose_name)
    except LookupError:
        return label


def conflict_rows(conflicts: Any) -> list[ConflictRow]:
    names = node_names()
    return [
        ConflictRow(
            conflict=c,
            model_name=_model_name(c.model),
            kept=_side(c.kept_value, c.kept_stamp, "", names),
            other=_side(c.other_value, c.other_stamp, c.other_origin, names),
        )
        for c in conflicts
    ]


def is_stale(when: dt.datetime | None, now: dt.datetime) -> bool:
    return when is None or now - when > STALE_AFTER


def status() -> Status:
    now = timezone.now()
    me = journal.instance()
    peers = [
        PeerRow(peer=p, last_stamp_at=stamp_time(p.last_stamp), stale=is_stale(p.last_exchange_at, now))
        for p in Peer.objects.order_by("name", "node")
    ]  # fmt: skip
    with_region = [
        p.peer.last_exchange_at
        for p in peers
        if p.peer.role == Role.REGION and p.peer.last_exchange_at is not None
    ]
    last = max(with_region, default=None)
    return Status(
        instance=me,
        peers=peers,
        last_with_region=last,
        out_of_step=me.role == Role.LAPTOP and is_stale(last, now),
    )
