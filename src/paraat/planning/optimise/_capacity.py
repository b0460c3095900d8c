"""Covering with a capacity per site: each open site serves at most its capacity of weight.

Plain module without Django. A demand point may be split over several sites within reach (demand
points stand for groups of residents). Model, over the pairs (i, j) within reach:

    x_ij  share of demand i served by site j, 0 <= x_ij <= y_j
    sum_j x_ij <= 1                 every demand point served at most once
    sum_i w_i x_ij <= cap_j y_j     capacity of an open site
    mclp: sum of new y <= k, maximise served weight
    lscp: served weight >= required, minimise the number of new sites

A greedy (open the site that serves most new weight, serving the demand points with fewest
alternatives first) gives the first answer; HiGHS improves and proves it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from ._common import (
    Clock,
    MipResult,
    OptimisationError,
    Solution,
    merge_rows,
    relative_gap,
    solve_mip,
)

LINK_LIMIT = 400_000  # add the x_ij <= y_j links (a stronger model) up to this many pairs


def capacitated_covering(
    matrix: sp.csr_matrix,
    w: np.ndarray,
    cap: np.ndarray,
    fixed: np.ndarray,
    cand: np.ndarray,
    *,
    clock: Clock,
    k: int | None,
    required: float | None,
    target: float | None = None,
) -> Solution:
    columns = np.concatenate([fixed, cand])
    sub = matrix[:, columns].tocsr()
    keep = (w > 0) & (np.diff(sub.indptr) > 0)
    b, wb = merge_rows(sub[keep], w[keep])
    model = _Model(b, wb, cap[columns], fixed.shape[0])
    total = float(w.sum())
    if required is not None:
        most = model.solve_lp_all_open(clock.left())
        if most < required:
            raise OptimisationError(
                "target_unreachable",
                target=_percent(100 * (target or 0)),
                reachable=_percent(100 * most / total),
            )
    y, x = model.greedy(k=k, required=required)
    value = float(wb[model.row] @ x)
    count = int(y[model.nf :].sum())
    if k is not None:
        bound = min(
            float(wb.sum()), float(model.cap[: model.nf].sum()) + _top(model.cap[model.nf :], k)
        )
    else:
        # Fewest sites whose capacities could add up to what the fixed ones leave.
        rest = (required or 0.0) - float(model.cap[: model.nf].sum())
        top = np.cumsum(np.sort(model.cap[model.nf :])[::-1])
        bound = 0.0 if rest <= 0 else float(np.searchsorted(top, rest * (1 - 1e-9)) + 1)
    method, status, optimal = "greedy", "heuristic", False
    if clock.left() > 0.05:
        result = model.mip(
            k=k, required=required, start=np.concatenate([y, x]), seconds=clock.left()
        )
        method += "+highs"
        status = f"HiGHS: {result.status}"
        optimal = result.optimal
        if result.values is not None:
            y_new = np.round(result.values[: model.cols])
            x_new = np.clip(result.values[model.cols :], 0, 1)
            v_new = float(wb[model.row] @ x_new)
            better = v_new > value if k is not None else int(y_new[model.nf :].sum()) < count
            if better or optimal:
                y, x, value, count = y_new, x_new, v_new, int(y_new[model.nf :].sum())
        if np.isfinite(result.bound):
            bound = (
                min(bound, result.bound)
                if k is not None
                else max(bound, np.ceil(result.bound - 1e-6))
            )
    objective = value if k is not None else float(count)
    bound = max(bound, objective) if k is not None else min(bound, objective)
    gap = relative_gap(objective, bound)
    optimal = optimal or gap == 0
    if optimal:
        bound, gap = objective, 0.0
    chosen = np.flatnonzero(y[model.nf :] > 0.5) + model.nf
    order, gains = model.order(chosen)
    return Solution(
        model="mclp" if k is not None else "lscp",
        selected=columns[order],
        objective=float(objective),
        bound=float(bound),
        gap=gap,
        optimal=optimal,
        seconds=clock.elapsed(),
        method=method,
        gains=gains,
        covered=value,
        status=status,
        details={
            "rows": int(matrix.shape[0]),
            "rows_after_presolve": int(b.shape[0]),
            "candidates": int(cand.shape[0]),
            "capacity": True,
        },
    )


def _percent(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _top(values: np.ndarray, k: int) -> float:
    return float(np.sort(values)[::-1][:k].sum())


class _Model:
    def __init__(self, b: sp.csr_matrix, wb: np.ndarray, cap: np.ndarray, nf: int) -> None:
        self.b = b
        self.wb = wb
        self.nf = nf
        self.rows, self.cols = b.shape
        self.nnz = int(b.nnz)
        self.row = np.repeat(np.arange(self.rows), np.diff(b.indptr))
        self.col = b.indices.astype(np.int64)
        reach = np.asarray(b.T @ wb).reshape(-1)
        self.cap = np.minimum(cap, reach)
        entry = sp.csr_matrix((np.arange(self.nnz) + 1.0, b.indices, b.indptr), shape=b.shape)
        self.by_col = entry.tocsc()
        self.degree = np.diff(b.indptr)

    def _serve(self, j: int, rem: np.ndarray, x: np.ndarray) -> float:
        start, end = self.by_col.indptr[j], self.by_col.indptr[j + 1]
        rows = self.by_col.indices[start:end]
        entries = self.by_col.data[start:end].astype(np.int64) - 1
        order = np.argsort(self.degree[rows], kind="stable")
        rows, entries = rows[order], entries[order]
        want = rem[rows]
        before = np.concatenate([[0.0], np.cumsum(want)[:-1]])
        take = np.clip(self.cap[j] - before, 0, want)
        served = take > 0
        x[entries[served]] = take[served] / self.wb[rows[served]]
        rem[rows] -= take
        return float(take.sum())

    def greedy(self, *, k: int | None, required: float | None) -> tuple[np.ndarray, np.ndarray]:
        y = np.zeros(self.cols)
        x = np.zeros(self.nnz)
        rem = self.wb.astype(np.float64).copy()
        value = 0.0
        for j in range(self.nf):
            y[j] = 1
            value += self._serve(j, rem, x)
        opened = 0
        while True:
            if k is not None and opened >= k:
                break
            if required is not None and value >= required:
                break
            gains = np.minimum(self.cap, np.asarray(self.b.T @ rem).reshape(-1))
            gains[y > 0] = -1
            j = int(np.argmax(gains)) if gains.shape[0] else 0
            if gains.shape[0] == 0 or gains[j] <= 0:
                break
            y[j] = 1
            opened += 1
            value += self._serve(j, rem, x)
        return y, x

    def order(self, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Chosen columns as the greedy would add them after the fixed sites, with their gains."""
        rem = self.wb.astype(np.float64).copy()
        x = np.zeros(self.nnz)
        for j in range(self.nf):
            self._serve(j, rem, x)
        remaining = list(chosen)
        order: list[int] = []
        gains: list[float] = []
        while remaining:
            values = np.minimum(
                self.cap[remaining], np.asarray(self.b[:, remaining].T @ rem).reshape(-1)
            )
            best = int(np.argmax(values))
            j = remaining.pop(best)
            order.append(j)
            gains.append(self._serve(j, rem, x))
        return np.asarray(order, dtype=np.int64), np.asarray(gains)

    def _matrix(self, *, links: bool) -> sp.csc_matrix:
        n, m, e = self.rows, self.cols, self.nnz
        ids = np.arange(e)
        served = sp.csr_matrix((np.ones(e), (self.row, ids)), shape=(n, e))
        load = sp.csr_matrix((self.wb[self.row], (self.col, ids)), shape=(m, e))
        blocks = [
            [sp.csr_matrix((n, m)), served],
            [sp.diags(-self.cap).tocsr(), load],
        ]
        if links:
            blocks.append(
                [
                    sp.csr_matrix((-np.ones(e), (ids, self.col)), shape=(e, m)),
                    sp.identity(e, format="csr"),
                ]
            )
        count = np.zeros((1, m + e))
        count[0, self.nf : m] = 1
        weight = np.zeros((1, m + e))
        weight[0, m:] = self.wb[self.row]
        blocks.append([sp.csr_matrix(count[:, :m]), sp.csr_matrix((1, e))])
        blocks.append([sp.csr_matrix((1, m)), sp.csr_matrix(weight[:, m:])])
        return sp.bmat(blocks).tocsc()

    def _run(
        self,
        *,
        k: int | None,
        required: float | None,
        all_open: bool,
        seconds: float,
        start: np.ndarray | None,
    ) -> MipResult:
        n, m, e = self.rows, self.cols, self.nnz
        links = e <= LINK_LIMIT and not all_open
        matrix = self._matrix(links=links)
        lower = np.zeros(m + e)
        lower[: self.nf] = 1
        if all_open:
            lower[:m] = 1
        upper = np.ones(m + e)
        row_lower: list[Any] = [np.full(n + m + (e if links else 0), -np.inf), [-np.inf], [-np.inf]]
        row_upper: list[Any] = [
            np.ones(n),
            np.zeros(m),
            np.zeros(e if links else 0),
            [np.inf],
            [np.inf],
        ]
        if k is not None:
            row_upper[3] = [float(k)]
        if required is not None and not all_open:
            row_lower[2] = [required]
        if all_open or k is not None:
            cost = np.concatenate([np.zeros(m), self.wb[self.row]])
            sense = -1
        else:
            cost = np.concatenate([np.zeros(self.nf), np.ones(m - self.nf), np.zeros(e)])
            sense = 1
        integer = np.concatenate([np.zeros(m) if all_open else np.ones(m), np.zeros(e)])
        return solve_mip(
            sense=sense,
            cost=cost,
            lower=lower,
            upper=upper,
            integer=integer,
            matrix=matrix,
            row_lower=np.concatenate(row_lower),
            row_upper=np.concatenate(row_upper),
            time_limit=seconds,
            start=start,
            # HiGHS's presolve ignores the time limit on these models (77 s against 7 s measured
            # on 5,000 x 300 with 165,000 pairs); it removes almost nothing here anyway.
            options={"presolve": "off"},
        )

    def solve_lp_all_open(self, seconds: float) -> float:
        """Most weight all sites together can serve (an LP with every site open)."""
        result = self._run(
            k=None, required=None, all_open=True, seconds=max(seconds, 0.1), start=None
        )
        return result.objective if result.values is not None else float(self.wb.sum())

    def mip(
        self, *, k: int | None, required: float | None, start: np.ndarray, seconds: float
    ) -> MipResult:
        return self._run(k=k, required=required, all_open=False, seconds=seconds, start=start)
