"""Nearest points without Django: straight-line distance times the circuity, or a walking network."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from paraat.publicinfo import nearest


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


def test_it_uses_a_walking_network_when_one_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    network = types.ModuleType("paraat.geo.network")

    def nearest_sites(*, region_code: str, origins: np.ndarray, sites: np.ndarray, k: int):  # type: ignore[no-untyped-def]
        assert region_code == "VR21"
        # A canal: the second site is the nearer walk although it is farther in a straight line.
        return np.array([[1_500.0, 2_500.0]]), np.array([[1, 0]])

    network.nearest_sites = nearest_sites  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "paraat.geo.network", network)
    sites = np.array([[0.0, 0.0], [1_000.0, 0.0]])
    found = nearest.nearest(sites, np.array([[100.0, 0.0]]), 2, region_code="VR21")
    assert found.walking == "network"
    assert found.index.tolist() == [[1, 0]]
    assert found.metres.tolist() == [[1_500.0, 2_500.0]]


def test_it_projects_wgs84_to_rd_new() -> None:
    # Amersfoort, the origin of RD New, is at (155000, 463000).
    xy = nearest.project([5.38720621], [52.15517440])
    assert xy[0].tolist() == pytest.approx([155_000.0, 463_000.0], abs=1.0)
