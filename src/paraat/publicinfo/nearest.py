"""Nearest support points for many places at once, without Django.

Straight-line distances come from a cKDTree in RD New metres; walking distance is estimated as
straight-line × 1.2 (the circuity of Dutch towns) unless ``paraat.geo.network`` offers a walking
network for the region, in which case its distances are used as they are.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from paraat.geo import crs as geocrs
from paraat.publicinfo.constants import CIRCUITY

log = logging.getLogger(__name__)


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
    region_code: str = "",
    index: cKDTree | None = None,
) -> Nearest:
    """The k nearest sites of every origin by walking distance (network, else estimated)."""
    from_network = _network(region_code, origins, sites, k)
    if from_network is not None:
        metres, found = from_network
        return Nearest(found, metres, "network")
    metres, found = straight(index if index is not None else tree(sites), origins, k)
    return Nearest(found, metres * CIRCUITY, "estimate")


def _network(
    region_code: str, origins: np.ndarray, sites: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Extension point: ``paraat.geo.network.nearest_sites`` when another module provides it.

    Expected: ``nearest_sites(*, region_code, origins, sites, k)`` with (n, 2) and (m, 2) RD New
    arrays, returning (metres (n, k), site index (n, k)) by walking, or None when the region has
    no walking network. Unreachable sites have an infinite distance.
    """
    if not region_code or len(sites) == 0 or len(origins) == 0:
        return None
    try:
        module = importlib.import_module("paraat.geo.network")
    except ImportError:
        return None
    finder = getattr(module, "nearest_sites", None)
    if finder is None:
        return None
    try:
        result = finder(region_code=region_code, origins=origins, sites=sites, k=min(k, len(sites)))
    except Exception:  # a broken network must not take the public pages down
        log.exception("walking network failed; falling back to the straight-line estimate")
        return None
    if result is None:
        return None
    metres, found = result
    return np.asarray(metres, dtype=float), np.asarray(found, dtype=int)
