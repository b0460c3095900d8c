"""p-center: choose p new sites so that the largest distance to the nearest open site is least.

Plain module without Django. The classic approach: the optimum is one of the distances in the
matrix, and "can p sites cover every demand point within radius r?" is a set-covering question.
A binary search over the sorted distinct distances answers it, first with the greedy set cover
(a yes is then certain), otherwise with HiGHS (at most p sites; the LP proves a no quickly).
Every demand point with a weight above zero counts the same: the weights only say which points
matter (a vulnerable-weighted run passes zero for points without vulnerable residents).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._common import (
    Clock,
    OptimisationError,
    Solution,
    check_count,
    check_sites,
    check_weights,
    merge_rows,
    relative_gap,
    solve_mip,
)
from ._distance import Distances, check_reachable, matrix_shape, nearest, prepare, served_order


def p_center(
    distance: Any,
    weights: Any,
    *,
    p: int,
    fixed: Sequence[int] = (),
    candidates: Sequence[int] | None = None,
    time_limit: float = 60.0,
) -> Solution:
    """Choose ``p`` new sites minimising the largest distance from a demand point (with weight
    above zero) to its nearest open site. ``distance`` as for ``p_median``."""
    clock = Clock(time_limit)
    rows, columns = matrix_shape(distance)
    w = check_weights(weights, rows)
    fixed_arr, cand = check_sites(columns, fixed, candidates)
    p = check_count(p, cand.shape[0])
    if p == 0 and fixed_arr.shape[0] == 0:
        raise OptimisationError("bad_count", count=p)
    data = prepare(distance, w, fixed_arr, cand)
    check_reachable(data, any_site=p > 0)
    cost = data.capped
    details: dict[str, Any] = {"rows": int(cost.shape[0]), "candidates": int(cost.shape[1])}
    if p == 0 or p == cost.shape[1]:
        chosen = np.arange(p, dtype=np.int64)
        objective = float(nearest(cost, chosen, data.baseline).max())
        return _solution(
            data, chosen, objective, objective, True, clock, "direct", "nothing to search", details
        )
    # Every point needs some site: the largest "nearest possible distance" is a lower bound.
    lower = float(cost.min(axis=1).max())
    values = np.unique(cost[np.isfinite(cost)])
    values = values[values >= lower]
    lo, hi = 0, values.shape[0] - 1
    reachable = cost <= values[hi]
    first = _greedy_cover(reachable, p)
    if first is None:
        # With missing pairs, p sites may not reach every point at all: ask HiGHS.
        first, _, _, _ = _mip_cover(reachable, p, clock, np.zeros(0, dtype=np.int64))
        if first is None:
            lost = _greedy_missed(reachable, p)
            raise OptimisationError(
                "unreachable_demand", points=lost.shape[0], row=int(data.rows[lost[0]])
            )
    chosen = first
    # Greedy binary search: a quick good answer.
    best = float(nearest(cost, chosen, data.baseline).max())
    hi = int(np.searchsorted(values, best))
    a, b = lo, hi
    while a < b:
        mid = (a + b) // 2
        found = _greedy_cover(cost <= values[mid], p)
        if found is None:
            a = mid + 1
        else:
            chosen, b = (
                found,
                int(np.searchsorted(values, nearest(cost, found, data.baseline).max())),
            )
    best = float(nearest(cost, chosen, data.baseline).max())
    hi = int(np.searchsorted(values, best))
    # Packing binary search: a quick proven lower bound below the best radius found.
    reach = np.sort(cost, axis=1)
    a, b, packed = lo, hi, 0
    while a < b:
        mid = (a + b) // 2
        if _packing(cost, reach, values[mid], p):
            a, lo, packed = mid + 1, mid + 1, packed + 1
        else:
            b = mid
    method, status, checks = "greedy", "heuristic", 0
    active = np.zeros(0, dtype=np.int64)
    # Exact binary search between the proven lower bound and the best radius found.
    while lo < hi and clock.left() > 0.05:
        mid = (lo + hi) // 2
        if _packing(cost, reach, values[mid], p):
            lo, packed = mid + 1, packed + 1
            continue
        covers = cost <= values[mid]
        found = _greedy_cover(covers, p)
        proven_no = False
        if found is None:
            checks += 1
            method = "greedy+highs"
            found, proven_no, status, active = _mip_cover(covers, p, clock, active)
            if found is None and not proven_no:
                break  # out of time: keep what is proven
        if found is not None:
            chosen = found
            best = float(nearest(cost, found, data.baseline).max())
            hi = int(np.searchsorted(values, best))
        else:
            lo = mid + 1
    details["packing_proofs"] = packed
    details["feasibility_checks"] = checks
    bound = float(values[lo]) if lo <= hi else best
    optimal = lo >= hi
    if optimal:
        status = "proven optimal by binary search" if checks else "proven optimal by the bound"
    return _solution(data, chosen, best, min(bound, best), optimal, clock, method, status, details)


def _solution(
    data: Distances,
    chosen: np.ndarray,
    objective: float,
    bound: float,
    optimal: bool,
    clock: Clock,
    method: str,
    status: str,
    details: dict[str, Any],
) -> Solution:
    selected, gains = served_order(data.capped, data.weights, data.baseline, np.asarray(chosen))
    return Solution(
        model="pcenter",
        selected=data.candidates[selected],
        objective=float(objective),
        bound=float(objective if optimal else bound),
        gap=0.0 if optimal else relative_gap(objective, bound),
        optimal=bool(optimal),
        seconds=clock.elapsed(),
        method=method,
        gains=gains,
        covered=float(data.weights.sum()),
        status=status,
        details=details,
    )


def _greedy_cover(covers: np.ndarray, p: int) -> np.ndarray | None:
    """Greedy set cover of all rows with at most ``p`` columns, or None when it needs more."""
    open_rows = np.ones(covers.shape[0], dtype=bool)
    counts = covers.sum(axis=0).astype(np.float64)
    chosen: list[int] = []
    while open_rows.any():
        if len(chosen) >= p:
            return None
        j = int(np.argmax(counts))
        if counts[j] <= 0:
            return None
        chosen.append(j)
        newly = open_rows & covers[:, j]
        open_rows &= ~newly
        counts -= covers[newly].sum(axis=0)
    # Fill up to p sites is not needed: fewer sites already reach the radius.
    return np.asarray(chosen, dtype=np.int64)


def _packing(cost: np.ndarray, reach: np.ndarray, radius: float, p: int) -> bool:
    """True when ``p`` sites cannot cover every row within ``radius``: greedily pick p + 1 rows
    of which no two share a site in reach (each then needs a site of its own). Rows with the
    fewest sites in reach go first. ``reach`` is ``cost`` sorted per row."""
    counts = (reach <= radius).sum(axis=1)
    order = np.argsort(counts, kind="stable")
    free = np.ones(cost.shape[0], dtype=bool)
    picked = 0
    for i in order:
        if not free[i]:
            continue
        sites = np.flatnonzero(cost[i] <= radius)
        if sites.shape[0] == 0:
            return True  # this row cannot be covered at all
        picked += 1
        if picked > p:
            return True
        free &= ~(cost[:, sites] <= radius).any(axis=1)
        if not free.any():
            return False
    return False


def _mip_cover(
    covers: np.ndarray, p: int, clock: Clock, active: np.ndarray
) -> tuple[np.ndarray | None, bool, str, np.ndarray]:
    """Can at most ``p`` columns cover every row? Returns (columns or None, proven no, status,
    the rows used). Row generation: solve for a few "hard" rows only; a no there is a no for all;
    a yes is checked against all rows and the rows it misses are added (Chen & Chen 2009)."""
    status = "HiGHS: not run"
    active = np.union1d(active, _hard_rows(covers, p))
    tries = 0
    while tries == 0 or clock.left() > 0.05:  # at least one try, even when out of time
        tries += 1
        matrix = sp.csr_matrix(covers[active].astype(np.float64))
        merged, _ = merge_rows(matrix, np.ones(matrix.shape[0]))
        if (np.diff(merged.indptr) == 0).any():
            return None, True, "HiGHS: a point is out of reach", active
        rows, cols = merged.shape
        full = sp.vstack([merged, sp.csr_matrix(np.ones((1, cols)))]).tocsc()
        result = solve_mip(
            sense=1,
            cost=np.ones(cols),
            lower=np.zeros(cols),
            upper=np.ones(cols),
            integer=np.ones(cols),
            matrix=full,
            row_lower=np.concatenate([np.ones(rows), [0.0]]),
            row_upper=np.concatenate([np.full(rows, np.inf), [float(p)]]),
            time_limit=clock.left(),
            options={"mip_max_improving_sols": 1},
        )
        status = f"HiGHS: {result.status}"
        if result.values is None:
            return None, result.status.lower().startswith("infeasible"), status, active
        chosen = np.flatnonzero(result.values > 0.5)
        missed = np.flatnonzero(~covers[:, chosen].any(axis=1))
        if missed.shape[0] == 0:
            return chosen, False, status, active
        active = np.union1d(active, missed[:: max(1, missed.shape[0] // 200)])
    return None, False, status, active


def _hard_rows(covers: np.ndarray, p: int, count: int = 50) -> np.ndarray:
    """Rows with the fewest sites in reach, and the rows a greedy p-site cover misses."""
    reach = covers.sum(axis=1)
    hard = np.argsort(reach, kind="stable")[:count]
    missed = _greedy_missed(covers, p)
    return np.union1d(hard, missed[:: max(1, missed.shape[0] // 200)])


def _greedy_missed(covers: np.ndarray, p: int) -> np.ndarray:
    """The rows that a greedy choice of ``p`` columns leaves uncovered."""
    open_rows = np.ones(covers.shape[0], dtype=bool)
    counts = covers.sum(axis=0).astype(np.float64)
    for _ in range(p):
        j = int(np.argmax(counts))
        if counts[j] <= 0:
            break
        newly = open_rows & covers[:, j]
        open_rows &= ~newly
        counts -= covers[newly].sum(axis=0)
    return np.flatnonzero(open_rows)
