"""Reads for rosters: who is on duty and due at a point, and the points that will run short.

`understaffed_points` is what the operational picture calls for its 'below minimum staff in the
next 12 hours' list; it is kept apart so the picture only needs one call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.community.models import PointStaffing, Shift
from paraat.community.staffing import first_shortfall

DEFAULT_MINIMUM_STAFF = 2
LOOKAHEAD_HOURS = 12


@dataclass(frozen=True)
class Roster:
    on_duty: list[Shift]
    due: list[Shift]
    later: list[Shift]
    minimum: int


def minimum_staff(point: Any) -> int:
    found = (
        PointStaffing.objects.filter(point=point).values_list("minimum_staff", flat=True).first()
    )
    return DEFAULT_MINIMUM_STAFF if found is None else int(found)


def roster_for(point: Any, incident: Any, now: dt.datetime | None = None) -> Roster:
    now = now or timezone.now()
    shifts = list(
        Shift.objects.filter(point=point, incident=incident, ends_at__gt=now).select_related(
            "volunteer"
        )
    )
    horizon = now + dt.timedelta(hours=LOOKAHEAD_HOURS)
    return Roster(
        on_duty=[s for s in shifts if s.starts_at <= now],
        due=[s for s in shifts if now < s.starts_at <= horizon],
        later=[s for s in shifts if s.starts_at > horizon],
        minimum=minimum_staff(point),
    )


@dataclass(frozen=True)
class Shortfall:
    point_id: int
    point_code: str
    point_name: str
    at: dt.datetime
    on_duty: int
    minimum: int


def understaffed_points(incident: Any, now: dt.datetime | None = None) -> list[Shortfall]:
    """Activated points of the incident that fall below their minimum staff within 12 hours.

    Only points with a roster count: a minimum set for the point, or shifts in this incident
    (without either, Paraat knows nothing about the point's staff and says nothing)."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(hours=LOOKAHEAD_HOURS)
    activations = list(incident.activations.select_related("point"))
    points = [a.point for a in activations]
    minimums = dict(
        PointStaffing.objects.filter(point__in=points).values_list("point_id", "minimum_staff")
    )
    shifts: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {p.pk: [] for p in points}
    for point_id, start, end in Shift.objects.filter(
        incident=incident, point__in=points, ends_at__gt=now, starts_at__lt=horizon
    ).values_list("point_id", "starts_at", "ends_at"):
        shifts[point_id].append((start, end))
    rostered = set(minimums) | set(
        Shift.objects.filter(incident=incident, point__in=points).values_list("point_id", flat=True)
    )
    found = []
    for point in points:
        if point.pk not in rostered:
            continue
        minimum = minimums.get(point.pk, DEFAULT_MINIMUM_STAFF)
        short = first_shortfall(shifts[point.pk], minimum, now, horizon)
        if short is not None:
            found.append(Shortfall(point.pk, point.code, point.name, short[0], short[1], minimum))
    return sorted(found, key=lambda s: (s.at, s.point_code))


def current_incident(point: Any) -> Any:
    """The open incident (or exercise) a point works for: where it is activated, else the
    region's latest open one; None when nothing is going on."""
    from paraat.operations.models import Incident

    open_incidents = Incident.objects.in_region(point.region_id).open().order_by("-started_at")
    return open_incidents.filter(activations__point=point).first() or open_incidents.first()
