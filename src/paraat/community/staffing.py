"""When a point falls below its minimum staff (no Django): shifts are (start, end) pairs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def staff_at(shifts: Iterable[tuple[dt.datetime, dt.datetime]], moment: dt.datetime) -> int:
    return sum(1 for start, end in shifts if start <= moment < end)


def first_shortfall(
    shifts: list[tuple[dt.datetime, dt.datetime]],
    minimum: int,
    start: dt.datetime,
    end: dt.datetime,
) -> tuple[dt.datetime, int] | None:
    """The first moment in [start, end) with fewer than ``minimum`` on duty, and how many there are.

    The count only changes where a shift starts or ends, so those moments are enough to check.
    """
    moments = sorted({start} | {t for pair in shifts for t in pair if start <= t < end})
    for moment in moments:
        count = staff_at(shifts, moment)
        if count < minimum:
            return moment, count
    return None
