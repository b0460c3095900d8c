"""Comparing two runs: what a measure, a regional figure or the weather changes.

The measure of a service is its time-to-likely-down (the first time the probability of being
down reaches 50%), because that is what a planner reads off the chart. Decision points are
matched by rule id, so "emergency reports via the points" can be seen moving from T+2h15 to
T+9h when masts get longer backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .result import Result
from .text import format_optional

EPS = 1e-9


def _status(before: float | None, after: float | None) -> str:
    if before is None and after is None:
        return "not_within"
    if before is None:
        return "now_within"
    if after is None:
        return "no_longer_within"
    if after > before + EPS:
        return "later"
    if after < before - EPS:
        return "earlier"
    return "same"


@dataclass(frozen=True)
class ServiceChange:
    """A service's time-to-likely-down in both runs; None means not within the horizon."""

    id: str
    name_nl: str
    name_en: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def status(self) -> str:
        return _status(self.before, self.after)


@dataclass(frozen=True)
class DecisionChange:
    """A decision point in both runs (matched by rule id); None where it did not occur."""

    id: str
    before: float | None
    after: float | None
    text_nl: str
    text_en: str
    points_before: tuple[str, ...]
    points_after: tuple[str, ...]

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def status(self) -> str:
        if self.before is not None and self.after is not None and self.status_times == "same":
            return "same" if self.points_before == self.points_after else "points_changed"
        return {"now_within": "added", "no_longer_within": "removed"}.get(
            self.status_times, "moved"
        )

    @property
    def status_times(self) -> str:
        return _status(self.before, self.after)


@dataclass(frozen=True)
class Comparison:
    """Per service and per decision point: before (run a) and after (run b)."""

    horizon_hours: float
    services: tuple[ServiceChange, ...]
    decisions: tuple[DecisionChange, ...]

    @property
    def changed_services(self) -> tuple[ServiceChange, ...]:
        return tuple(s for s in self.services if s.status not in ("same", "not_within"))

    @property
    def moved_decisions(self) -> tuple[DecisionChange, ...]:
        return tuple(d for d in self.decisions if d.status != "same")

    def summary(self, lang: str = "nl") -> list[str]:
        """One line per change, for a report or the command line."""
        h = self.horizon_hours
        lines = [
            f"{s.name_nl if lang == 'nl' else s.name_en}: "
            f"{format_optional(s.before, h, lang)} -> {format_optional(s.after, h, lang)}"
            for s in self.changed_services
        ]
        lines += [
            f"{d.id}: {format_optional(d.before, h, lang)} -> {format_optional(d.after, h, lang)}"
            for d in self.moved_decisions
        ]
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "services": [
                {
                    "id": s.id,
                    "before_hours": s.before,
                    "after_hours": s.after,
                    "delta_hours": s.delta,
                    "status": s.status,
                }
                for s in self.services
            ],
            "decisions": [
                {
                    "id": d.id,
                    "before_hours": d.before,
                    "after_hours": d.after,
                    "delta_hours": d.delta,
                    "status": d.status,
                    "points_before": list(d.points_before),
                    "points_after": list(d.points_after),
                }
                for d in self.decisions
            ],
        }


def compare(a: Result, b: Result) -> Comparison:
    """How run `b` differs from run `a` (e.g. without and with a measure)."""
    if a.times.shape != b.times.shape or not np.allclose(a.times, b.times):
        raise ValueError("the runs use different time grids; compare runs of the same scenario")
    after = {s.id: s for s in b.services}
    services = tuple(
        ServiceChange(s.id, s.name_nl, s.name_en, s.time_likely_down, after[s.id].time_likely_down)
        for s in a.services
        if s.id in after
    )
    ids = list(dict.fromkeys([d.id for d in a.decisions] + [d.id for d in b.decisions]))
    decisions = []
    for rule_id in ids:
        old, new = a.decision(rule_id), b.decision(rule_id)
        shown = new or old
        assert shown is not None
        decisions.append(
            DecisionChange(
                id=rule_id,
                before=old.hours if old else None,
                after=new.hours if new else None,
                text_nl=shown.text_nl,
                text_en=shown.text_en,
                points_before=old.points if old else (),
                points_after=new.points if new else (),
            )
        )
    return Comparison(a.scenario.horizon_hours, services, tuple(decisions))
