"""The training and exercise calendar as the pages read it, and "exercised in the last 12 months".

Operations owns the exercise incidents and their after-action metrics (`operations.metrics`); the
calendar only links to an incident and asks operations for its figures. The points activated in
a linked incident count as exercised, beside the points the entry names itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from paraat.accounts.constants import Role
from paraat.areas.models import Municipality, Region
from paraat.operations import metrics
from paraat.operations.models import Activation
from paraat.programme import exercised
from paraat.programme.constants import EXERCISED_WINDOW_DAYS
from paraat.programme.models import TrainingEvent, TrainingQuerySet
from paraat.supportpoints.models import SupportPoint


@dataclass(frozen=True)
class Entry:
    event: TrainingEvent
    metrics: metrics.ExerciseMetrics | None  # after-action figures of the linked exercise


@dataclass(frozen=True)
class Calendar:
    upcoming: list[Entry]
    past: list[Entry]


def calendar(
    region: Region, municipality: Municipality | None = None, now: dt.datetime | None = None
) -> Calendar:
    """Upcoming entries first (soonest first), then the past ones (latest first). Filtered by a
    municipality, the region-wide entries stay in view: they concern every municipality."""
    now = now or timezone.now()
    events = TrainingEvent.objects.in_region(region).for_calendar()
    if municipality is not None:
        events = events.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return Calendar(
        upcoming=[Entry(e, None) for e in events.upcoming(now)],
        past=[Entry(e, _metrics(e)) for e in events.past(now)],
    )


def _metrics(event: TrainingEvent) -> metrics.ExerciseMetrics | None:
    if event.incident is None:
        return None
    return metrics.compute(event.incident)


@dataclass
class PointRow:
    point: SupportPoint
    tally: exercised.Tally | None


@dataclass
class MunicipalityRow:
    municipality: Municipality | None  # None: region-wide entries that name no place
    tally: exercised.Tally | None
    points_exercised: int = 0
    points_total: int = 0
    roles: list[str] = field(default_factory=list)


@dataclass
class RoleRow:
    role: str
    label: str
    tally: exercised.Tally | None
    municipalities: list[str]


@dataclass
class Overview:
    start: dt.date
    end: dt.date
    points: list[PointRow]
    municipalities: list[MunicipalityRow]
    roles: list[RoleRow]


def held(events: TrainingQuerySet) -> list[exercised.Held]:
    """The entries as plain data, with the points activated in their exercise incidents."""
    rows = list(
        events.select_related("incident").prefetch_related("points", "incident__municipalities")
    )
    incident_ids = [e.incident_id for e in rows if e.incident_id]
    activated: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for incident_id, point_id, municipality_id in Activation.objects.filter(
        incident_id__in=incident_ids
    ).values_list("incident_id", "point_id", "point__municipality_id"):
        activated[incident_id].add((point_id, municipality_id))
    found = []
    for e in rows:
        points = {(p.pk, p.municipality_id) for p in e.points.all()}
        places = {e.municipality_id} if e.municipality_id else set()
        if e.incident is not None:
            points |= activated[e.incident.pk]
            places |= {m.pk for m in e.incident.municipalities.all()}
        places |= {m for _, m in points}
        found.append(
            exercised.Held(
                key=e.pk,
                kind=e.kind,
                day=timezone.localtime(e.starts_at).date(),
                municipalities=tuple(sorted(places)),
                points=tuple(sorted(p for p, _ in points)),
                roles=tuple(e.roles),
            )
        )
    return found


def overview(region: Region, today: dt.date | None = None) -> Overview:
    """Trainings and exercises held in the last 12 months (up to and including today), per point
    (every active point, exercised or not), per municipality and per role."""
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=EXERCISED_WINDOW_DAYS)
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    last = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    events = TrainingEvent.objects.in_region(region).held_between(first, last)
    found = exercised.within(held(events), start, today)
    by_point = exercised.per_point(found)
    by_place = exercised.per_municipality(found)
    by_role = exercised.per_role(found)
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    names = {m.pk: m.name for m in municipalities}
    points = list(
        SupportPoint.objects.in_region(region).active().select_related("municipality")
        .order_by("municipality__name", "code")
    )  # fmt: skip
    role_labels = dict(Role.choices)
    place_rows = []
    for m in municipalities:
        own = [p for p in points if p.municipality_id == m.pk]
        roles = {r for h in found if m.pk in h.municipalities for r in h.roles}
        place_rows.append(
            MunicipalityRow(
                municipality=m,
                tally=by_place.get(m.pk),
                points_exercised=sum(1 for p in own if p.pk in by_point),
                points_total=len(own),
                roles=[str(role_labels[r]) for r in Role.values if r in roles],
            )
        )
    if None in by_place:
        roles = {r for h in found if not h.municipalities for r in h.roles}
        place_rows.append(
            MunicipalityRow(None, by_place[None], roles=[str(role_labels[r]) for r in Role.values if r in roles])
        )  # fmt: skip
    role_rows = [
        RoleRow(
            role=role.value,
            label=str(role.label),
            tally=by_role.get(role.value),
            municipalities=sorted(
                {names[m] for h in found if role.value in h.roles for m in h.municipalities if m in names}
            ),
        )
        for role in Role
    ]  # fmt: skip
    return Overview(
        start=start,
        end=today,
        points=[PointRow(p, by_point.get(p.pk)) for p in points],
        municipalities=place_rows,
        roles=role_rows,
    )
