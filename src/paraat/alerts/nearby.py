"""The nearest open noodsteunpunten for an alert area, named in templates.

"Open" here means: a local point the network counts on (designated or prepared). During an open
real incident in the region, a point whose latest status report says closed or full is left out,
and points that report open (or open with limits) come first. The states come from
``operations.state``, which never lets an exercise change a real alert. Distance is the straight line from a
point inside the area; the list says "about" so nobody reads it as walking distance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paraat.geo.nearest import metres_between
from paraat.operations.constants import PointState
from paraat.supportpoints.models import SupportPoint

USABLE = (PointState.OPEN, PointState.LIMITED)
NOT_USABLE = (PointState.CLOSED, PointState.FULL)


@dataclass(frozen=True)
class NearbyPoint:
    code: str
    name: str
    address: str
    metres: float
    reported_open: bool


def open_incident(region: Any) -> Any:
    """The region's newest open incident, exercise or real (operations), or None."""
    from paraat.operations.models import Incident

    return Incident.objects.in_region(region).open().order_by("-started_at", "-pk").first()


def _reported_states(region: Any) -> dict[int, str]:
    """Point id → latest reported state in the region's real open incidents."""
    from paraat.operations import state

    return {pk: s.state for pk, s in state.real_states(region).items() if s.state}


def _candidates(region: Any) -> list[SupportPoint]:
    return list(SupportPoint.objects.in_region(region).active().local())


def _ranked(
    candidates: list[SupportPoint], states: dict[int, str], lon: float, lat: float, limit: int
) -> list[NearbyPoint]:
    found = []
    for point in candidates:
        state = states.get(point.pk, "")
        if state in NOT_USABLE:
            continue
        found.append(
            NearbyPoint(
                code=point.code,
                name=point.name,
                address=point.address,
                metres=metres_between(lon, lat, point.lon, point.lat),
                reported_open=state in USABLE,
            )
        )
    found.sort(key=lambda p: (not p.reported_open, p.metres, p.code))
    return found[:limit]


def nearest_open(region: Any, lon: float, lat: float, *, limit: int) -> list[NearbyPoint]:
    return _ranked(_candidates(region), _reported_states(region), lon, lat, limit)


Place = tuple[str, float, float, int | None]  # name, lon, lat, municipality id (or None)


def nearest_per_place(
    region: Any, places: list[Place], *, limit: int
) -> list[tuple[str, list[NearbyPoint]]]:
    """(place name, nearest open points) for every place an alert covers, in two queries.

    Points in the place's own municipality are named (the nearest outside it only when it has
    none open), so an alert for Oss and Vught names points in both. A point already named for an earlier place is not named again.
    """
    candidates, states = _candidates(region), _reported_states(region)
    named: set[str] = set()
    groups = []
    for name, lon, lat, municipality_id in places:
        inside = [p for p in candidates if p.municipality_id == municipality_id]
        outside = [p for p in candidates if p.municipality_id != municipality_id]
        own = [p for p in _ranked(inside, states, lon, lat, limit + len(named))]
        own = [p for p in own if p.code not in named][:limit]
        if not own:  # no open point in the place itself: the nearest ones outside it
            own = [p for p in _ranked(outside, states, lon, lat, limit + len(named))]
            own = [p for p in own if p.code not in named][:limit]
        named.update(p.code for p in own)
        groups.append((name, own))
    return groups
