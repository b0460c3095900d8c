"""Exercise metrics: how fast points opened and reported, and how many took part."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from paraat.operations.models import Activation, Incident


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
            "points": [p.__dict__ for p in self.points],
        }


def _minutes(later: Any, earlier: Any) -> float | None:
    if later is None or earlier is None:
        return None
    return round(max((later - earlier).total_seconds(), 0) / 60, 1)


def compute(incident: Incident) -> ExerciseMetrics:
    activations = (
        Activation.objects.filter(incident=incident).select_related("point").order_by("point__code")
    )
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
        ]
    )
