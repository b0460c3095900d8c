"""How far an activity and a programme cell are: plain data in, plain data out (no Django).

An indicator reading is a value against a target as of a date. A cell (one municipality, one
line) is as far as the mean of its indicators; without indicators, as far as the share of its
activities that are done. Stopped activities count for nothing either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

# Band codes, as ProgressBand holds them.
NO_AMBITION = "none"
NOT_STARTED = "not_started"
STARTED = "started"
HALFWAY = "halfway"
REACHED = "reached"


@dataclass(frozen=True)
class Reading:
    """One indicator: ``value`` against ``target`` as of ``as_of`` (None: nothing measured yet)."""

    value: float | None
    target: float | None
    as_of: dt.date | None
    measured: bool

    @property
    def fraction(self) -> float | None:
        """0..1, or None without a value or a positive target."""
        if self.value is None or not self.target or self.target <= 0:
            return None
        return max(0.0, min(1.0, self.value / self.target))


@dataclass(frozen=True)
class ActivityState:
    status: str
    reading: Reading | None


@dataclass(frozen=True)
class CellProgress:
    fraction: float | None
    band: str
    activities: int
    done: int
    indicators: int


def cell_progress(has_ambition: bool, activities: Sequence[ActivityState]) -> CellProgress:
    """The progress of one municipality on one line."""
    live = [a for a in activities if a.status != "stopped"]
    done = sum(1 for a in live if a.status == "done")
    fractions = [f for a in live if a.reading and (f := a.reading.fraction) is not None]
    if fractions:
        fraction: float | None = sum(fractions) / len(fractions)
    elif live:
        fraction = done / len(live)
    else:
        fraction = None
    return CellProgress(
        fraction=fraction,
        band=band(has_ambition, fraction),
        activities=len(live),
        done=done,
        indicators=len(fractions),
    )


def band(has_ambition: bool, fraction: float | None) -> str:
    if not has_ambition:
        return NO_AMBITION
    if fraction is None or fraction <= 0:
        return NOT_STARTED
    if fraction >= 1:
        return REACHED
    if fraction >= 0.5:
        return HALFWAY
    return STARTED


def percent(fraction: float | None) -> int | None:
    return None if fraction is None else round(fraction * 100)
