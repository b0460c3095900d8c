"""The group commit hands each thread the outcome of its own item, written with others'."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from paraat.core.groupcommit import Group

THREADS = 12


def _in_threads(group: Group[int, str], items: list[int]) -> dict[int, str | BaseException]:
    answers: dict[int, str | BaseException] = {}
    start = threading.Barrier(len(items))

    def send(item: int) -> None:
        start.wait(timeout=10)
        try:
            answers[item] = group.submit(item)
        except Exception as exc:  # the item's own outcome
            answers[item] = exc

    threads = [threading.Thread(target=send, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread was never answered"
    return answers


def _slow_write(calls: list[list[int]]) -> object:
    def write(items: Sequence[int]) -> list[str | BaseException]:
        calls.append(list(items))
        time.sleep(0.05)  # a commit that waits for the disk: the others queue meanwhile
        return [ValueError(f"odd {i}") if i % 2 else f"stored {i}" for i in items]

    return write


def test_it_answers_every_thread_with_its_own_outcome_from_fewer_writes() -> None:
    calls: list[list[int]] = []
    group: Group[int, str] = Group(_slow_write(calls))  # type: ignore[arg-type]
    answers = _in_threads(group, list(range(THREADS)))
    for item in range(THREADS):
        if item % 2:
            assert isinstance(answers[item], ValueError) and str(answers[item]) == f"odd {item}"
        else:
            assert answers[item] == f"stored {item}"
    assert sorted(i for call in calls for i in call) == list(range(THREADS)), "each item once"
    assert len(calls) < THREADS, "items that arrived together were written together"
    assert (group.calls, group.items) == (len(calls), THREADS)


def test_it_writes_no_more_than_most_items_at_once() -> None:
    calls: list[list[int]] = []
    group: Group[int, str] = Group(_slow_write(calls), most=3)  # type: ignore[arg-type]
    answers = _in_threads(group, list(range(0, 2 * THREADS, 2)))
    assert all(answer == f"stored {item}" for item, answer in answers.items())
    assert max(len(call) for call in calls) <= 3
    assert sorted(i for call in calls for i in call) == list(range(0, 2 * THREADS, 2))


def test_it_gives_every_item_of_a_failed_write_its_error() -> None:
    def write(items: Sequence[int]) -> list[str]:
        time.sleep(0.02)
        if 5 in items:
            raise RuntimeError("the disk is full")
        return [f"stored {i}" for i in items]

    group: Group[int, str] = Group(write)
    answers = _in_threads(group, list(range(8)))
    failed = [item for item, answer in answers.items() if isinstance(answer, RuntimeError)]
    assert 5 in failed
    assert all(answers[item] == f"stored {item}" for item in range(8) if item not in failed)
    # The group goes on after a failed write.
    assert group.submit(1) == "stored 1"


def test_it_refuses_a_write_that_answers_for_fewer_items() -> None:
    group: Group[int, str] = Group(lambda items: [])
    try:
        group.submit(1)
    except RuntimeError as exc:
        assert "0 outcomes for 1" in str(exc)
    else:
        raise AssertionError("no error for a missing outcome")
