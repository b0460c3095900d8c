"""Lists that start with what is the reader's own: a municipal officer's municipalities first."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

T = TypeVar("T")


def own_first(items: Iterable[T], own: Collection[int], key: Callable[[T], int | None]) -> list[T]:
    """``items`` with those whose ``key`` is in ``own`` first, each part in its given order."""
    listed = list(items)
    if not own:
        return listed
    return sorted(listed, key=lambda item: key(item) not in own)
