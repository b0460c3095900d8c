"""The street network the public pages walk over: the region's latest walking network.

The planning app registers walking networks per region (``paraat.planning.models.WalkingNetwork``,
a ``.npz`` of :class:`paraat.geo.network.WalkingNetwork` under the data directory). The public
snapshot uses the newest one of its region when it builds the nearest points of every postcode
area and wijk; without one (or when its file cannot be read) the pages show the estimate
(straight line × 1.2) and say so.

Walking the network for every postcode area takes seconds on a region's streets (2.6 s for 866,000
nodes in ``benchmarks/publicinfo/bench_walking.py``), so this process keeps the loaded network and
the last answer: a rebuild with
the same network file, the same points and the same areas (the 15-minute refresh, a changed
advice text, a new phone number) reuses it instead of walking again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import numpy as np
from django.apps import apps
from scipy.spatial import cKDTree

from paraat.areas.models import Region
from paraat.geo import nearest as nearest_mod
from paraat.geo.network import NetworkError, WalkingNetwork, read_network

log = logging.getLogger(__name__)

_lock = threading.Lock()
_loaded: dict[str, tuple[tuple[str, int, int], WalkingNetwork]] = {}
_answers: dict[str, tuple[str, nearest_mod.Nearest]] = {}


def nearest(
    region: Region, sites: np.ndarray, origins: np.ndarray, k: int, index: cKDTree | None
) -> nearest_mod.Nearest:
    """The k nearest sites of every origin: over the region's network, else the estimate."""
    network = for_region(region) if len(sites) and len(origins) else None
    if network is None:
        return nearest_mod.nearest(sites, origins, k, index=index)
    key = _key(region.code, sites, origins, k)
    with _lock:
        kept = _answers.get(region.code)
    if kept is not None and kept[0] == key:
        return kept[1]
    found = nearest_mod.nearest(sites, origins, k, network=network, index=index)
    if found.walking == "network":
        with _lock:
            _answers[region.code] = (key, found)
    return found


def _key(region_code: str, sites: np.ndarray, origins: np.ndarray, k: int) -> str:
    digest = hashlib.sha256()
    for part in (
        np.ascontiguousarray(sites, dtype=float),
        np.ascontiguousarray(origins, dtype=float),
    ):
        digest.update(part.tobytes())
        digest.update(b"|")
    network_key = _loaded.get(region_code, (("", 0, 0), None))[0]
    return f"{network_key}|{k}|{digest.hexdigest()}"


def for_region(region: Region) -> WalkingNetwork | None:
    """The region's newest walking network, or None (none registered, or its file unreadable)."""
    if not apps.is_installed("paraat.planning"):
        return None
    from paraat.planning.models import WalkingNetwork as Registered

    record = Registered.objects.newest_for(region)
    if record is None:
        return None
    return _load(region.code, Path(record.full_path))


def _load(region_code: str, path: Path) -> WalkingNetwork | None:
    try:
        stat = path.stat()
    except OSError:
        log.warning("walking network %s of %s is missing; using the estimate", path, region_code)
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _loaded.get(region_code)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            network = read_network(path)
        except NetworkError:
            log.exception(
                "walking network %s of %s unreadable; using the estimate", path, region_code
            )
            return None
        _loaded[region_code] = (key, network)
        return network


def forget() -> None:
    """Drop the loaded networks and kept answers (tests)."""
    with _lock:
        _loaded.clear()
        _answers.clear()
