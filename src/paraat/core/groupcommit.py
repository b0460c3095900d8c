"""Group commit: threads that each want to write hand their item to whichever of them writes next.

A database commits one transaction at a time per lock (SQLite has one writer; a status report
locks its point's activation), and each commit waits for the disk. When many requests write at
once, each waiting for its own turn, the turns are the bottleneck, not the CPU. Here the first
thread to arrive becomes the writer: it takes every item queued so far, writes them with one
call of ``write`` (one transaction, one commit), and hands each waiting thread its own result.
Items that arrive meanwhile queue up for the next writer, one of the threads that brought them.

No thread of its own and no Django: the caller's thread writes, with its own connection, and a
caller is answered only after the transaction that holds its item has committed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(eq=False)
class _Slot(Generic[T, R]):
    item: T
    # Set when the slot's thread has something to do: its outcome is in, or it writes next.
    wake: threading.Event = field(default_factory=threading.Event)
    done: bool = False
    writes: bool = False  # this slot's thread writes the next turn
    result: R | None = None
    error: BaseException | None = None


@dataclass
class Group(Generic[T, R]):
    """``submit(item)`` returns ``write([... item ...])``'s result for ``item``.

    ``write`` gets the items in the order they arrived and returns one outcome per item, in the
    same order: a result, or an exception to raise in that item's thread. If ``write`` itself
    raises, every item of that call gets the exception.

    A thread that waits sleeps on its own event: a finished write wakes the threads it answered
    and the one that writes next, not every waiting thread (under load each wake-up of a thread
    with nothing to do was a switch of the CPU and a turn at the interpreter's lock).
    """

    write: Callable[[Sequence[T]], Sequence[R | BaseException]]
    most: int = 64  # items in one call of ``write``; the rest wait for the next
    _queue: list[_Slot[T, R]] = field(default_factory=list)
    _writing: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # How many calls of ``write`` and items so far, for a benchmark or a test to read.
    calls: int = 0
    items: int = 0

    def submit(self, item: T) -> R:
        slot: _Slot[T, R] = _Slot(item)
        with self._lock:
            self._queue.append(slot)
            if not self._writing:  # nobody writes: this thread does, at once
                self._writing = slot.writes = True
        while True:
            if not slot.writes:
                slot.wake.wait()
            if slot.done:
                return self._outcome(slot)
            # This thread writes: every item queued so far, up to ``most`` (its own among them,
            # or in a later turn when more than ``most`` were ahead of it).
            with self._lock:
                taken, self._queue = self._queue[: self.most], self._queue[self.most :]
                slot.writes = False
                slot.wake.clear()
            try:
                self._run(taken)
            finally:
                self._hand_on()

    def _hand_on(self) -> None:
        """The turn to write goes to the first thread still waiting, or to nobody."""
        with self._lock:
            if not self._queue:
                self._writing = False
                return
            nxt = self._queue[0]
            nxt.writes = True
        nxt.wake.set()

    def _run(self, taken: list[_Slot[T, R]]) -> None:
        try:
            outcomes = self.write([slot.item for slot in taken])
            if len(outcomes) != len(taken):
                raise RuntimeError(f"write returned {len(outcomes)} outcomes for {len(taken)}")
        except BaseException as exc:  # every item of the call failed with it
            outcomes = [exc] * len(taken)
        with self._lock:
            self.calls += 1
            self.items += len(taken)
            for slot, outcome in zip(taken, outcomes, strict=True):
                if isinstance(outcome, BaseException):
                    slot.error = outcome
                else:
                    slot.result = outcome
                slot.done = True
        for slot in taken:
            slot.wake.set()

    @staticmethod
    def _outcome(slot: _Slot[T, R]) -> R:
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]
