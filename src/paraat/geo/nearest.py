"""The one nearest-point search (nearest sites for many places at once), without Django.

Every app that asks "which points are nearest" uses this module: the public snapshot (walking
or estimated), the alerts' nearest open points, call-outs, and the importers and demo that put
places into RD New metres (``point_rd``).

Straight-line distances come from a cKDTree in RD New metres; walking distance is estimated as
straight-line × 1.2 (the circuity of Dutch towns) unless a walking network
(:class:`paraat.geo.network.WalkingNetwork`) is given, in which case the walks over its streets are
used as they are. Either is computed once, when the snapshot is built, never per request.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from paraat.geo import crs as geocrs
from paraat.geo.distance import CIRCUITY, ZERO_DISTANCE
from paraat.geo.network import WalkingNetwork

log = logging.getLogger(__name__)

EARTH_M = 6_371_000.0

# Searching the street network: the first limit at least this, never beyond the maximum (a
# resident is not sent on a longer walk; a point only that far away is left out).
FIRST_LIMIT_METRES = 2_000.0
MAX_WALK_METRES = 32_000.0
# A search from the origins holds at most this many distances (8 bytes each) at once.
BLOCK_CELLS = 8_000_000


@dataclass(frozen=True)
class Nearest:
    """Per origin row: point indexes and metres, nearest first; `walking` says how metres were found."""

    index: np.ndarray  # (n, k) int
    metres: np.ndarray  # (n, k) float
    walking: str  # "network" or "estimate"


def project(lons: Sequence[float], lats: Sequence[float]) -> np.ndarray:
    """Lon/lat (WGS84) to an (n, 2) array of RD New metres."""
    if len(lons) == 0:
        return np.zeros((0, 2))
    xs, ys = geocrs.to_rd(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return np.column_stack([xs, ys])


def point_rd(lon: float, lat: float) -> tuple[float, float]:
    """One lon/lat (WGS84) in RD New metres."""
    xy = project([lon], [lat])
    return float(xy[0, 0]), float(xy[0, 1])


def metres_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine) in metres, for a few points without projecting."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(math.sqrt(h))


def tree(sites: np.ndarray) -> cKDTree | None:
    return cKDTree(sites) if len(sites) else None


def straight(index: cKDTree | None, origins: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest sites by straight-line distance: (metres, index), each (n, k)."""
    n = len(origins)
    if index is None or n == 0 or k <= 0:
        return np.zeros((n, 0)), np.zeros((n, 0), dtype=int)
    k = min(k, index.n)
    metres, found = index.query(origins, k=k)
    return np.asarray(metres, dtype=float).reshape(n, k), np.asarray(found, dtype=int).reshape(n, k)


def nearest(
    sites: np.ndarray,
    origins: np.ndarray,
    k: int,
    *,
    network: WalkingNetwork | None = None,
    index: cKDTree | None = None,
) -> Nearest:
    """The k nearest sites of every origin by walking distance: over ``network`` when given (and
    it works), else estimated as the straight line times the circuity."""
    if network is not None and len(sites) and len(origins) and k > 0:
        try:
            metres, found = walking(network, sites, origins, k)
        except Exception:  # a broken network must not take the public pages down
            log.exception("walking network failed; falling back to the straight-line estimate")
        else:
            return Nearest(found, metres, "network")
    metres, found = straight(index if index is not None else tree(sites), origins, k)
    return Nearest(found, metres * CIRCUITY, "estimate")


def walking(
    network: WalkingNetwork, sites: np.ndarray, origins: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest sites of every origin over the street network: (metres, index), each (n, k).

    The origins ask ``network.within`` (one search per site) for every site within a limit that
    starts at 1.5 times the estimated walk to the k-th nearest site of most origins; the k
    nearest of an origin that found at least k are its k nearest (any other site is farther
    than the limit). The others ask again with twice the limit, up to MAX_WALK_METRES; once
    fewer origins than sites are left, they search from themselves (one search per origin)
    straight to MAX_WALK_METRES. Sites beyond that (or unreachable) are ``inf`` with index -1.
    Ties go to the lower site index, so the answer is the same every time.
    """
    n = len(origins)
    k = min(k, len(sites))
    metres = np.full((n, k), np.inf)
    found = np.full((n, k), -1, dtype=int)
    if n == 0 or k <= 0:
        return metres, found
    line, _index = straight(tree(sites), origins, k)
    typical = float(np.quantile(line[:, -1], 0.9)) * CIRCUITY * 1.5
    limit = min(MAX_WALK_METRES, max(FIRST_LIMIT_METRES, typical))
    todo = np.arange(n)
    while len(todo):
        if len(todo) < len(sites):  # a few origins left: search from them, as far as allowed
            limit = MAX_WALK_METRES
            reach = from_origins(network, origins[todo], sites, limit)
        else:
            reach = network.within(origins[todo], sites, limit).tocsr()
        last = limit >= MAX_WALK_METRES
        counts = np.diff(reach.indptr)
        row = np.repeat(np.arange(len(todo)), counts)
        # Per row nearest first, ties to the lower site index; rank = place within the row.
        order = np.lexsort((reach.indices, reach.data, row))
        row = row[order]
        rank = np.arange(len(order)) - reach.indptr[:-1][row]
        done = (counts >= k) | last
        keep = (rank < k) & done[row]
        origin, place = todo[row[keep]], rank[keep]
        metres[origin, place] = reach.data[order][keep]
        found[origin, place] = reach.indices[order][keep]
        todo = todo[~done]
        limit = min(MAX_WALK_METRES, 2 * limit)
    return metres, found


def from_origins(
    network: WalkingNetwork, origins: np.ndarray, sites: np.ndarray, limit: float
) -> csr_matrix:
    """(origin, site) walks within ``limit`` like ``WalkingNetwork.within``, but searched from the
    origins: one Dijkstra per origin instead of one per site, cheaper when origins are few.

    The same rule as ``within``: snap distance of the origin + path + snap distance of the site;
    a pair at 0 m is stored as ZERO_DISTANCE.
    """
    origin_node, origin_snap = network.snap(origins)
    site_node, site_snap = network.snap(sites)
    block = max(1, BLOCK_CELLS // max(1, network.n_nodes))
    parts = []
    for start in range(0, len(origins), block):
        reach = np.atleast_2d(
            dijkstra(
                network.graph,
                directed=True,
                indices=origin_node[start : start + block],
                limit=limit,
            )
        )
        total = reach[:, site_node] + origin_snap[start : start + block, None] + site_snap[None, :]
        total[total > limit] = np.inf
        parts.append(total)
    walks = np.vstack(parts)
    row, column = np.nonzero(np.isfinite(walks))
    values = np.maximum(walks[row, column], ZERO_DISTANCE)
    return csr_matrix((values, (row, column)), shape=walks.shape)
