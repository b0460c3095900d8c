"""Straight-line (RD New) coverage matrices and nearest sites, with scipy's cKDTree.

Plain module without Django. All coordinates are RD New metres (EPSG:28992) in (n, 2) arrays.

The coverage matrix convention, shared with :meth:`paraat.geo.network.WalkingNetwork.within`:
a ``scipy.sparse.csr_matrix`` of shape (demand points, sites) whose *stored entries* are exactly
the pairs within the limit, and whose values are the distances in metres. A pair at exactly
0 m (a demand point on top of a site) would vanish from a sparse matrix, so it is stored as
:data:`ZERO_DISTANCE` (one micrometre) instead. Test membership with the sparsity structure
(``matrix.indices``, ``matrix.nnz``, ``matrix[i].indices``, ``matrix > 0``), never by comparing a
densified matrix with zero; treat the values as metres (a micrometre changes no figure).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.sparse import coo_matrix, csr_matrix
from scipy.spatial import cKDTree

from paraat.geo.text import MessageError, gettext_noop

# Walking distance in towns is about 1.2 times the straight-line distance (circuity).
CIRCUITY = 1.2

ZERO_DISTANCE = 1e-6
"""Metres stored for a pair at distance 0, so the pair stays a stored entry of the sparse matrix."""

DEFAULT_CHUNK = 1_000_000
"""Demand points handled per pass, so 9 million points never need one huge tree or pair list."""


def as_xy(points: ArrayLike, name: str = "points") -> np.ndarray:
    """Points as a float64 (n, 2) array; a clear ValueError for anything else or non-finite values."""
    xy = np.asarray(points, dtype=float)
    if xy.size == 0:
        return np.empty((0, 2), dtype=float)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise MessageError(
            gettext_noop(
                "%(name)s: expected an (n, 2) table of x and y in metres, not shape %(shape)s"
            ),
            {"name": name, "shape": xy.shape},
        )
    if not np.isfinite(xy).all():
        bad = int(np.flatnonzero(~np.isfinite(xy).all(axis=1))[0])
        raise MessageError(
            gettext_noop("%(name)s: point %(index)s has no valid coordinates"),
            {"name": name, "index": bad},
        )
    return xy


def check_limit(limit: float) -> float:
    """A coverage threshold must be a positive, finite number of metres."""
    value = float(limit)
    if not np.isfinite(value) or value <= 0:
        raise MessageError(
            gettext_noop("the distance limit must be more than 0 metres, not %(value)r"),
            {"value": limit},
        )
    return value


def pairs_to_csr(
    rows: np.ndarray, cols: np.ndarray, distances: np.ndarray, shape: tuple[int, int]
) -> csr_matrix:
    """Build the coverage matrix from pair lists, keeping pairs at 0 m as ZERO_DISTANCE."""
    data = np.maximum(np.asarray(distances, dtype=float), ZERO_DISTANCE)
    matrix = coo_matrix(
        (data, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))), shape=shape
    ).tocsr()
    matrix.sort_indices()
    return matrix


def within_straight(
    demand_xy: ArrayLike, sites_xy: ArrayLike, limit: float, *, chunk: int = DEFAULT_CHUNK
) -> csr_matrix:
    """All (demand, site) pairs at most ``limit`` metres apart as the (n, m) coverage matrix.

    The tree is built on the sites (a few thousand points: about a millisecond); the demand points
    go through in chunks, each as its own small tree, and ``sparse_distance_matrix`` returns the
    pairs as a plain record array, which keeps pairs at distance 0 (a dict-of-keys result would
    drop them).
    """
    demand = as_xy(demand_xy, "demand points")
    sites = as_xy(sites_xy, "sites")
    radius = check_limit(limit)
    n, m = len(demand), len(sites)
    if n == 0 or m == 0:
        return csr_matrix((n, m), dtype=float)
    site_tree = cKDTree(sites)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    dists: list[np.ndarray] = []
    for start in range(0, n, chunk):
        part = demand[start : start + chunk]
        part_tree = cKDTree(part, balanced_tree=False, compact_nodes=False)
        pairs = part_tree.sparse_distance_matrix(site_tree, radius, output_type="ndarray")
        rows.append(pairs["i"].astype(np.int64) + start)
        cols.append(pairs["j"].astype(np.int64))
        dists.append(pairs["v"])
    return pairs_to_csr(np.concatenate(rows), np.concatenate(cols), np.concatenate(dists), (n, m))


def nearest_straight(demand_xy: ArrayLike, sites_xy: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Straight-line distance to, and index of, the nearest site for every demand point.

    With no sites at all every distance is ``inf`` and every index -1.
    """
    demand = as_xy(demand_xy, "demand points")
    sites = as_xy(sites_xy, "sites")
    if len(sites) == 0:
        return np.full(len(demand), np.inf), np.full(len(demand), -1, dtype=np.int64)
    if len(demand) == 0:
        return np.empty(0), np.empty(0, dtype=np.int64)
    distances, index = cKDTree(sites).query(demand, k=1, workers=-1)
    return np.asarray(distances, dtype=float), np.asarray(index, dtype=np.int64)
