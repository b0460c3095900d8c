"""p-median: choose p new sites so that the weighted total (so the average) distance is least.

Plain module without Django. Steps, each within the time limit:

1. greedy (add the site that lowers the total most) and one-for-one swaps (fast interchange using
   each demand point's nearest and second-nearest open site);
2. Lagrangian relaxation of the assignment constraints with subgradient steps: a proven lower
   bound, usually within a fraction of a percent; its site choice seeds further swaps;
3. reduced-cost fixing with the best multipliers (a site whose bound exceeds the best known total
   can never be in a better answer; a site without which the bound exceeds it must be open);
4. HiGHS on the remaining sites, with the radius formulation of Elloumi (2010): per demand point one
   variable per distinct distance level, so the model stays small and its LP is as strong as the
   classic one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._common import (
    Clock,
    MipResult,
    OptimisationError,
    Solution,
    check_count,
    check_sites,
    check_weights,
    relative_gap,
    solve_mip,
)
from ._distance import Distances, check_reachable, matrix_shape, nearest, prepare, served_order

MIP_CELLS = 400_000  # run HiGHS when rows × remaining sites is at most this
PATIENCE = 30  # subgradient steps without a better bound before the step is halved
# HiGHS's presolve doubles the time of the radius MIP (measured on 5,000 x 28 free sites, p = 9:
# 3.9 s instead of 7.4 s of CPU).
MIP_OPTIONS = {"presolve": "off"}
WINDOW = 100  # subgradient steps over which progress is judged
HEURISTICS = 10  # swaps seeded by the Lagrangian's site choice, at most


def p_median(
    distance: Any,
    weights: Any,
    *,
    p: int,
    fixed: Sequence[int] = (),
    candidates: Sequence[int] | None = None,
    time_limit: float = 60.0,
    target_gap: float = 0.0,
) -> Solution:
    """Choose ``p`` new sites minimising the weighted total distance to the nearest open site.

    ``distance`` is a dense (demand × sites) array or a sparse matrix of the usable pairs (missing
    pairs cannot be used). Stops early when the gap is at most ``target_gap``.
    """
    clock = Clock(time_limit)
    rows, columns = matrix_shape(distance)
    w = check_weights(weights, rows)
    fixed_arr, cand = check_sites(columns, fixed, candidates)
    p = check_count(p, cand.shape[0])
    if p == 0 and fixed_arr.shape[0] == 0:
        raise OptimisationError("bad_count", count=p)
    data = prepare(distance, w, fixed_arr, cand)
    check_reachable(data, any_site=p > 0)
    solver = _Median(data, p, clock)
    solver.run(target_gap)
    chosen = solver.best
    final = nearest(data.capped, chosen, data.baseline)
    if not np.isfinite(final).all():
        lost = np.flatnonzero(~np.isfinite(final))
        raise OptimisationError(
            "unreachable_demand", points=lost.shape[0], row=int(data.rows[lost[0]])
        )
    objective = float(data.weights @ final)
    bound = min(solver.bound, objective)
    gap = relative_gap(objective, bound)
    optimal = solver.optimal or gap == 0
    selected, gains = served_order(data.capped, data.weights, data.baseline, chosen)
    return Solution(
        model="pmedian",
        selected=data.candidates[selected],
        objective=objective,
        bound=objective if optimal else float(bound),
        gap=0.0 if optimal else gap,
        optimal=optimal,
        seconds=clock.elapsed(),
        method=solver.method,
        gains=gains,
        covered=float(data.weights.sum()),
        status=solver.status,
        details=solver.details,
    )


class _Median:
    def __init__(self, data: Distances, p: int, clock: Clock) -> None:
        self.data = data
        self.p = p
        self.clock = clock
        finite = data.capped[np.isfinite(data.capped)]
        top = float(finite.max()) if finite.size else 1.0
        self.penalty = 10.0 * top + 1.0  # stands in for "cannot reach" inside the heuristics
        self.cost = np.where(np.isfinite(data.capped), data.capped, self.penalty)
        self.base = np.where(np.isfinite(data.baseline), data.baseline, self.penalty)
        self.has_base = bool(np.isfinite(data.baseline).any())
        self.w = data.weights
        self.cost32 = self.cost.astype(np.float32)
        self.w32 = self.w.astype(np.float32)
        self.base32 = self.base.astype(np.float32)
        self.best = np.zeros(0, dtype=np.int64)
        self.upper = float(self.w @ self.base)
        self.bound = 0.0
        self.optimal = False
        self.method = "greedy+swap"
        self.status = "heuristic"
        self.multipliers: np.ndarray | None = None
        self.tried: set[bytes] = set()
        self.details: dict[str, Any] = {
            "rows": int(self.w.shape[0]),
            "candidates": int(self.cost.shape[1]),
        }

    def total(self, chosen: np.ndarray) -> float:
        if chosen.shape[0] == 0:
            return float(self.w @ self.base)
        return float(self.w @ self.cost[:, chosen].min(axis=1))

    def offer(self, chosen: np.ndarray) -> None:
        value = self.total(chosen)
        if value < self.upper - 1e-9 * abs(self.upper) or self.best.shape[0] != self.p:
            self.best, self.upper = np.sort(chosen), value

    def run(self, target_gap: float) -> None:
        if self.p == 0:
            self.bound, self.optimal, self.status = self.upper, True, "nothing to choose"
            return
        if self.p == self.cost.shape[1]:
            self.offer(np.arange(self.p))
            self.bound, self.optimal, self.status = self.upper, True, "every candidate chosen"
            return
        self.offer(self.swap(self.greedy()))
        self.lagrangian(target_gap)
        if relative_gap(self.upper, self.bound) > target_gap and self.clock.left() > 0.1:
            self.exact()

    def greedy(self) -> np.ndarray:
        current = self.base.copy()
        chosen: list[int] = []
        for _ in range(self.p):
            drop = self.w @ np.maximum(current[:, None] - self.cost, 0.0)
            drop[chosen] = -1.0
            j = int(np.argmax(drop))
            chosen.append(j)
            current = np.minimum(current, self.cost[:, j])
        return np.asarray(chosen, dtype=np.int64)

    def swap(
        self, chosen: np.ndarray, allowed: np.ndarray | None = None, rounds: int = 100
    ) -> np.ndarray:
        """Best one-for-one swap while it lowers the total (fast interchange, vectorised).

        For every site j to add and every open site s to drop, the change in the total is the
        gain of adding j (over each point's nearest open site) plus, for the points whose nearest
        is s, the loss of falling back to the second-nearest (or j, when nearer): one matrix
        product sums each point's loss into the column of its nearest site. Works in float32;
        a swap whose gain is within rounding (1e-4 of the total) is kept only when the float64
        total drops. ``allowed`` limits the sites to add
        (it must hold ``chosen``).
        """
        chosen = np.asarray(chosen, dtype=np.int64).copy()
        self.tried.add(np.sort(chosen).tobytes())
        n, q = self.w.shape[0], chosen.shape[0]
        if q == 0:
            return chosen
        if allowed is None:
            allowed = np.arange(self.cost.shape[1])
            cost = self.cost32
        else:
            cost = self.cost32[:, allowed]
        local = np.searchsorted(allowed, chosen)
        rows = np.arange(n)
        w, base = self.w32, self.base32
        current = self.total(chosen)
        for _ in range(rounds):
            if self.clock.left() < 0.3 * self.clock.limit:
                break
            part = cost[:, local]
            if q > 1:
                two = np.argpartition(part, 1, axis=1)[:, :2]
                a, b = part[rows, two[:, 0]], part[rows, two[:, 1]]
                near = np.where(a <= b, two[:, 0], two[:, 1])
                d1, d2 = np.minimum(a, b), np.minimum(np.maximum(a, b), base)
            else:
                near = np.zeros(n, dtype=np.int64)
                d1, d2 = part[:, 0], base
            with1 = np.minimum(cost, d1[:, None])
            add = w @ with1 - float(w @ d1)
            loss = np.minimum(cost, d2[:, None])
            loss -= with1
            owner = np.zeros((n, q), dtype=np.float32)
            owner[rows, near] = w
            delta = add[:, None] + loss.T @ owner
            delta[local, :] = np.inf
            j, s = np.unravel_index(int(np.argmin(delta)), delta.shape)
            if delta[j, s] >= -1e-7 * max(current, 1.0):
                break
            trial = chosen.copy()
            trial[s] = allowed[j]
            value = current + float(delta[j, s])
            if delta[j, s] > -1e-4 * max(current, 1.0):
                # Within float32 rounding of no change: check in float64.
                value = self.total(trial)
                if value >= current:
                    break
            chosen, current = trial, value
            local[s] = j
        self.tried.add(np.sort(chosen).tobytes())
        return chosen

    def lagrangian(self, target_gap: float) -> None:
        """Subgradient optimisation of the Lagrangian bound (assignment constraints relaxed).

        For multipliers lambda (one per demand point) the bound is sum(lambda) plus the p most
        negative rho_j = sum_i min(0, w_i d_ij - lambda_i) (and the fixed sites' rho, always
        open); any lambda gives a valid bound. lambda starts at the weighted distance to each
        point's (p+1)-th nearest candidate and moves by Polyak steps towards the best known
        total, the step halved after PATIENCE steps without a better bound. The steps work on a
        float32 copy of the weighted matrix (half the memory traffic); a gap counts as closed
        only when the float64 evaluation on the whole matrix confirms it, and that evaluation of
        the best multipliers is the bound reported.
        """
        p, w = self.p, self.w
        n, m = self.cost.shape
        weighted = (w[:, None] * self.cost).astype(np.float32)
        reduced = np.empty_like(weighted)
        k = min(p, m - 1)
        lam = np.partition(weighted, k, axis=1)[:, k].astype(np.float64)
        base_w = w * self.base
        if self.has_base:
            lam = np.minimum(lam, base_w)  # beyond this the fixed sites' rho only loses
        factor, stall, best_bound, best_lam = 2.0, 0, -np.inf, lam.copy()
        confirmed, checked = -np.inf, -np.inf
        iterations, heuristics, next_heuristic = 0, 0, 20
        history: list[float] = []
        budget = 0.8 * self.clock.limit
        while self.clock.elapsed() < budget and factor > 1e-5:
            iterations += 1
            np.subtract(weighted, lam.astype(np.float32)[:, None], out=reduced)
            np.minimum(reduced, 0.0, out=reduced)
            rho = reduced.sum(axis=0, dtype=np.float64)
            opened = np.argpartition(rho, p - 1)[:p]
            value = float(lam.sum() + rho[opened].sum())
            if self.has_base:
                value += float(np.minimum(base_w - lam, 0.0).sum())
            if value > best_bound + 1e-12 * abs(value):
                best_bound, best_lam, stall = value, lam.copy(), 0
            else:
                stall += 1
                if stall >= PATIENCE:
                    factor, stall = factor / 2, 0
            # Lagrangian heuristic: the relaxation's site choice is an answer too (cheap to
            # evaluate); a new one seeds swaps now and then, over the sites that these
            # multipliers cannot rule out (counted, not timed, so runs repeat on a busy machine).
            self.offer(opened)
            if iterations >= next_heuristic and heuristics < HEURISTICS:
                key = np.sort(opened).tobytes()
                if key not in self.tried:
                    heuristics += 1
                    next_heuristic = int(iterations * 1.5) + 10
                    worst = float(rho[opened].max())
                    allowed = np.flatnonzero(value - worst + rho <= self.upper)
                    self.offer(self.swap(opened, np.union1d(allowed, opened)))
            if relative_gap(self.upper, best_bound) <= max(target_gap, 1e-6) and (
                best_bound > checked
            ):
                # Close enough in float32: confirm in float64 (each best at most once).
                checked = best_bound
                confirmed = max(confirmed, self.exact_bound(best_lam)[0])
                if relative_gap(self.upper, confirmed) <= target_gap:
                    break
            history.append(best_bound)
            if len(history) > WINDOW and best_bound - history[-WINDOW] <= 0.1 * (
                self.upper - best_bound
            ):
                break  # converged: the last steps closed less than a tenth of the gap
            grad = 1.0 - (reduced[:, opened] < 0).sum(axis=1)
            if self.has_base:
                grad -= base_w < lam
                grad[(lam >= base_w) & (grad > 0)] = 0.0  # projected: lambda stays at its cap
            norm = float(grad @ grad)
            if norm == 0:
                break
            target = max(self.upper - value, 1e-7 * abs(self.upper))
            lam = lam + factor * target / norm * grad
            if self.has_base:
                lam = np.minimum(lam, base_w)
        self.multipliers = best_lam
        self.bound = max(self.bound, confirmed, self.exact_bound(best_lam)[0])
        self.method = "greedy+swap+lagrangian"
        self.status = "Lagrangian bound"
        self.details["lagrangian_iterations"] = iterations
        self.details["lagrangian_heuristics"] = heuristics

    def exact_bound(self, lam: np.ndarray) -> tuple[float, np.ndarray]:
        """The Lagrangian bound of ``lam`` over the whole matrix in float64, and rho per site."""
        rho = np.minimum(self.w[:, None] * self.cost - lam[:, None], 0.0).sum(axis=0)
        chosen = np.partition(rho, self.p - 1)[: self.p]
        value = float(lam.sum() + chosen.sum())
        if self.has_base:
            value += float(np.minimum(self.w * self.base - lam, 0.0).sum())
        return value, rho

    def exact(self) -> None:
        """Reduced-cost fixing with the best multipliers, then HiGHS on the sites that remain."""
        if self.multipliers is None:
            return
        p = self.p
        bound, rho = self.exact_bound(self.multipliers)
        order = np.argsort(rho)
        slack = self.upper + 1e-9 * abs(self.upper)
        keep = bound - rho[order[p - 1]] + rho > slack
        keep = ~keep
        must = np.zeros(rho.shape[0], dtype=bool)
        if order.shape[0] > p:
            must[order[:p]] = bound - rho[order[:p]] + rho[order[p]] > slack
        keep |= must
        if not np.isin(self.best, np.flatnonzero(keep)).all():
            return  # rounding trouble: do not trust the fixing
        free = np.flatnonzero(keep & ~must)
        forced = np.flatnonzero(must)
        self.details.update(
            sites_after_fixing=int(free.shape[0]), sites_forced=int(forced.shape[0])
        )
        if p - forced.shape[0] <= 0 or free.shape[0] <= p - forced.shape[0]:
            self.bound, self.optimal = self.upper, True
            self.status = "proven optimal by reduced-cost fixing"
            return
        if self.w.shape[0] * free.shape[0] > MIP_CELLS or self.clock.left() < 1.0:
            return
        base = (
            self.base
            if forced.shape[0] == 0
            else np.minimum(self.base, self.cost[:, forced].min(axis=1))
        )
        sub = np.minimum(self.cost[:, free], base[:, None])
        start = np.isin(free, self.best)
        result, constant = _radius_mip(sub, self.w, p - forced.shape[0], start, self.clock)
        self.method += "+highs"
        self.status = f"HiGHS: {result.status}"
        if result.values is not None:
            self.offer(np.concatenate([forced, free[result.values[: free.shape[0]] > 0.5]]))
        if np.isfinite(result.bound):
            self.bound = max(self.bound, min(result.bound + constant, self.upper))
        if result.optimal:
            self.bound, self.optimal = self.upper, True


def _radius_mip(
    cost: np.ndarray, w: np.ndarray, p: int, start: np.ndarray, clock: Clock
) -> tuple[MipResult, float]:
    """p-median by distance levels (Elloumi 2010), chained so each level costs O(sites) entries.

    For demand i with distinct distances v_1 < ... < v_K: z_ik = 1 when no open site is nearer
    than v_k. Minimise sum_i w_i (v_1 + sum_k (v_k - v_(k-1)) z_ik) subject to
    z_i2 + sum(y at v_1) >= 1 and z_ik - z_i(k-1) + sum(y at v_(k-1)) >= 0.
    """
    n, m = cost.shape
    order = np.argsort(cost, axis=1, kind="stable")
    values = np.take_along_axis(cost, order, axis=1)
    step = np.zeros((n, m), dtype=np.int64)
    step[:, 1:] = values[:, 1:] > values[:, :-1] + 1e-9
    level = np.cumsum(step, axis=1)  # level of each sorted entry, 0-based
    levels = level[:, -1] + 1
    zcount = levels - 1
    offset = np.concatenate([[0], np.cumsum(zcount)])
    nz = int(offset[-1])
    # The value of each level: the first entry at that level.
    first = np.ones((n, m), dtype=bool)
    first[:, 1:] = step[:, 1:] == 1
    row_of = np.repeat(np.arange(n), m).reshape(n, m)
    lv_rows, lv_cols = row_of[first], level[first]
    lv_value = values[first]
    value_at_all = np.zeros(int((levels).sum()))
    start_all = np.concatenate([[0], np.cumsum(levels)])
    value_at_all[start_all[lv_rows] + lv_cols] = lv_value
    # z variable for (i, L), L = 1..K_i-1, index offset[i] + L - 1; its cost w_i (v_L - v_(L-1)).
    zi = np.repeat(np.arange(n), zcount)
    zl = np.arange(nz) - offset[zi] + 1
    zcost = w[zi] * (value_at_all[start_all[zi] + zl] - value_at_all[start_all[zi] + zl - 1])
    constant = float(w @ values[:, 0])
    # Rows: one per z variable (i, L): z_iL - z_i(L-1) + sum(y at level L-1) >= [L == 1]; then sum y = p.
    use = level < (levels[:, None] - 1)
    rows_y = offset[row_of[use]] + level[use]
    cols_y = order[use]
    r_z = np.arange(nz)
    c_z = m + np.arange(nz)
    prev = zl >= 2
    r_prev = np.arange(nz)[prev]
    c_prev = m + np.arange(nz)[prev] - 1
    count_cols = np.arange(m)
    rows = np.concatenate([rows_y, r_z, r_prev, np.full(m, nz)])
    cols = np.concatenate([cols_y, c_z, c_prev, count_cols])
    data = np.concatenate(
        [np.ones(rows_y.shape[0]), np.ones(nz), -np.ones(r_prev.shape[0]), np.ones(m)]
    )
    matrix = sp.csc_matrix((data, (rows, cols)), shape=(nz + 1, m + nz))
    row_lower = np.concatenate([(zl == 1).astype(np.float64), [p]])
    row_upper = np.concatenate([np.full(nz, np.inf), [p]])
    y0 = start.astype(np.float64)
    assigned = cost[:, y0 > 0.5].min(axis=1) if y0.sum() else values[:, -1]
    z0 = (assigned[zi] >= value_at_all[start_all[zi] + zl] - 1e-9).astype(np.float64)
    result = solve_mip(
        sense=1,
        cost=np.concatenate([np.zeros(m), zcost]),
        lower=np.zeros(m + nz),
        upper=np.ones(m + nz),
        integer=np.concatenate([np.ones(m), np.zeros(nz)]),
        matrix=matrix,
        row_lower=row_lower,
        row_upper=row_upper,
        time_limit=max(clock.left() - 0.2, 0.01),
        start=np.concatenate([y0, z0]) if y0.sum() == p else None,
        options=MIP_OPTIONS,
    )
    return result, constant
