"""Nearest points without Django: straight-line distance times the circuity, or a walking network."""

from __future__ import annotations

import numpy as np
import pytest

from paraat.geo import nearest
from paraat.geo.network import WalkingNetwork


def test_it_estimates_walking_as_straight_line_times_circuity() -> None:
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0], [0.0, 3_000.0]])
    origins = np.array([[900.0, 0.0], [0.0, 2_000.0]])
    found = nearest.nearest(sites, origins, 2)
    assert found.walking == "estimate"
    assert found.index.tolist() == [[1, 0], [2, 0]]
    assert found.metres[0].tolist() == pytest.approx([120.0, 1_080.0])
    assert found.metres[1].tolist() == pytest.approx([1_200.0, 2_400.0])


def test_it_asks_for_no_more_points_than_there_are() -> None:
    found = nearest.nearest(np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]]), 8)
    assert found.index.shape == (1, 1)
    assert found.metres[0, 0] == pytest.approx(6.0)
    empty = nearest.nearest(np.zeros((0, 2)), np.array([[3.0, 4.0]]), 3)
    assert empty.index.shape == (1, 0)


def canal_network() -> WalkingNetwork:
    """Streets east of a canal, with the only bridge 1 km north (metres)::

    (0,1000) ---- bridge ---- (100,1000)
       |                          |
    (0,0) S0   ~canal~   (100,0) O ---------------- (1000,0) S1
    """
    x = [0.0, 0.0, 100.0, 100.0, 1_000.0]
    y = [0.0, 1_000.0, 1_000.0, 0.0, 0.0]
    return WalkingNetwork.from_segments(x, y, [0, 1, 2, 3], [1, 2, 3, 4])


def test_it_walks_over_the_street_network_when_given_one() -> None:
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0]])
    found = nearest.nearest(sites, np.array([[100.0, 0.0]]), 2, network=canal_network())
    assert found.walking == "network"
    # Across the canal S0 is 100 m away in a straight line, but 2.1 km on foot over the bridge.
    assert found.index.tolist() == [[1, 0]]
    assert found.metres[0].tolist() == pytest.approx([900.0, 2_100.0])


def test_it_finds_the_same_walks_from_the_sites_and_from_the_origins() -> None:
    # More origins than sites: one search per site (WalkingNetwork.within), then per origin.
    network = canal_network()
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0]])
    origins = np.array([[100.0, 0.0], [100.0, 500.0], [600.0, 0.0], [0.0, 0.0]])
    found = nearest.nearest(sites, origins, 2, network=network)
    assert found.index.tolist() == [[1, 0], [1, 0], [1, 0], [0, 1]]
    expected = [[900, 2_100], [1_400, 1_600], [400, 2_600], [0, 3_000]]
    assert np.allclose(found.metres, expected, atol=0.01)
    direct = nearest.from_origins(network, origins, sites, 10_000).toarray()
    via_sites = network.within(origins, sites, 10_000).toarray()
    assert np.allclose(direct, via_sites)


def test_it_leaves_out_sites_beyond_the_longest_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nearest, "MAX_WALK_METRES", 1_000.0)
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0]])
    found = nearest.nearest(sites, np.array([[100.0, 0.0]]), 2, network=canal_network())
    assert found.index.tolist() == [[1, -1]]
    assert found.metres[0, 0] == pytest.approx(900.0) and np.isinf(found.metres[0, 1])


def test_it_falls_back_to_the_estimate_when_the_network_fails() -> None:
    class Broken(WalkingNetwork):
        def snap(self, *args: object, **kwargs: object) -> tuple[np.ndarray, np.ndarray]:
            raise ValueError("corrupt")

    network = canal_network()
    broken = Broken(network.x, network.y, *_arrays(network))
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0]])
    found = nearest.nearest(sites, np.array([[100.0, 0.0]]), 2, network=broken)
    assert found.walking == "estimate"
    assert found.index.tolist() == [[0, 1]]
    assert found.metres[0].tolist() == pytest.approx([120.0, 1_080.0])


def _arrays(network: WalkingNetwork) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return network.graph.indptr, network.graph.indices, network.graph.data


def test_it_projects_wgs84_to_rd_new() -> None:
    # Amersfoort, the origin of RD New, is at (155000, 463000).
    xy = nearest.project([5.38720621], [52.15517440])
    assert xy[0].tolist() == pytest.approx([155_000.0, 463_000.0], abs=1.0)
