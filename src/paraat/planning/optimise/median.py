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
PATIENCE = 50  # subgradient steps without a better bound before the step is halved


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
        self.w = data.weights
        self.weighted = self.w[:, None] * self.cost
        self.best = np.zeros(0, dtype=np.int64)
        self.upper = float(self.w @ self.base)
        self.bound = 0.0
        self.optimal = False
        self.method = "greedy+swap"
        self.status = "heuristic"
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

    def swap(self, chosen: np.ndarray, rounds: int = 100) -> np.ndarray:
        """Best one-for-one swap while it lowers the total (fast interchange)."""
        chosen = chosen.copy()
        rows = np.arange(self.w.shape[0])
        for _ in range(rounds):
            if self.clock.left() < 0.3 * self.clock.limit:
                break
            part = self.cost[:, chosen]
            order = np.argsort(part, axis=1)
            near = order[:, 0]
            d1 = part[rows, near]
            d2 = part[rows, order[:, 1]] if chosen.shape[0] > 1 else self.base
            d2 = np.minimum(d2, self.base)
            with1 = np.minimum(self.cost, d1[:, None])
            add = self.w @ (with1 - d1[:, None])
            extra = np.zeros((self.cost.shape[1], chosen.shape[0]))
            for s in range(chosen.shape[0]):
                mine = near == s
                if mine.any():
                    sub = self.cost[mine]
                    extra[:, s] = self.w[mine] @ (np.minimum(sub, d2[mine, None]) - with1[mine])
            delta = add[:, None] + extra
            delta[chosen, :] = np.inf
            best = np.unravel_index(int(np.argmin(delta)), delta.shape)
            if delta[best] >= -1e-9 * max(self.upper, 1.0):
                break
            chosen[best[1]] = best[0]
        return chosen

    def lagrangian(self, target_gap: float) -> None:
        """Subgradient optimisation of the Lagrangian bound (assignment constraints relaxed).

        Any multipliers give a valid bound. Each multiplier lambda_i is kept below w_i times the
        distance to the nearest site left out of a sparse list of near pairs (within 1.5 times the
        distance to the second-nearest open site now, and the ten nearest), so only those pairs can count and every step
        costs O(pairs) instead of O(demand x sites).
        """
        p, w = self.p, self.w
        part = np.sort(self.cost[:, self.best], axis=1)
        assigned = part[:, 0]
        second = np.minimum(part[:, 1] if part.shape[1] > 1 else self.base, self.base)
        tenth = np.partition(self.cost, min(9, self.cost.shape[1] - 1), axis=1)[
            :, min(9, self.cost.shape[1] - 1)
        ]
        near = self.cost <= np.maximum(1.5 * second, tenth)[:, None]
        rows, cols = np.nonzero(near)
        pair_cost = self.weighted[rows, cols]
        outside = np.where(near, np.inf, self.cost).min(axis=1)
        cap = w * outside
        m = self.cost.shape[1]
        lam = np.minimum(w * assigned, cap)
        step, stall, best_bound = 2.0, 0, -np.inf
        best_lam = lam.copy()
        budget = 0.6 * self.clock.limit
        iterations, swaps, last_offer = 0, 0, 0
        history: list[float] = []
        while self.clock.elapsed() < budget and step > 1e-4:
            iterations += 1
            reduced = np.minimum(pair_cost - lam[rows], 0.0)
            rho = np.bincount(cols, weights=reduced, minlength=m)
            opened = np.argpartition(rho, p - 1)[:p]
            value = float(lam.sum() + rho[opened].sum())
            if value > best_bound + 1e-12 * abs(value):
                best_bound, best_lam, stall = value, lam.copy(), 0
            else:
                stall += 1
                if stall >= PATIENCE:
                    step, stall = step / 2, 0
            if iterations - last_offer >= 25 and swaps < 30 and self.clock.left() > 0.4 * budget:
                # Lagrangian heuristic: the sites the relaxation opens seed swaps (at most 30
                # times, counted rather than timed so runs repeat on a busy machine).
                self.offer(self.swap(opened))
                swaps += 1
                last_offer = iterations
            if relative_gap(self.upper, best_bound) <= target_gap:
                break
            history.append(best_bound)
            if len(history) > 200 and best_bound - history[-200] <= 1e-7 * abs(best_bound):
                break  # converged
            is_open = np.zeros(m, dtype=bool)
            is_open[opened] = True
            hits = (reduced < 0) & is_open[cols]
            grad = 1.0 - np.bincount(rows[hits], minlength=w.shape[0])
            grad[(lam >= cap) & (grad > 0)] = 0.0  # projected: the cap holds lambda
            norm = float(grad @ grad)
            if norm == 0:
                break
            lam = np.minimum(lam + step * (self.upper - value) / norm * grad, cap)
        self.bound = max(self.bound, best_bound)
        self.multipliers = best_lam
        self.method = "greedy+swap+lagrangian"
        self.status = "Lagrangian bound"
        self.details["lagrangian_iterations"] = iterations
        self.details["lagrangian_pairs"] = int(rows.shape[0])

    def exact(self) -> None:
        """Reduced-cost fixing with the best multipliers, then HiGHS on the sites that remain."""
        p, lam = self.p, self.multipliers
        rho = np.minimum(self.weighted - lam[:, None], 0.0).sum(axis=0)
        order = np.argsort(rho)
        bound = float(lam.sum() + rho[order[:p]].sum())
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


def _radius_mip(cost: np.ndarray, w: np.ndarray, p: int, start: np.ndarray, clock: Clock):
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
    )
    return result, constant
