"""The current state of a point per incident: the one owner of that fact.

The operational picture, the public pages (``publicinfo`` snapshot) and the alert templates and
nearest points (``alerts``) all read a point's state from here, with one set of rules:

- **Latest**: a point's state in an incident is its newest report (by the time of the report, then
  by arrival), kept on the activation by ``services.record_status`` under a row lock.
- **Freshness**: a point that has never reported is "no report yet", not stale; a report older
  than ``PARAAT_STATUS_STALE_MINUTES`` is stale.
- **Exercise is never real**: only real open incidents (``Incident.objects.real().open()``) reach
  residents and real alerts. An exercise changes the picture of that exercise, nothing else.

When the state may have changed, the owner sends ``events.StateChanged`` after commit; other apps
register a receiver instead of listening to saves of these models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from paraat.operations.constants import Freshness


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.PARAAT_STATUS_STALE_MINUTES)


def is_stale(reported_at: dt.datetime, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) - reported_at > stale_after()


def freshness(reported_at: dt.datetime | None, now: dt.datetime | None = None) -> Freshness:
    if reported_at is None:
        return Freshness.NO_REPORT
    return Freshness.STALE if is_stale(reported_at, now) else Freshness.CURRENT


def reaches_residents(incident: Any) -> bool:
    """Whether what happens in ``incident`` may change the public pages and real alerts."""
    return not incident.is_exercise


@dataclass(frozen=True)
class CurrentState:
    """A point's state in a real open incident, as residents and real alerts see it."""

    point_id: int
    code: str
    incident_id: int
    state: str | None  # a PointState value, None when the point has not reported yet
    services: tuple[str, ...]
    reported_at: dt.datetime | None
    freshness: Freshness
    # Since when the point is in this state: its first report of the state after a report of
    # another state (a report that repeats the state does not move it). None: no report yet.
    since: dt.datetime | None = None


def real_incidents(region: Any) -> Any:
    """The region's open real incidents, newest first (exercises never count)."""
    from paraat.operations.models import Incident

    return Incident.objects.in_region(region).open().real().order_by("-started_at", "-pk")


def real_states(
    region: Any, *, incidents: Iterable[Any] | None = None, now: dt.datetime | None = None
) -> dict[int, CurrentState]:
    """Point id → current state of every point activated in a real open incident (one query).

    A point active in two real incidents takes its newest report. Activated points that have not
    reported yet are included with ``state=None``. ``since`` is the time of the report that
    brought the point into its current state (two subqueries over the reports' index).
    """
    from paraat.operations.models import Activation

    now = now or timezone.now()
    chosen = real_incidents(region) if incidents is None else incidents
    found: dict[int, CurrentState] = {}
    activations = (
        Activation.objects.filter(incident__in=chosen, incident__is_exercise=False)
        .select_related("point", "latest_report")
        .only("point_id", "incident_id", "point__code", "latest_report__state",
              "latest_report__services_available", "latest_report__reported_at")
        .annotate(**_state_since())
        .order_by("pk")
    )  # fmt: skip
    for activation in activations:
        report = activation.latest_report
        current = CurrentState(
            point_id=activation.point_id,
            code=activation.point.code,
            incident_id=activation.incident_id,
            state=report.state if report else None,
            services=tuple(report.services_available) if report else (),
            reported_at=report.reported_at if report else None,
            freshness=freshness(report.reported_at if report else None, now),
            since=activation.since if report else None,  # type: ignore[attr-defined]
        )
        known = found.get(activation.point_id)
        if known is None or _newer(current, known):
            found[activation.point_id] = current
    return found


def _state_since() -> dict[str, Any]:
    """Annotations of an activation: ``changed_at``, its last report of another state than the
    latest report's (up to the latest), and ``since``, its first report after that one (or its
    first report at all): when the point came into the state it is in."""
    from django.db.models import DateTimeField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from paraat.operations.models import StatusReport

    def reports() -> Any:
        return StatusReport.objects.filter(
            incident_id=OuterRef("incident_id"),
            point_id=OuterRef("point_id"),
            reported_at__lte=OuterRef("latest_report__reported_at"),
        )

    other = reports().exclude(state=OuterRef("latest_report__state")).order_by("-reported_at")
    after = reports().filter(reported_at__gt=OuterRef("changed_at")).order_by("reported_at")
    first = reports().order_by("reported_at")
    return {
        "changed_at": Subquery(other.values("reported_at")[:1], output_field=DateTimeField()),
        "since": Coalesce(
            Subquery(after.values("reported_at")[:1]),
            Subquery(first.values("reported_at")[:1]),
            output_field=DateTimeField(),
        ),
    }


def _newer(candidate: CurrentState, known: CurrentState) -> bool:
    if candidate.reported_at is None:
        return False
    return known.reported_at is None or candidate.reported_at > known.reported_at
