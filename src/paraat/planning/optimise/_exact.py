"""Exact covering with HiGHS: LP relaxation, reduced-cost fixing, then a small MIP.

Plain module without Django. The LP relaxation of maximal covering is usually within a fraction of
a percent of the optimum; its reduced costs then fix most sites (a site whose reduced cost exceeds
the gap between the LP bound and the best known answer cannot be in a better answer, or cannot be
left out of one). The MIP on the remaining sites is small and quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from ._common import Clock, MipResult, merge_rows, solve_mip

INTEGRAL = 1e-6
# The LP branch and bound after fixing gives up after this many nodes; HiGHS's MIP takes over.
MAX_NODES = 400
# Rows the start reaches this often start out of the LP relaxation (row generation).
REACHED = 2
# With a good start known, HiGHS's presolve and primal heuristics cost more than they bring on
# covering models (measured: 0.9 s instead of 3.2 s of CPU on 5,000 x 300).
QUIET = {
    "presolve": "off",
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_feasibility_jump": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_shifting": False,
    "mip_heuristic_run_zi_round": False,
}
# The LP relaxation of maximal covering: HiGHS's presolve takes a quarter of the LP's time and
# removes little (measured on 5,000 x 300, p = 15: 0.28 s instead of 0.37 s of CPU).
LP_OPTIONS = {"presolve": "off"}


@dataclass
class Exact:
    chosen: np.ndarray
    bound: float
    optimal: bool
    status: str
    free_sites: int


def covered(matrix: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray) -> float:
    if chosen.shape[0] == 0:
        return 0.0
    return float(w[np.asarray(matrix[:, chosen].sum(axis=1)).reshape(-1) > 0].sum())


def mclp_exact(
    matrix: sp.csr_matrix,
    w: np.ndarray,
    k: int,
    chosen: np.ndarray,
    clock: Clock,
    improve: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Exact:
    """Best ``k`` columns for covered weight; ``chosen`` is the best answer known so far.
    ``improve`` completes and improves a partial choice: it gets the sites the LP opens fully,
    which often leads to a better answer, and a better answer fixes more sites."""
    value = covered(matrix, w, chosen)
    lp = _mclp_relaxation(matrix, w, k, chosen, clock)
    if lp.values is None or lp.duals is None:
        return Exact(chosen, np.inf, False, f"HiGHS LP: {lp.status}", matrix.shape[1])
    cols = matrix.shape[1]
    y, reduced = lp.values[:cols], np.abs(lp.duals[:cols])
    bound = lp.objective
    if _integral(y) or value >= bound - 1e-9 * max(bound, 1.0):
        found = np.flatnonzero(y > 0.5)
        if covered(matrix, w, found) > value:
            chosen, value = found, covered(matrix, w, found)
        if value >= bound - 1e-9 * max(bound, 1.0):
            return Exact(chosen, value, True, "HiGHS LP: integral optimum", 0)
    # A better answer fixes more sites: search the sites the LP uses (a small MIP), then swap.
    support = np.flatnonzero(y > INTEGRAL)
    if support.shape[0] <= 4 * k + 20:
        # Restricted to the support, most rows reach no site or the same sites: merge them
        # (measured on 5,000 x 300, p = 15: 2,210 rows became 52; 0.078 s of CPU became 0.003 s).
        part = matrix[:, support].tocsr()
        reach = np.diff(part.indptr) > 0
        part, part_w = merge_rows(part[reach], w[reach])
        small = _mclp(part, part_w, k, None, 0.1 * clock.left(), integer=True)
        if small.values is not None:
            found = support[small.values[: support.shape[0]] > 0.5]
            if improve is not None:
                found = improve(found)
            if covered(matrix, w, found) > value:
                chosen, value = found, covered(matrix, w, found)
    elif improve is not None:
        found = improve(chosen)
        if covered(matrix, w, found) > value:
            chosen, value = found, covered(matrix, w, found)
    if value >= bound - 1e-9 * max(bound, 1.0):
        return Exact(chosen, value, True, "HiGHS LP: bound reached", 0)
    margin = 1e-7 * max(abs(value), 1.0)
    out = (y < INTEGRAL) & (bound - reduced < value - margin)
    into = (y > 1 - INTEGRAL) & (bound - reduced < value - margin)
    free = np.flatnonzero(~out & ~into)
    opened = np.flatnonzero(into)
    rows = np.asarray(matrix[:, opened].sum(axis=1)).reshape(-1) == 0
    base = float(w[~rows].sum())
    sub, sw = merge_rows(matrix[rows][:, free].tocsr(), w[rows])
    left = k - opened.shape[0]
    if left <= 0 or free.shape[0] == 0 or clock.left() <= 0.02:
        if left >= 0 and base > value:
            chosen, value = opened, base
        proven = left >= 0 and (free.shape[0] == 0 or left == 0)
        return Exact(chosen, value if proven else bound, proven, "HiGHS LP + fixing", 0)
    branched = _mclp_branch(sub, sw, left, value - base, clock)
    if branched is not None:
        part, proven = branched
        if part is not None:
            candidate = np.concatenate([opened, free[part]])
            if covered(matrix, w, candidate) > value:
                chosen, value = candidate, covered(matrix, w, candidate)
        if proven:
            return Exact(chosen, value, True, "LP branch and bound", free.shape[0])
    start = None
    if np.isin(opened, chosen).all() and np.isin(chosen, np.concatenate([opened, free])).all():
        start = np.isin(free, chosen).astype(np.float64)
    result = _mclp(sub, sw, left, start, clock.left(), integer=True)
    if result.values is not None:
        found = np.concatenate([opened, free[result.values[: free.shape[0]] > 0.5]])
        if covered(matrix, w, found) > value:
            chosen, value = found, covered(matrix, w, found)
    if result.optimal:
        return Exact(chosen, value, True, f"HiGHS: {result.status}", free.shape[0])
    upper = min(bound, base + result.bound) if np.isfinite(result.bound) else bound
    return Exact(chosen, max(upper, value), False, f"HiGHS: {result.status}", free.shape[0])


def _mclp_relaxation(
    matrix: sp.csr_matrix, w: np.ndarray, k: int, chosen: np.ndarray, clock: Clock
) -> MipResult:
    """The LP relaxation of maximal covering by row generation.

    Rows that ``chosen`` reaches twice or more start out of the model, counted as covered (a
    relaxation: its bound holds). Rows the LP then leaves short of one unit of coverage are
    added (a column and a row each) and the kept model is re-solved from its basis, until none
    is short: then its answer is feasible for the whole LP and optimal, and its reduced costs
    (the rows out of the model have dual 0) are those of an optimal dual. Measured on
    5,000 x 300, p = 15: 1,302 of 2,210 rows to start, 132 added in two rounds. Falls back to
    the whole LP when a round does not end optimal."""
    rows, cols = matrix.shape
    degree = np.diff(matrix.indptr)
    count = np.zeros(rows)
    if chosen.shape[0]:
        count = np.asarray(matrix[:, chosen].sum(axis=1)).reshape(-1)
    out = (count >= REACHED) & (degree > 1)
    if not out.any():
        return _mclp(matrix, w, k, None, clock.left(), integer=False)
    lp = _mclp(matrix[~out], w[~out], k, None, clock.left(), integer=False, keep=True)
    highs = lp.solver
    while highs is not None and lp.optimal and lp.values is not None:
        y = lp.values[:cols]
        short = np.flatnonzero(out & (matrix @ y < 1 - 1e-9))
        if short.shape[0] == 0:
            solution = highs.getSolution()
            return MipResult(
                status=lp.status,
                values=lp.values,
                objective=lp.objective + float(w[out].sum()),
                bound=lp.objective + float(w[out].sum()),
                optimal=True,
                duals=np.asarray(solution.col_dual),
            )
        first = highs.getNumCol()
        n = short.shape[0]
        empty = np.zeros(n + 1, dtype=np.int32)
        highs.addCols(
            n, w[short], np.zeros(n), np.ones(n), 0, empty, np.zeros(0, np.int32), np.zeros(0)
        )
        part = matrix[short]
        starts = part.indptr + np.arange(n + 1)
        indices = np.empty(part.nnz + n, dtype=np.int32)
        values = np.empty(part.nnz + n)
        ends = starts[1:] - 1  # each row's last entry is its own z
        mask = np.ones(part.nnz + n, dtype=bool)
        mask[ends] = False
        indices[mask], values[mask] = part.indices, -1.0
        indices[ends], values[ends] = first + np.arange(n), 1.0
        highs.addRows(
            n,
            np.full(n, -np.inf),
            np.zeros(n),
            int(indices.shape[0]),
            starts[:-1].astype(np.int32),
            indices,
            values,
        )
        out[short] = False
        highs.setOptionValue("time_limit", max(clock.left(), 0.01))
        highs.run()
        optimal = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        info = highs.getInfo()
        lp = MipResult(
            status=highs.modelStatusToString(highs.getModelStatus()),
            values=np.asarray(highs.getSolution().col_value) if optimal else None,
            objective=float(info.objective_function_value),
            bound=float(info.objective_function_value),
            optimal=optimal,
        )
    return _mclp(matrix, w, k, None, clock.left(), integer=False)


def _mclp_branch(
    matrix: sp.csr_matrix, w: np.ndarray, k: int, target: float, clock: Clock
) -> tuple[np.ndarray | None, bool] | None:
    """Depth-first branch and bound on the LP relaxation, for the small model left after fixing.

    Looks for a choice of at most ``k`` columns covering more than ``target``. One HiGHS LP is
    kept and re-solved from its last basis with changed bounds on the site variables (a node
    costs a few dual simplex steps); the branch is the most fractional site, opened first. A
    node is pruned when its LP bound cannot beat the best value (by a whole unit when every
    weight is a whole number). HiGHS's MIP proves the same at the root with thousands of cuts,
    four times slower (measured on 5,000 x 300, p = 15: 110 sites, 11 nodes, 0.054 s of CPU
    instead of 0.20 s). Returns the positions of the best choice found (None when nothing beat
    ``target``) and whether no better one exists; None when it gave up (``MAX_NODES`` or time),
    so that HiGHS's MIP takes over."""
    cols = matrix.shape[1]
    lp = _mclp(matrix, w, k, None, clock.left(), integer=False, keep=True)
    highs = lp.solver
    if highs is None or lp.values is None:
        return None
    scale = max(abs(target), 1.0)
    whole = bool(np.all(w == np.round(w)))
    # Whole weights: a better answer is at least one unit better (less the LP's tolerance).
    need = max((1.0 - 1e-7 * scale) if whole else 0.0, 1e-9 * scale)
    best, best_part = target, None
    index = np.arange(cols, dtype=np.int32)
    stack: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(cols), np.ones(cols))]
    nodes = 0
    while stack:
        nodes += 1
        if nodes > MAX_NODES or clock.left() <= 0.02:
            return None
        lower, upper = stack.pop()
        if nodes > 1:
            highs.changeColsBounds(cols, index, lower, upper)
            highs.setOptionValue("time_limit", max(clock.left(), 0.01))
            highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            continue  # more sites opened than the budget allows
        if status != highspy.HighsModelStatus.kOptimal:
            return None
        if highs.getInfo().objective_function_value < best + need:
            continue
        y = np.asarray(highs.getSolution().col_value)[:cols]
        fraction = np.minimum(y, 1.0 - y)
        j = int(np.argmax(fraction))
        if fraction[j] < INTEGRAL:
            part = np.flatnonzero(y > 0.5)
            value = covered(matrix, w, part)
            if value > best:
                best, best_part = value, part
            continue
        closed, opened = upper.copy(), lower.copy()
        closed[j], opened[j] = 0.0, 1.0
        stack.append((lower, closed))
        stack.append((opened, upper))
    return best_part, True


def lscp_exact(
    matrix: sp.csr_matrix, w: np.ndarray, need: float, chosen: np.ndarray, clock: Clock
) -> Exact:
    """Fewest columns covering ``need`` weight; ``chosen`` is a feasible answer known so far."""
    count = chosen.shape[0]
    lp = _lscp(matrix, w, need, None, clock.left(), integer=False)
    if lp.values is None or lp.duals is None:
        return Exact(chosen, 0.0, False, f"HiGHS LP: {lp.status}", matrix.shape[1])
    cols = matrix.shape[1]
    y, reduced = lp.values[:cols], np.abs(lp.duals[:cols])
    bound = float(np.ceil(lp.objective - 1e-6))
    if count <= bound:
        return Exact(chosen, float(count), True, "HiGHS LP: bound reached", 0)
    if _integral(y):
        found = np.flatnonzero(y > 0.5)
        if covered(matrix, w, found) >= need:
            return Exact(found, float(found.shape[0]), True, "HiGHS LP: integral optimum", 0)
    # A better answer has at most count - 1 sites: fix what cannot be part of one.
    limit = count - 1 + 1e-6
    out = (y < INTEGRAL) & (lp.objective + reduced > limit)
    into = (y > 1 - INTEGRAL) & (lp.objective + reduced > limit)
    free = np.flatnonzero(~out & ~into)
    opened = np.flatnonzero(into)
    rows = np.asarray(matrix[:, opened].sum(axis=1)).reshape(-1) == 0
    left_need = need - float(w[~rows].sum())
    if left_need <= 0:
        return Exact(opened, float(opened.shape[0]), True, "HiGHS LP + fixing", 0)
    sub, sw = merge_rows(matrix[rows][:, free].tocsr(), w[rows])
    reachable = float(sw[np.diff(sub.indptr) > 0].sum())
    if free.shape[0] == 0 or reachable < left_need * (1 - 1e-12):
        return Exact(chosen, float(count), True, "HiGHS LP + fixing: no better answer", 0)
    if clock.left() <= 0.02:
        return Exact(chosen, float(bound), False, "HiGHS LP", free.shape[0])
    result = _lscp(sub, sw, left_need, None, clock.left(), integer=True)
    if result.values is not None:
        found = np.concatenate([opened, free[result.values[: free.shape[0]] > 0.5]])
        if found.shape[0] < count and covered(matrix, w, found) >= need * (1 - 1e-9):
            chosen, count = found, found.shape[0]
    if result.optimal or (
        not np.isnan(result.bound) and result.bound == np.inf
    ):  # infeasible: nothing better than ``chosen``
        return Exact(chosen, float(count), True, f"HiGHS: {result.status}", free.shape[0])
    lower = bound
    if np.isfinite(result.bound):
        lower = max(bound, float(np.ceil(opened.shape[0] + result.bound - 1e-6)))
    return Exact(chosen, float(min(lower, count)), False, f"HiGHS: {result.status}", free.shape[0])


def _integral(values: np.ndarray) -> bool:
    return bool((np.minimum(values, 1 - values) < INTEGRAL).all())


def _mclp(
    matrix: sp.csr_matrix,
    w: np.ndarray,
    k: int,
    start: np.ndarray | None,
    seconds: float,
    *,
    integer: bool,
    keep: bool = False,
) -> MipResult:
    """max w·z + b·y  s.t.  z_i <= sum_j a_ij y_j,  sum y <= k,  y binary,  0 <= z <= 1.

    Rows within reach of one site only become a bonus b on that site's y (no z, no row)."""
    degree = np.diff(matrix.indptr)
    single = degree == 1
    bonus = np.bincount(
        matrix.indices[matrix.indptr[:-1][single]], weights=w[single], minlength=matrix.shape[1]
    )
    multi = degree > 1
    sub = matrix[multi]
    rows, cols = sub.shape
    a = sp.vstack(
        [
            sp.hstack([-sub, sp.identity(rows, format="csr")]),
            sp.hstack([sp.csr_matrix(np.ones((1, cols))), sp.csr_matrix((1, rows))]),
        ]
    ).tocsc()
    full_start = None
    if start is not None:
        full_start = np.concatenate([start, np.minimum(1.0, sub @ start)])
    return solve_mip(
        sense=-1,
        cost=np.concatenate([bonus, w[multi]]),
        lower=np.zeros(cols + rows),
        upper=np.ones(cols + rows),
        integer=np.concatenate([np.full(cols, float(integer)), np.zeros(rows)]),
        matrix=a,
        row_lower=np.full(rows + 1, -np.inf),
        row_upper=np.concatenate([np.zeros(rows), [k]]),
        time_limit=seconds,
        start=full_start,
        keep=keep,
        options=QUIET if integer else LP_OPTIONS,
    )


def _lscp(
    matrix: sp.csr_matrix,
    w: np.ndarray,
    need: float,
    start: np.ndarray | None,
    seconds: float,
    *,
    integer: bool,
) -> MipResult:
    """min sum y  s.t. every row covered (need = all) or w·z >= need with z_i <= sum_j a_ij y_j."""
    rows, cols = matrix.shape
    if need >= float(w.sum()) * (1 - 1e-9):
        return solve_mip(
            sense=1,
            cost=np.ones(cols),
            lower=np.zeros(cols),
            upper=np.ones(cols),
            integer=np.full(cols, float(integer)),
            matrix=matrix.tocsc(),
            row_lower=np.ones(rows),
            row_upper=np.full(rows, np.inf),
            time_limit=seconds,
            start=start,
        )
    a = sp.vstack(
        [
            sp.hstack([-matrix, sp.identity(rows, format="csr")]),
            sp.hstack([sp.csr_matrix((1, cols)), sp.csr_matrix(w.reshape(1, -1))]),
        ]
    ).tocsc()
    full_start = None
    if start is not None:
        full_start = np.concatenate([start, np.minimum(1.0, matrix @ start)])
    return solve_mip(
        sense=1,
        cost=np.concatenate([np.ones(cols), np.zeros(rows)]),
        lower=np.zeros(cols + rows),
        upper=np.ones(cols + rows),
        integer=np.concatenate([np.full(cols, float(integer)), np.zeros(rows)]),
        matrix=a,
        row_lower=np.concatenate([np.full(rows, -np.inf), [need]]),
        row_upper=np.concatenate([np.zeros(rows), [np.inf]]),
        time_limit=seconds,
        start=full_start,
    )
