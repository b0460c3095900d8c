"""A volunteer's weekly pattern and dates away (no Django).

The pattern is a list of slot codes: weekday (0 = Monday) and day part, e.g. ``"0m"`` for Monday
morning. Day parts: n 0-6, m 6-12, a 12-18, e 18-24. Dates away are ``[from, until]`` ISO dates,
both included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

PARTS = ("n", "m", "a", "e")
ALL_SLOTS = tuple(f"{day}{part}" for day in range(7) for part in PARTS)


def slot(moment: dt.datetime) -> str:
    """The slot code of a local time."""
    return f"{moment.weekday()}{PARTS[moment.hour // 6]}"


def parse_away(text: str) -> list[list[str]]:
    """Lines 'YYYY-MM-DD' or 'YYYY-MM-DD/YYYY-MM-DD' as ranges; ValueError names the bad line."""
    ranges: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        first, _, last = line.partition("/")
        try:
            start = dt.date.fromisoformat(first.strip())
            end = dt.date.fromisoformat(last.strip()) if last else start
        except ValueError:
            raise ValueError(f"line {number}: {line!r} is not a date or date/date") from None
        if end < start:
            raise ValueError(f"line {number}: {line!r} ends before it starts")
        ranges.append([start.isoformat(), end.isoformat()])
    return ranges


def format_away(ranges: Iterable[list[str]]) -> str:
    return "\n".join(a if a == b else f"{a}/{b}" for a, b in ranges)


def is_away(ranges: Iterable[list[str]], day: dt.date) -> bool:
    text = day.isoformat()
    return any(start <= text <= end for start, end in ranges)


def is_available(pattern: Iterable[str], ranges: Iterable[list[str]], moment: dt.datetime) -> bool:
    """Available at this local moment: in the weekly pattern and not away that day."""
    return slot(moment) in set(pattern) and not is_away(ranges, moment.date())
