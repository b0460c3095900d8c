"""A hybrid logical clock: the order of changes made on instances whose wall clocks disagree.

A stamp is wall time in milliseconds, a counter and the node id of the instance that made it. A
clock never goes back: when the wall clock jumps back (a laptop without internet, a wrong time
set by hand) the clock keeps its last time and counts up. Receiving a stamp from another instance
moves the clock past it, so a change made after reading another instance's change always orders
after it, whatever the two wall clocks say (Kulkarni et al., "Logical physical clocks", 2014).

Stamps are strings that sort in the clock's order: ``0001733140800000-0000-a1b2c3d4``.
Pure Python, no Django.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

WALL_DIGITS = 16
COUNTER_DIGITS = 4
MAX_COUNTER = 10**COUNTER_DIGITS - 1
# A remote stamp further ahead of our wall clock than this is refused: one bad clock must not drag
# every instance's clock a year into the future.
MAX_DRIFT_MS = 7 * 24 * 3600 * 1000


class ClockError(ValueError):
    """A stamp that cannot be read, or that lies too far in the future to accept."""


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        parts = text.split("-", 2)
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or not parts[2]:
            raise ClockError(f"not a clock stamp: {text!r}")
        return cls(int(parts[0]), int(parts[1]), parts[2])


ZERO = Stamp(0, 0, "")


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class Clock:
    """The clock of one node; thread-safe. ``wall`` is injectable for tests (and skewed clocks)."""

    def __init__(
        self, node: str, *, wall: Callable[[], int] = wall_ms, last: Stamp | None = None
    ) -> None:
        if not node or "-" in node:
            raise ClockError(f"a node id is a non-empty string without '-': {node!r}")
        self.node = node
        self._wall = wall
        self._last = last or ZERO
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return self._last

    def now(self, *, after: Stamp | None = None) -> Stamp:
        """A new stamp, later than every stamp this clock made or received and than ``after``.

        ``after`` is the newest stamp another process of this node may have made (the top of the
        shared journal): the clock moves past it without the drift check of ``receive``, as a
        clock started from the journal does.
        """
        with self._lock:
            if after is not None and after > self._last:
                self._last = after
            wall = self._wall()
            if wall > self._last.wall_ms:
                stamp = Stamp(wall, 0, self.node)
            else:
                stamp = self._bump(self._last.wall_ms, self._last.counter)
            self._last = stamp
            return stamp

    def receive(self, remote: Stamp | str) -> Stamp:
        """Merge a stamp from another instance; the clock is then past it. Returns the new stamp."""
        if isinstance(remote, str):
            remote = Stamp.parse(remote)
        with self._lock:
            wall = self._wall()
            if remote.wall_ms - wall > MAX_DRIFT_MS:
                raise ClockError(f"stamp {remote} lies more than a week ahead of this clock")
            top = max(wall, self._last.wall_ms, remote.wall_ms)
            if top == self._last.wall_ms == remote.wall_ms:
                stamp = self._bump(top, max(self._last.counter, remote.counter))
            elif top == self._last.wall_ms:
                stamp = self._bump(top, self._last.counter)
            elif top == remote.wall_ms:
                stamp = self._bump(top, remote.counter)
            else:
                stamp = Stamp(top, 0, self.node)
            self._last = stamp
            return stamp

    def _bump(self, wall: int, counter: int) -> Stamp:
        if counter >= MAX_COUNTER:  # ten thousand changes in one millisecond: borrow the next one
            return Stamp(wall + 1, 0, self.node)
        return Stamp(wall, counter + 1, self.node)
