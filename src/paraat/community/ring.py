"""Who to ask first in a call-out: the eligible volunteers within a radius, nearest first.

Plain data in and out (no Django), so it can be tested and benchmarked on 100,000 volunteers.
Coordinates are RD New metres.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


def first_ring(
    xs: ArrayLike,
    ys: ArrayLike,
    eligible: ArrayLike,
    centre: tuple[float, float],
    radius: float,
    limit: int,
    exclude: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the ``limit`` nearest eligible volunteers within ``radius`` and their distances.

    ``exclude`` (a boolean mask) removes those already asked. Ties are broken by index, so the
    order is the same on every run.
    """
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    mask = np.asarray(eligible, dtype=bool)
    if exclude is not None:
        mask = mask & ~np.asarray(exclude, dtype=bool)
    dx = x - centre[0]
    dy = y - centre[1]
    d2 = dx * dx + dy * dy
    mask &= d2 <= radius * radius
    candidates = np.flatnonzero(mask)
    if limit <= 0 or candidates.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    distances = d2[candidates]
    if candidates.size > limit:
        keep = np.argpartition(distances, limit - 1)[:limit]
        candidates, distances = candidates[keep], distances[keep]
    order = np.lexsort((candidates, distances))
    return candidates[order], np.sqrt(distances[order])


def first_ring_baseline(
    xs: Sequence[float],
    ys: Sequence[float],
    eligible: Sequence[bool],
    centre: tuple[float, float],
    radius: float,
    limit: int,
) -> list[tuple[int, float]]:
    """The straightforward Python version: the benchmark's baseline and the tests' reference."""
    found = []
    for i in range(len(xs)):
        if not eligible[i]:
            continue
        distance = math.hypot(xs[i] - centre[0], ys[i] - centre[1])
        if distance <= radius:
            found.append((distance, i))
    found.sort()
    return [(i, d) for d, i in found[:limit]]
