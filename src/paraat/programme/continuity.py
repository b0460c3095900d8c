"""When critical processes fail in a power outage, with and without their fallback.

Pure computation, free of Django: it takes plain process data and returns plain timings, counted
in hours from the start of the outage (hour 0). A process that leans on power, telecom, internet
or payments stops at hour 0 and fails once its maximum tolerable downtime has passed; its
fallback must be running by then, and holds for its own autonomy after that. A process that leans
on none of these is not affected by the outage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The dependencies a long power outage takes away at once (domain.md: the cascade's first hours).
OUTAGE_DEPENDENCIES = frozenset({"power", "telecom", "internet", "payments"})


@dataclass(frozen=True)
class Process:
    key: object
    max_downtime_h: int
    dependencies: tuple[str, ...]
    has_fallback: bool
    fallback_autonomy_h: int | None


@dataclass(frozen=True)
class Timing:
    """`fails_without_h` and `fails_with_h` are None when the outage does not touch the process;
    `fallback_by_h` is the hour by which the fallback must be in place (None: nothing to do)."""

    key: object
    affected: bool
    fails_without_h: int | None
    fails_with_h: int | None
    fallback_by_h: int | None
    fallback_missing: bool


def timing(process: Process) -> Timing:
    if not OUTAGE_DEPENDENCIES.intersection(process.dependencies):
        return Timing(process.key, False, None, None, None, False)
    without = process.max_downtime_h
    autonomy = process.fallback_autonomy_h if process.has_fallback else None
    with_fallback = without + autonomy if autonomy is not None else without
    return Timing(
        key=process.key,
        affected=True,
        fails_without_h=without,
        fails_with_h=with_fallback,
        fallback_by_h=without,
        fallback_missing=autonomy is None,
    )


def timings(processes: Iterable[Process]) -> list[Timing]:
    """Affected processes first, the earliest to fail first; unaffected ones after."""
    found = [timing(p) for p in processes]
    return sorted(
        found, key=lambda t: (not t.affected, t.fails_without_h or 0, t.fails_with_h or 0)
    )


def fallback_deadlines(processes: Iterable[Process]) -> list[tuple[int, object]]:
    """Which fallbacks must be in place by when: (hour, process key), earliest first."""
    return [
        (t.fallback_by_h, t.key)
        for t in timings(processes)
        if t.fallback_by_h is not None and not t.fallback_missing
    ]
