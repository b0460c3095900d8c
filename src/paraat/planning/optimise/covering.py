"""Maximal covering (MCLP) and set covering (LSCP), without and with a capacity per site.

Plain module without Django. Each function first finds a good answer fast (greedy with exact
incremental gains, then one-for-one swaps), bounds it, and then lets HiGHS prove the optimum in the
time that is left. Presolve: demand already covered by fixed sites is dropped (uncapacitated case),
demand rows covered by exactly the same sites are merged (weights summed), and candidate sites
whose covered rows are a subset of another candidate's are dropped (dominance).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._capacity import capacitated_covering
from ._common import (
    Clock,
    OptimisationError,
    Solution,
    check_capacity,
    check_count,
    check_cover,
    check_sites,
    check_weights,
    merge_rows,
    one_blas_thread,
    relative_gap,
)
from ._exact import lscp_exact, mclp_exact
from ._lagrange import mclp_lagrange

TOLERANCE = 1e-9
# Set covering of every row works on a dense 0/1 matrix up to this many cells (rows x sites).
KERNEL_CELLS = 4_000_000
# Above this many stored entries (after presolve) maximal covering bounds by a Lagrangian
# relaxation instead of HiGHS's LP, which takes 40 s at 30,000 rows x 3,000 sites (2.4 M entries).
LAGRANGE_NNZ = 1_000_000
# The Lagrangian steps stop once the bound is this close to the best answer (relative).
LAGRANGE_GAP = 0.002
# Local search for large maximal covering first among this many sites per new site, the ones the
# Lagrangian multipliers score highest.
CORE_PER_SITE = 12
# Up to this many stored entries (after presolve) maximal covering leaves its first swaps to the
# search on the LP's sites (the LP then takes well under a second).
SWAP_LATER_NNZ = 250_000


@one_blas_thread
def maximal_covering(
    cover: Any,
    weights: Any,
    *,
    k: int,
    fixed: Sequence[int] = (),
    candidates: Sequence[int] | None = None,
    capacity: Any = None,
    time_limit: float = 30.0,
) -> Solution:
    """Choose ``k`` new sites among the candidates so that the most weight is covered.

    Fixed sites (existing points) are always open. With ``capacity`` (one value per column, may be
    ``inf``) a site serves at most that much weight; a demand point may be split over sites. May
    return fewer than ``k`` sites when further sites would add nothing.
    """
    clock = Clock(time_limit)
    matrix = check_cover(cover)
    w = check_weights(weights, matrix.shape[0])
    fixed_arr, cand = check_sites(matrix.shape[1], fixed, candidates)
    k = check_count(k, cand.shape[0])
    cap = check_capacity(capacity, matrix.shape[1])
    if cap is not None:
        return capacitated_covering(
            matrix, w, cap, fixed_arr, cand, clock=clock, k=k, required=None
        )
    problem = _reduce(matrix, w, fixed_arr, cand)
    heuristic = _greedy(problem.matrix, problem.weights, k=k, required=None)
    large = problem.matrix.nnz > LAGRANGE_NNZ
    chosen = heuristic
    value = _covered(problem.matrix, problem.weights, chosen)
    bound = min(
        problem.weights.sum(), value + _top_gains(problem.matrix, problem.weights, chosen, k)
    )
    exact_next = not large and relative_gap(value, bound) > 0 and clock.left() > 0.05
    # On small models with time to spare the swaps are left to ``improve`` on the LP's sites,
    # which finds a better start anyway (measured: 0.075 s instead of 0.10 s of CPU at
    # 5,000 x 300, p = 15). Otherwise they come first, so a HiGHS run cut short by the time
    # limit still leaves a swapped answer.
    swap_later = exact_next and problem.matrix.nnz <= SWAP_LATER_NNZ and clock.left() >= 1.0
    if not large and not swap_later:
        chosen = _swap(problem.matrix, problem.weights, heuristic, clock=clock)
        value = _covered(problem.matrix, problem.weights, chosen)
        bound = min(bound, value + _top_gains(problem.matrix, problem.weights, chosen, k))
        exact_next = exact_next and relative_gap(value, bound) > 0 and clock.left() > 0.05
    method, status, optimal = ("greedy" if large else "greedy+swap"), "heuristic", False
    if large and relative_gap(value, bound) > 0 and k > 0:
        chosen, value, bound = _lagrange_bound(problem, k, chosen, value, bound, clock)
        method += "+lagrange+swap"
    elif exact_next:

        def improve(start: np.ndarray) -> np.ndarray:
            grown = _greedy(problem.matrix, problem.weights, k=k, required=None, initial=start)
            return _swap(problem.matrix, problem.weights, grown, clock=clock)

        exact = mclp_exact(problem.matrix, problem.weights, k, chosen, clock, improve=improve)
        method += "+highs"
        status = exact.status
        chosen = exact.chosen
        value = _covered(problem.matrix, problem.weights, chosen)
        bound = min(bound, exact.bound)
        optimal = exact.optimal
        problem.extra["sites_after_fixing"] = exact.free_sites
        if not optimal:
            chosen = _swap(problem.matrix, problem.weights, chosen, clock=clock)
            value = _covered(problem.matrix, problem.weights, chosen)
    bound = max(bound, value)
    gap = relative_gap(value, bound)
    optimal = optimal or gap == 0
    if optimal:
        bound, gap = value, 0.0
        status = status if status != "heuristic" else "proven optimal by the bound"
    order, gains = _greedy_order(problem.matrix, problem.weights, chosen)
    return Solution(
        model="mclp",
        selected=problem.columns[order],
        objective=float(problem.base + value),
        bound=float(problem.base + bound),
        gap=gap,
        optimal=optimal,
        seconds=clock.elapsed(),
        method=method,
        gains=gains,
        covered=float(problem.base + value),
        status=status,
        details=problem.details(),
    )


@one_blas_thread
def set_covering(
    cover: Any,
    weights: Any,
    *,
    target: float = 1.0,
    fixed: Sequence[int] = (),
    candidates: Sequence[int] | None = None,
    capacity: Any = None,
    time_limit: float = 30.0,
) -> Solution:
    """Choose the fewest new sites so that at least ``target`` (a share, 0 < target <= 1) of the
    total weight is covered, counting the fixed sites. Raises when the target cannot be reached."""
    clock = Clock(time_limit)
    matrix = check_cover(cover)
    w = check_weights(weights, matrix.shape[0])
    fixed_arr, cand = check_sites(matrix.shape[1], fixed, candidates)
    if not np.isfinite(target) or not 0 < target <= 1:
        raise OptimisationError("bad_target", target=target)
    cap = check_capacity(capacity, matrix.shape[1])
    total = float(w.sum())
    required = target * total * (1 - TOLERANCE)
    if cap is not None:
        return capacitated_covering(
            matrix, w, cap, fixed_arr, cand, clock=clock, k=None, required=required, target=target
        )
    problem = _reduce(matrix, w, fixed_arr, cand)
    reachable = problem.base + float(problem.weights.sum())
    if reachable < required:
        raise OptimisationError(
            "target_unreachable",
            target=_percent(target * 100),
            reachable=_percent(100 * reachable / total),
        )
    need = required - problem.base
    every_row = problem.weights.shape[0] > 0 and need > float(
        problem.weights.sum() - problem.weights.min()
    )
    if every_row and problem.matrix.shape[0] * problem.matrix.shape[1] <= KERNEL_CELLS:
        return _cover_all(problem, clock, total)
    chosen = _greedy(problem.matrix, problem.weights, k=None, required=need)
    chosen = _prune(problem.matrix, problem.weights, chosen, need)
    bound = float(_count_bound(problem.matrix, problem.weights, need))
    method, status, optimal = "greedy", "heuristic", False
    if chosen.shape[0] > bound and clock.left() > 0.05:
        exact = lscp_exact(problem.matrix, problem.weights, need, chosen, clock)
        method += "+highs"
        status = exact.status
        chosen = exact.chosen
        bound = max(bound, exact.bound)
        optimal = exact.optimal
        problem.extra["sites_after_fixing"] = exact.free_sites
    value = float(chosen.shape[0])
    bound = min(bound, value)
    optimal = optimal or bound >= value
    if optimal:
        bound = value
        status = status if status != "heuristic" else "proven optimal by the bound"
    return _lscp_solution(
        problem,
        problem.matrix,
        problem.weights,
        chosen,
        value,
        bound,
        optimal,
        clock,
        method,
        status,
    )


def _lagrange_bound(
    problem: _Reduced, k: int, chosen: np.ndarray, value: float, bound: float, clock: Clock
) -> tuple[np.ndarray, float, float]:
    """Large maximal covering: a Lagrangian bound, local search among the sites its multipliers
    score highest, then more Lagrangian steps aimed at the better answer. Returns the answer, its
    covered weight and the bound."""
    matrix, w = problem.matrix, problem.weights
    first = mclp_lagrange(
        matrix, w, k, chosen, value, clock=clock, seconds=0.6 * clock.left(), iterations=600
    )
    iterations = first.iterations
    best = min(bound, first.bound)
    if relative_gap(value, best) > LAGRANGE_GAP:
        # Sites the multipliers score highest hold the LP's support: search among them first
        # (measured at 30,000 x 3,000, k = 50: 1,054,007 against 1,048,542 for greedy + swap).
        # Not with the greedy's sites added: the greedy on the core would find those again.
        scores = np.asarray(matrix.T @ first.multipliers).reshape(-1)
        core = np.sort(np.argsort(-scores, kind="stable")[: CORE_PER_SITE * k])
        sub = matrix[:, core].tocsr()
        found = core[_swap(sub, w, _greedy(sub, w, k=k, required=None), clock=clock)]
        found = _swap(matrix, w, found, clock=clock)
        found_value = _covered(matrix, w, found)
        if found_value > value:
            chosen, value = found, found_value
    if relative_gap(value, best) > LAGRANGE_GAP and clock.left() > 0.05:
        second = mclp_lagrange(
            matrix,
            w,
            k,
            chosen,
            value,
            clock=clock,
            seconds=clock.left(),
            start=first.multipliers,
            theta0=max(first.theta, 0.05),
            target=LAGRANGE_GAP,
            iterations=500,
        )
        best = min(best, second.bound)
        iterations += second.iterations
    problem.extra["lagrange_iterations"] = iterations
    return chosen, value, best


def _cover_all(problem: _Reduced, clock: Clock, total: float) -> Solution:
    """Fewest sites covering every (merged) row: reduce to a kernel, then solve that exactly.

    The classic reductions keep an optimum: a row reached by one site forces that site; a site
    whose rows are a subset of another's can be dropped (unit costs); a row whose sites include
    all sites of another row is covered whenever that one is. Repeated until nothing changes,
    they leave a kernel that is often empty; HiGHS solves what is left."""
    forced, rows, cols = _kernel(problem.matrix)
    matrix, w = problem.matrix, problem.weights
    method, status, optimal = "reductions", "proven optimal by reductions", True
    chosen = forced
    bound = float(forced.shape[0])
    problem.extra["kernel_rows"] = int(rows.shape[0])
    problem.extra["kernel_sites"] = int(cols.shape[0])
    if rows.shape[0]:
        sub = matrix[rows][:, cols].tocsr()
        sw = w[rows]
        need = float(sw.sum()) * (1 - TOLERANCE)
        start = _prune(sub, sw, _greedy(sub, sw, k=None, required=need), need)
        part, lower = start, float(_count_bound(sub, sw, need))
        optimal = start.shape[0] <= lower
        if not optimal and clock.left() > 0.05:
            exact = lscp_exact(sub, sw, need, start, clock)
            method += "+highs"
            status, part, optimal = exact.status, exact.chosen, exact.optimal
            lower = max(lower, exact.bound)
            problem.extra["sites_after_fixing"] = exact.free_sites
        elif not optimal:
            status = "heuristic"
        chosen = np.concatenate([forced, cols[part]])
        bound += min(lower, float(part.shape[0]))
    value = float(chosen.shape[0])
    if optimal:
        bound = value
    return _lscp_solution(problem, matrix, w, chosen, value, bound, optimal, clock, method, status)


def _lscp_solution(
    problem: Any,
    matrix: sp.csr_matrix,
    w: np.ndarray,
    chosen: np.ndarray,
    value: float,
    bound: float,
    optimal: bool,
    clock: Clock,
    method: str,
    status: str,
) -> Solution:
    """A set covering answer: the chosen sites in the order they add coverage."""
    order, gains = _greedy_order(matrix, w, chosen)
    return Solution(
        model="lscp",
        selected=problem.columns[order],
        objective=value,
        bound=bound,
        gap=relative_gap(value, bound),
        optimal=optimal,
        seconds=clock.elapsed(),
        method=method,
        gains=gains,
        covered=float(problem.base + _covered(matrix, w, chosen)),
        status=status,
        details=problem.details(),
    )


def _kernel(matrix: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Set covering reductions (all rows must be covered, each site costs one).

    Returns the forced sites and the rows and sites of the kernel that is left. Works on a dense
    0/1 matrix; the overlap products are exact in float32 (counts far below 2**24)."""
    dense = matrix.toarray().astype(np.float32)
    rows = np.arange(dense.shape[0])
    cols = np.arange(dense.shape[1])
    forced: list[np.ndarray] = []
    while rows.shape[0]:
        degree = dense.sum(axis=1)
        single = degree == 1
        if single.any():
            picked = np.unique(np.argmax(dense[single], axis=1))
            forced.append(cols[picked])
            done = dense[:, picked].sum(axis=1) > 0
            keep_cols = np.ones(cols.shape[0], dtype=bool)
            keep_cols[picked] = False
            dense, rows, cols = dense[~done][:, keep_cols], rows[~done], cols[keep_cols]
            continue
        changed = False
        # Sites whose rows are a subset of another site's rows (ties keep the lower number).
        size = dense.sum(axis=0)
        overlap = dense.T @ dense
        order = np.arange(cols.shape[0])
        # drop[i]: another site j reaches all of i's rows and more, or the same rows and j < i.
        drop = (
            (overlap >= size[:, None])
            & ((size[None, :] > size[:, None]) | (order[None, :] < order[:, None]))
        ).any(axis=1)
        drop |= size == 0
        if drop.any():
            dense, cols = dense[:, ~drop], cols[~drop]
            changed = True
            degree = dense.sum(axis=1)
            if (degree == 1).any():
                continue
        # Rows implied by a row with fewer (or, on a tie, the same and earlier) sites.
        if rows.shape[0] <= 3_000:
            overlap = dense @ dense.T
            order = np.arange(rows.shape[0])
            # redundant[i]: another row j has only sites of row i, fewer of them or j < i.
            redundant = (
                (overlap >= degree[None, :])
                & ((degree[:, None] > degree[None, :]) | (order[None, :] < order[:, None]))
            ).any(axis=1)
            if redundant.any():
                dense, rows = dense[~redundant], rows[~redundant]
                changed = True
        if not changed:
            break
    picked_all = np.concatenate(forced) if forced else np.zeros(0, dtype=np.int64)
    return picked_all.astype(np.int64), rows, cols


def _percent(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class _Reduced:
    """The presolved problem: merged rows not covered by fixed sites × undominated candidates."""

    def __init__(
        self,
        matrix: sp.csr_matrix,
        weights: np.ndarray,
        columns: np.ndarray,
        base: float,
        rows_in: int,
        columns_in: int,
    ) -> None:
        self.matrix = matrix
        self.weights = weights
        self.columns = columns
        self.base = base
        self.rows_in = rows_in
        self.columns_in = columns_in
        self.extra: dict[str, Any] = {}

    def details(self) -> dict[str, Any]:
        return {
            "rows": self.rows_in,
            "rows_after_presolve": int(self.matrix.shape[0]),
            "candidates": self.columns_in,
            "candidates_after_presolve": int(self.matrix.shape[1]),
            "covered_by_fixed": float(self.base),
            **self.extra,
        }


def _reduce(matrix: sp.csr_matrix, w: np.ndarray, fixed: np.ndarray, cand: np.ndarray) -> _Reduced:
    if fixed.size:
        by_fixed = np.asarray(matrix[:, fixed].sum(axis=1)).reshape(-1) > 0
    else:
        by_fixed = np.zeros(matrix.shape[0], dtype=bool)
    base = float(w[by_fixed].sum())
    sub = matrix[:, cand].tocsr()
    keep = ~by_fixed & (w > 0) & (np.diff(sub.indptr) > 0)
    merged, mw = merge_rows(sub[keep], w[keep])
    columns = _undominated(merged)
    return _Reduced(
        merged[:, columns].tocsr(), mw, cand[columns], base, matrix.shape[0], cand.shape[0]
    )


def _undominated(matrix: sp.csr_matrix, limit: int = 5000, work: int = 50_000_000) -> np.ndarray:
    """Columns not dominated by another column (rows a subset; ties keep the lowest number).

    Dropping dominated columns only makes the model smaller, so it is skipped when the overlap
    product would cost more than ``work`` multiplications (the sum of squared row degrees): at
    59,000 cells x 3,000 candidates that is 420 million and took 10 s, more than it saves."""
    size = np.asarray(matrix.sum(axis=0)).reshape(-1)
    columns = np.flatnonzero(size > 0)
    if columns.shape[0] > limit or columns.shape[0] < 2:
        return columns
    degree = np.diff(matrix.indptr).astype(np.int64)
    if int((degree**2).sum()) > work:
        return columns
    sub = matrix[:, columns]
    if sub.shape[0] * sub.shape[1] <= 20_000_000:
        dense = sub.toarray().astype(np.float32)  # exact: counts stay far below 2**24
        full = dense.T @ dense
        i, j = np.nonzero(full)
        values = full[i, j]
    else:
        overlap = (sub.T.tocsr() @ sub.tocsc()).tocoo()
        i, j, values = overlap.row, overlap.col, overlap.data
    s = size[columns]
    contained = (i != j) & (values >= s[i]) & ((s[j] > s[i]) | (j < i))
    dominated = np.zeros(columns.shape[0], dtype=bool)
    dominated[i[contained]] = True
    return columns[~dominated]


def _covered(matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray) -> float:
    if chosen.shape[0] == 0:
        return 0.0
    hits = np.asarray(matrix[:, chosen].sum(axis=1)).reshape(-1) > 0
    return float(w[hits].sum())


def _greedy(
    matrix: sp.csr_matrix,
    w: np.ndarray,
    *,
    k: int | None,
    required: float | None,
    initial: np.ndarray | None = None,
) -> np.ndarray:
    """Add the site with the largest exact gain until ``k`` sites or ``required`` weight,
    starting from the ``initial`` sites (none by default)."""
    csc = matrix.tocsc()
    chosen: list[int] = [] if initial is None else [int(j) for j in initial]
    if chosen:
        covered = np.asarray(csc[:, chosen].sum(axis=1)).reshape(-1) > 0
    else:
        covered = np.zeros(matrix.shape[0], dtype=bool)
    gains = np.asarray(csc.T @ (w * ~covered)).reshape(-1)
    gains[chosen] = -1.0
    value = float(w[covered].sum())
    while True:
        if k is not None and len(chosen) >= k:
            break
        if required is not None and value >= required:
            break
        if gains.shape[0] == 0:
            break
        j = int(np.argmax(gains))
        if gains[j] <= 0:
            break
        chosen.append(j)
        value += float(gains[j])
        rows = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
        new = rows[~covered[rows]]
        covered[new] = True
        if new.shape[0]:
            gains -= _row_sums(matrix, new, w)
        gains[j] = -1.0
    return np.asarray(chosen, dtype=np.int64)


def _swap(
    matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray, *, clock: Clock, rounds: int = 200
) -> np.ndarray:
    """One-for-one swaps while one improves the covered weight (best improvement first)."""
    chosen = chosen.copy()
    if chosen.shape[0] == 0 or chosen.shape[0] >= matrix.shape[1]:
        return chosen
    csc = matrix.tocsc()
    threshold = TOLERANCE * max(float(w.sum()), 1.0)
    for _ in range(rounds):
        if clock.left() < 0.05 * clock.limit:
            break
        part = csc[:, chosen]
        count = np.asarray(part.sum(axis=1)).reshape(-1)
        alone = np.asarray(csc.T @ (w * (count == 0))).reshape(-1)
        once = w * (count == 1)
        loss = np.asarray(part.T @ once).reshape(-1)
        shared = np.asarray((csc.T @ sp.diags(once) @ part).todense())
        delta = alone[:, None] + shared - loss[None, :]
        delta[chosen, :] = -np.inf
        best = np.unravel_index(int(np.argmax(delta)), delta.shape)
        if delta[best] <= threshold:
            break
        chosen[best[1]] = best[0]
    return chosen


def _top_gains(matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray, k: int) -> float:
    """Sum of the ``k`` largest gains of single sites added to ``chosen``: with the covered weight
    of ``chosen`` an upper bound on the optimum (submodularity; Nemhauser, Wolsey & Fisher 1978)."""
    if k == 0:
        return 0.0
    if chosen.shape[0]:
        covered = np.asarray(matrix[:, chosen].sum(axis=1)).reshape(-1) > 0
    else:
        covered = np.zeros(matrix.shape[0], dtype=bool)
    gains = np.asarray(matrix.T @ (w * ~covered)).reshape(-1)
    return float(np.sort(gains)[::-1][:k].sum())


def _count_bound(matrix: sp.csr_matrix, w: np.ndarray, need: float) -> int:
    """Fewest sites whose separate weights could add up to ``need``: a lower bound for lscp."""
    if need <= 0:
        return 0
    gains = np.sort(np.asarray(matrix.T @ w).reshape(-1))[::-1]
    return int(np.searchsorted(np.cumsum(gains), need * (1 - TOLERANCE)) + 1)


def _prune(matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray, need: float) -> np.ndarray:
    """Drop sites (last added first) while the rest still reach ``need``."""
    csc = matrix.tocsc()
    count = np.zeros(matrix.shape[0], dtype=np.int64)
    for j in chosen:
        count[_rows(csc, j)] += 1
    value = float(w[count > 0].sum())
    keep = np.ones(chosen.shape[0], dtype=bool)
    for position in range(chosen.shape[0] - 1, -1, -1):
        rows = _rows(csc, int(chosen[position]))
        loss = float(w[rows[count[rows] == 1]].sum())
        if value - loss >= need:
            keep[position] = False
            count[rows] -= 1
            value -= loss
    return chosen[keep]


def _greedy_order(
    matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Order chosen sites as a greedy would add them; returns the sites and their gains."""
    if chosen.shape[0] == 0:
        return chosen.astype(np.int64), np.zeros(0)
    sub = matrix[:, chosen].tocsr()
    first = _greedy(sub, w, k=chosen.shape[0], required=None)
    rest = np.setdiff1d(np.arange(chosen.shape[0]), first)  # sites that add nothing more
    positions = np.concatenate([first, rest]).astype(np.int64)
    csc = sub.tocsc()
    covered = np.zeros(matrix.shape[0], dtype=bool)
    gains = np.zeros(positions.shape[0])
    for n, j in enumerate(positions):
        rows = _rows(csc, int(j))
        gains[n] = float(w[rows[~covered[rows]]].sum())
        covered[rows] = True
    return chosen[positions], gains


def _row_sums(matrix: sp.csr_matrix, rows: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Per column, the weight of ``rows`` it reaches: ``matrix[rows].T @ w[rows]`` without
    building the slice (a bincount over the rows' stored entries)."""
    starts = matrix.indptr[rows]
    lengths = matrix.indptr[rows + 1] - starts
    offsets = np.cumsum(lengths) - lengths
    positions = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
    return np.bincount(
        matrix.indices[positions], weights=np.repeat(w[rows], lengths), minlength=matrix.shape[1]
    )


def _rows(csc: sp.csc_matrix, j: int) -> np.ndarray:
    rows: np.ndarray = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
    return rows
