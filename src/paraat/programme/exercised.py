"""Who and what was exercised: a tally of trainings and exercises per key. Plain module, no Django.

The calendar page and the overview give this module each held training or exercise as a `Held`
(its day, the municipalities and points it involved, the roles that took part); it counts them
per point, per municipality and per role and keeps the latest day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

TRAINING = "training"
EXERCISE = "exercise"


@dataclass(frozen=True)
class Held:
    key: int
    kind: str  # TRAINING or EXERCISE
    day: dt.date
    municipalities: tuple[int, ...]  # those it involved; empty: region-wide with no points
    points: tuple[int, ...]
    roles: tuple[str, ...]


@dataclass
class Tally:
    trainings: int = 0
    exercises: int = 0
    last: dt.date | None = None

    @property
    def total(self) -> int:
        return self.trainings + self.exercises

    def add(self, held: Held) -> None:
        if held.kind == EXERCISE:
            self.exercises += 1
        else:
            self.trainings += 1
        if self.last is None or held.day > self.last:
            self.last = held.day


def within(held: Iterable[Held], start: dt.date, end: dt.date) -> list[Held]:
    """Those held from `start` up to and including `end`."""
    return [h for h in held if start <= h.day <= end]


def tally(
    held: Iterable[Held], keys: Callable[[Held], Iterable[Hashable]]
) -> dict[Hashable, Tally]:
    """One Tally per key; an event with a key twice counts once for it."""
    found: dict[Hashable, Tally] = {}
    for h in held:
        for key in set(keys(h)):
            found.setdefault(key, Tally()).add(h)
    return found


def per_point(held: Iterable[Held]) -> dict[Hashable, Tally]:
    return tally(held, lambda h: h.points)


def per_municipality(held: Iterable[Held]) -> dict[Hashable, Tally]:
    """Keyed by municipality id; None gathers the region-wide events that name no place."""
    return tally(held, lambda h: h.municipalities or (None,))


def per_role(held: Iterable[Held]) -> dict[Hashable, Tally]:
    return tally(held, lambda h: h.roles)
