"""The outage clock per area: when an area's coverage by noodsteunpunten drops as the points that
serve it run out of fuel or power. Plain module, no Django.

An area is given as groups of residents that the same points reach (weight, point codes): the
planning app's demand points within the walking or straight-line threshold, grouped. A point
serves until its `exhausted_at_hours` in the simulated timeline (None: it keeps power over the
whole horizon). At each hour a point runs out, the residents whose every reachable point is out
lose their noodsteunpunt; those hours are the area's steps. The earliest step is the hour by which
the point that causes it must be refuelled (or an extra site must be in place).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .result import PointOutcome, Result


@dataclass(frozen=True)
class AreaDemand:
    code: str
    name: str
    municipality: str  # CBS code
    groups: tuple[tuple[float, tuple[str, ...]], ...]  # (residents, codes of points within reach)
    candidates: tuple[str, ...] = ()  # candidate sites within reach of some residents


@dataclass(frozen=True)
class Step:
    hours: float
    covered: float
    share: float | None
    lost: tuple[str, ...]  # the points that ran out at this hour and took coverage with them


@dataclass(frozen=True)
class AreaClock:
    code: str
    name: str
    municipality: str
    total: float
    covered_at_start: float
    points: tuple[str, ...]  # points within reach, the first to run out first
    steps: tuple[Step, ...]
    candidates: tuple[str, ...] = field(default=())

    @property
    def share_at_start(self) -> float | None:
        return _share(self.covered_at_start, self.total)

    @property
    def first_drop_hours(self) -> float | None:
        """The hour the area first loses coverage: refuel (or add a site) before it."""
        return self.steps[0].hours if self.steps else None

    @property
    def uncovered_hours(self) -> float | None:
        """The hour no resident has a point with power any more (None: some keep one)."""
        if self.covered_at_start > 0 and self.steps and self.steps[-1].covered <= 0:
            return self.steps[-1].hours
        return None

    def covered_at(self, hours: float) -> float:
        covered = self.covered_at_start
        for step in self.steps:
            if step.hours <= hours:
                covered = step.covered
        return covered

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "municipality": self.municipality,
            "total": _round(self.total),
            "covered_at_start": _round(self.covered_at_start),
            "share_at_start": self.share_at_start,
            "first_drop_hours": self.first_drop_hours,
            "uncovered_hours": self.uncovered_hours,
            "points": list(self.points),
            "steps": [
                {
                    "hours": s.hours,
                    "covered": _round(s.covered),
                    "share": s.share,
                    "lost": list(s.lost),
                }
                for s in self.steps
            ],  # fmt: skip
            "candidates": list(self.candidates),
        }


def _round(value: float) -> float:
    return round(float(value), 1)


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def exhaustion(points: Iterable[PointOutcome]) -> dict[str, float | None]:
    return {p.code: p.exhausted_at_hours for p in points}


def clock(area: AreaDemand, exhausted: Mapping[str, float | None]) -> AreaClock:
    """The steps of one area. A point missing from `exhausted` keeps power (None)."""

    def out_by(code: str, hours: float) -> bool:
        at = exhausted.get(code)
        return at is not None and at <= hours

    def covered(hours: float) -> float:
        return sum(w for w, codes in area.groups if any(not out_by(c, hours) for c in codes))

    reach = sorted({c for _, codes in area.groups for c in codes})
    ordered = sorted(reach, key=lambda c: (exhausted.get(c) is None, exhausted.get(c) or 0.0, c))
    total = sum(w for w, _ in area.groups)
    start = sum(w for w, codes in area.groups if codes)
    steps: list[Step] = []
    before = start
    for hours in sorted({h for c in reach if (h := exhausted.get(c)) is not None}):
        now = covered(hours)
        if now < before:
            lost = tuple(c for c in ordered if exhausted.get(c) == hours)
            steps.append(Step(round(hours, 4), now, _share(now, total), lost))
        before = now
    return AreaClock(
        area.code, area.name, area.municipality, total, start, tuple(ordered), tuple(steps),
        area.candidates,
    )  # fmt: skip


def clocks(areas: Sequence[AreaDemand], exhausted: Mapping[str, float | None]) -> list[AreaClock]:
    """Per area, the earliest to lose coverage first (those that never do last, by code)."""
    found = [clock(a, exhausted) for a in areas]
    return sorted(
        found, key=lambda c: (c.first_drop_hours is None, c.first_drop_hours or 0.0, c.code)
    )


def by_municipality(
    areas: Sequence[AreaDemand], names: Mapping[str, str], exhausted: Mapping[str, float | None]
) -> list[AreaClock]:
    """The same for each municipality as a whole (its areas' groups together), by name."""
    merged: dict[str, list[AreaDemand]] = {}
    for a in areas:
        merged.setdefault(a.municipality, []).append(a)
    found = []
    for code, parts in merged.items():
        whole = AreaDemand(
            code=code,
            name=names.get(code, code),
            municipality=code,
            groups=tuple(g for a in parts for g in a.groups),
            candidates=tuple(sorted({c for a in parts for c in a.candidates})),
        )
        found.append(clock(whole, exhausted))
    return sorted(found, key=lambda c: c.name)


def for_result(
    result: Result, areas: Sequence[AreaDemand], names: Mapping[str, str]
) -> tuple[list[AreaClock], list[AreaClock]]:
    """(areas, municipalities) for a simulated timeline."""
    exhausted = exhaustion(result.points)
    return clocks(areas, exhausted), by_municipality(areas, names, exhausted)
