"""Distance matrices for p-median and p-center: checks, fixed sites, unreachable pairs.

Plain module without Django. A dense (n, m) array holds every distance (``inf`` where a site cannot
be reached). A sparse matrix holds only the pairs within a limit, as made by
``paraat.geo.distance.within_straight`` or ``WalkingNetwork.within``: missing pairs cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._common import OptimisationError

MAX_CELLS = 20_000_000  # 160 MB per float64 copy; the solvers keep about four copies


@dataclass
class Distances:
    """Demand rows with weight above zero × candidate columns, capped at the nearest fixed site."""

    capped: np.ndarray  # (rows, candidates) min(distance to candidate, distance to nearest fixed)
    baseline: np.ndarray  # (rows,) distance to the nearest fixed site, inf when there is none
    weights: np.ndarray  # (rows,)
    rows: np.ndarray  # original row numbers
    candidates: np.ndarray  # original column numbers


def prepare(distance: Any, w: np.ndarray, fixed: np.ndarray, cand: np.ndarray) -> Distances:
    keep = np.flatnonzero(w > 0)
    columns = np.concatenate([fixed, cand])
    if keep.shape[0] * columns.shape[0] > MAX_CELLS:
        raise OptimisationError("too_large", rows=keep.shape[0], sites=columns.shape[0])
    if sp.issparse(distance):
        sub = sp.csr_matrix(distance)[keep][:, columns].tocoo()
        dense = np.full(sub.shape, np.inf)
        if sub.nnz:
            # Duplicates: keep the shortest distance.
            np.minimum.at(dense, (sub.row, sub.col), sub.data.astype(np.float64))
    else:
        dense = np.asarray(distance, dtype=np.float64)[np.ix_(keep, columns)]
    dense = np.where(np.isnan(dense), np.inf, dense)
    if (dense < 0).any():
        raise OptimisationError("bad_matrix", detail="a distance is below zero")
    nf = fixed.shape[0]
    baseline = dense[:, :nf].min(axis=1) if nf else np.full(keep.shape[0], np.inf)
    capped = np.minimum(dense[:, nf:], baseline[:, None])
    return Distances(capped=capped, baseline=baseline, weights=w[keep], rows=keep, candidates=cand)


def check_reachable(data: Distances, *, any_site: bool) -> None:
    """Raise when demand points cannot reach any site (``any_site``) or any fixed site."""
    reach = data.capped.min(axis=1) if (any_site and data.capped.shape[1]) else data.baseline
    lost = np.flatnonzero(~np.isfinite(reach))
    if lost.shape[0]:
        raise OptimisationError(
            "unreachable_demand", points=lost.shape[0], row=int(data.rows[lost[0]])
        )


def matrix_shape(distance: Any) -> tuple[int, int]:
    shape = distance.shape if sp.issparse(distance) else np.shape(distance)
    if len(shape) != 2:
        raise OptimisationError("bad_matrix", detail=f"got {len(shape)} dimensions")
    return int(shape[0]), int(shape[1])


def nearest(capped: np.ndarray, chosen: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Distance from each row to its nearest open site (chosen candidates or fixed sites)."""
    if chosen.shape[0] == 0:
        return baseline.copy()
    nearest: np.ndarray = capped[:, chosen].min(axis=1)
    return nearest


def served_order(
    capped: np.ndarray, w: np.ndarray, baseline: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Chosen sites ordered by the weight each serves (demand nearest to it, not nearer to a fixed
    site), most first; returns the positions in ``chosen`` order and the served weights."""
    if chosen.shape[0] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = capped[:, chosen]
    best = cols.argmin(axis=1)
    distance = cols[np.arange(cols.shape[0]), best]
    mine = np.isfinite(distance) & (distance < baseline)
    served = np.bincount(best[mine], weights=w[mine], minlength=chosen.shape[0])
    order = np.argsort(-served, kind="stable")
    return chosen[order], served[order]
