"""Walking networks from line layers: known distances, filtering, snapping, storage, bad input.

The hand-made network (metres from X0, Y0 in RD New)::

    D (300,400) ------- path 600 ------- E (900,400)
      |                                 /
    footway 400                    steps 500
      |                               /
    A (0,0) -- 300 -- B (300,0) -- 300 -- C (600,0)      residential A-B-C

plus shortcuts that must NOT be used: a motorway A-E, a footway with foot=no A-D.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import shapely

from paraat.geo.distance import ZERO_DISTANCE
from paraat.geo.network import NetworkError, WalkingNetwork, is_walkable, read_network

X0, Y0 = 155_000.0, 463_000.0
A, B, C, D, E = (0, 0), (300, 0), (600, 0), (300, 400), (900, 400)

LINES = [
    ((A, B, C), "residential", None),
    ((B, D), "footway", None),
    ((D, E), "path", None),
    ((C, E), "steps", None),
    ((A, E), "motorway", None),
    ((A, D), "footway", "no"),
]

# Demand points B, C, D and P (30 m off the street at B); sites at A and E.
DEMAND = np.array([B, C, D, (300, -30)], dtype=float) + [X0, Y0]
SITES = np.array([A, E], dtype=float) + [X0, Y0]
WALK = np.array([[300, 800], [600, 500], [700, 600], [330, 830]], dtype=float)


def write_lines(path: Path, lines=LINES, *, crs: str = "EPSG:28992", driver: str = "GPKG") -> Path:
    geometries = [
        shapely.to_wkb(shapely.LineString([(X0 + x, Y0 + y) for x, y in points]))
        for points, _highway, _foot in lines
    ]
    highway = np.array([h for _p, h, _f in lines], dtype=object)
    foot = np.array([f for _p, _h, f in lines], dtype=object)
    pyogrio.raw.write(
        str(path),
        np.array(geometries, dtype=object),
        [highway, foot],
        ["highway", "foot"],
        driver=driver,
        geometry_type="LineString",
        crs=crs,
    )
    return path


@pytest.fixture
def network(tmp_path: Path) -> WalkingNetwork:
    return WalkingNetwork.from_lines(write_lines(tmp_path / "streets.gpkg"))


def test_it_walks_the_known_shortest_paths(network: WalkingNetwork) -> None:
    matrix = network.within(DEMAND, SITES, 10_000)
    assert np.allclose(matrix.toarray(), WALK)


def test_it_keeps_only_pairs_within_the_threshold(network: WalkingNetwork) -> None:
    matrix = network.within(DEMAND, SITES, 650)
    expected = {(0, 0): 300, (1, 0): 600, (3, 0): 330, (1, 1): 500, (2, 1): 600}
    found = {(int(r), int(c)): matrix[r, c] for r, c in zip(*matrix.nonzero(), strict=True)}
    assert found.keys() == expected.keys()
    for pair, metres in expected.items():
        assert found[pair] == pytest.approx(metres)


def test_it_finds_the_nearest_site_by_walking(network: WalkingNetwork) -> None:
    distances, site = network.nearest(DEMAND, SITES)
    assert np.allclose(distances, [300, 500, 600, 330])
    assert list(site) == [0, 1, 1, 0]
    distances, site = network.nearest(DEMAND, SITES, limit=450)
    assert list(site) == [0, -1, -1, 0]
    assert np.isinf(distances[1:3]).all()


def test_it_keeps_a_point_on_a_site_at_zero_metres(network: WalkingNetwork) -> None:
    matrix = network.within(SITES[:1], SITES, 100)
    assert matrix.nnz == 1
    assert matrix[0, 0] == ZERO_DISTANCE


def test_it_splits_long_edges_so_points_snap_close_to_the_street(
    network: WalkingNetwork,
) -> None:
    # 2,100 m of walkable streets in pieces of at most 25 m: 84 edges.
    assert network.n_edges == 84
    _node, metres = network.snap(np.array([[X0 + 137, Y0 + 3]]))
    assert metres[0] < 13


def test_it_reads_geojson_in_wgs84_like_geopackage_in_rd(tmp_path: Path) -> None:
    path = tmp_path / "streets.geojson"
    from paraat.geo.crs import to_wgs84

    lines = []
    for points, highway, foot in LINES:
        lon, lat = to_wgs84(
            np.array([X0 + x for x, _ in points]), np.array([Y0 + y for _, y in points])
        )
        lines.append((list(zip(lon - X0, lat - Y0, strict=True)), highway, foot))
    write_lines(path, lines, crs="EPSG:4326", driver="GeoJSON")
    network = WalkingNetwork.from_lines(path)
    assert np.allclose(network.within(DEMAND, SITES, 10_000).toarray(), WALK, atol=0.05)


def test_it_takes_every_line_when_the_layer_has_no_highway_column(tmp_path: Path) -> None:
    path = tmp_path / "plain.gpkg"
    geometries = [shapely.to_wkb(shapely.LineString([(X0, Y0), (X0 + 100, Y0)]))]
    pyogrio.raw.write(
        str(path),
        np.array(geometries, dtype=object),
        [],
        [],
        driver="GPKG",
        geometry_type="LineString",
        crs="EPSG:28992",
    )
    network = WalkingNetwork.from_lines(path)
    assert network.within([[X0 + 100, Y0]], [[X0, Y0]], 150)[0, 0] == pytest.approx(100)


def test_it_leaves_an_unreachable_site_out(tmp_path: Path) -> None:
    island = [((x, 5_000), (x + 25, 5_000)) for x in range(0, 2_500, 25)]
    lines = [*LINES, *((points, "footway", None) for points in island)]
    network = WalkingNetwork.from_lines(write_lines(tmp_path / "two.gpkg", lines))
    site_on_island = [[X0 + 1_000, Y0 + 5_000]]
    assert network.within(DEMAND, site_on_island, 3_000).nnz == 0
    distances, site = network.nearest(DEMAND, site_on_island)
    assert np.isinf(distances).all() and (site == -1).all()


def test_it_saves_and_loads_the_same_network(network: WalkingNetwork, tmp_path: Path) -> None:
    network.save(tmp_path / "net.npz")
    loaded = WalkingNetwork.load(tmp_path / "net.npz")
    assert (loaded.n_nodes, loaded.n_edges, loaded.source) == (
        network.n_nodes,
        network.n_edges,
        "streets.gpkg",
    )
    assert np.allclose(loaded.within(DEMAND, SITES, 10_000).toarray(), WALK)


def test_it_reads_a_stored_network_and_a_line_layer_alike(
    network: WalkingNetwork, tmp_path: Path
) -> None:
    network.save(tmp_path / "net.npz")
    stored = read_network(tmp_path / "net.npz")
    built = read_network(write_lines(tmp_path / "again.gpkg"))
    assert (stored.n_nodes, built.n_nodes) == (network.n_nodes, network.n_nodes)
    assert np.allclose(stored.within(DEMAND, SITES, 10_000).toarray(), WALK)
    assert np.allclose(built.within(DEMAND, SITES, 10_000).toarray(), WALK)


@pytest.mark.parametrize(
    ("tags", "walkable"),
    [
        ({"highway": "footway"}, True),
        ({"highway": "living_street"}, True),
        ({"highway": "track"}, True),
        ({"highway": "motorway"}, False),
        ({"highway": "trunk_link"}, False),
        ({"highway": "residential", "foot": "no"}, False),
        ({"highway": "service", "access": "private"}, False),
        ({"highway": "service", "access": "private", "foot": "yes"}, True),
        ({"highway": "construction"}, False),
        ({"building": "yes"}, False),
    ],
)
def test_it_knows_which_ways_are_walkable(tags: dict, walkable: bool) -> None:
    assert is_walkable(tags) is walkable


def test_it_names_the_file_without_walkable_ways(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "motorways.gpkg", [((A, E), "motorway", None)])
    with pytest.raises(NetworkError, match="motorways.gpkg: no walkable roads"):
        WalkingNetwork.from_lines(path)


def test_it_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "kapot.gpkg"
    path.write_bytes(b"not a geopackage at all")
    with pytest.raises(NetworkError, match="kapot.gpkg"):
        WalkingNetwork.from_lines(path)
    with pytest.raises(NetworkError, match="ontbreekt.gpkg: the file is empty"):
        WalkingNetwork.from_lines(tmp_path / "ontbreekt.gpkg")


def test_it_names_a_file_that_is_no_saved_network(tmp_path: Path) -> None:
    path = tmp_path / "net.npz"
    np.savez(path, something=np.arange(3))
    with pytest.raises(NetworkError, match="net.npz: not a saved walking network"):
        WalkingNetwork.load(path)
    with pytest.raises(NetworkError, match="weg.npz"):
        WalkingNetwork.load(tmp_path / "weg.npz")


def test_it_refuses_a_threshold_of_zero(network: WalkingNetwork) -> None:
    with pytest.raises(ValueError, match="distance limit"):
        network.within(DEMAND, SITES, 0)
