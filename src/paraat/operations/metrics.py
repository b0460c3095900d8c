"""Exercise metrics: how fast points opened and reported, and how many took part."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from paraat.operations.constants import RequestStatus
from paraat.operations.models import Activation, EmergencyRelay, HelpRequest, Incident


@dataclass
class PointMetric:
    code: str
    name: str
    minutes_to_open: float | None
    minutes_to_first_report: float | None
    target_minutes: int | None

    @property
    def met_target(self) -> bool | None:
        if self.minutes_to_open is None or self.target_minutes is None:
            return None
        return self.minutes_to_open <= self.target_minutes


@dataclass
class ExerciseMetrics:
    points: list[PointMetric]
    requests: int = 0
    requests_done: int = 0
    minutes_to_done: list[float] = field(default_factory=list)
    relays: int = 0
    relays_with_outcome: int = 0

    @property
    def silent(self) -> list[PointMetric]:
        """Points that never reported: the first thing an after-action report asks about."""
        return [p for p in self.points if p.minutes_to_first_report is None]

    def median_to_done(self) -> float | None:
        return round(statistics.median(self.minutes_to_done), 1) if self.minutes_to_done else None

    @property
    def activated(self) -> int:
        return len(self.points)

    @property
    def reporting(self) -> int:
        return sum(1 for p in self.points if p.minutes_to_first_report is not None)

    @property
    def reporting_share(self) -> float:
        return self.reporting / self.activated if self.activated else 0.0

    @property
    def opened(self) -> int:
        return sum(1 for p in self.points if p.minutes_to_open is not None)

    def median_open(self) -> float | None:
        values = [p.minutes_to_open for p in self.points if p.minutes_to_open is not None]
        return round(statistics.median(values), 1) if values else None

    def median_first_report(self) -> float | None:
        values = [
            p.minutes_to_first_report for p in self.points if p.minutes_to_first_report is not None
        ]
        return round(statistics.median(values), 1) if values else None

    @property
    def met_target(self) -> int:
        return sum(1 for p in self.points if p.met_target)

    def as_dict(self) -> dict[str, Any]:
        return {
            "activated": self.activated,
            "reporting": self.reporting,
            "reporting_share": round(self.reporting_share, 3),
            "opened": self.opened,
            "median_minutes_to_open": self.median_open(),
            "median_minutes_to_first_report": self.median_first_report(),
            "met_target": self.met_target,
            "requests": self.requests,
            "requests_done": self.requests_done,
            "median_minutes_to_done": self.median_to_done(),
            "relays": self.relays,
            "relays_with_outcome": self.relays_with_outcome,
            "points": [p.__dict__ for p in self.points],
        }


def _minutes(later: Any, earlier: Any) -> float | None:
    if later is None or earlier is None:
        return None
    return round(max((later - earlier).total_seconds(), 0) / 60, 1)


def compute(incident: Incident) -> ExerciseMetrics:
    """Four queries: activations, help requests, relays (counted twice)."""
    activations = (
        Activation.objects.filter(incident=incident).select_related("point").order_by("point__code")
    )
    requests = list(
        HelpRequest.objects.filter(incident=incident).values_list("status", "created_at", "done_at")
    )
    relays = EmergencyRelay.objects.filter(incident=incident)
    return ExerciseMetrics(
        [
            PointMetric(
                code=a.point.code,
                name=a.point.name,
                minutes_to_open=_minutes(a.opened_at, a.activated_at),
                minutes_to_first_report=_minutes(a.first_report_at, a.activated_at),
                target_minutes=a.point.open_within_minutes,
            )
            for a in activations
        ],
        requests=len(requests),
        requests_done=sum(1 for status, *_ in requests if status == RequestStatus.DONE),
        minutes_to_done=[
            m
            for status, created, done in requests
            if status == RequestStatus.DONE and (m := _minutes(done, created)) is not None
        ],
        relays=relays.count(),
        relays_with_outcome=relays.exclude(outcome="").count(),
    )
