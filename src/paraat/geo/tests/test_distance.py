"""Straight-line coverage matrices and nearest sites against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from shapely.geometry import box

from paraat.geo.demand import AreaInput, spread_areas
from paraat.geo.distance import ZERO_DISTANCE, nearest_straight, within_straight


def random_points(seed: int, n: int, size: float = 5_000.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, size, (n, 2)) + [150_000, 400_000]


@pytest.mark.parametrize("chunk", [7, 1_000_000])
def test_it_finds_exactly_the_pairs_brute_force_finds(chunk: int) -> None:
    demand, sites = random_points(1, 500), random_points(2, 40)
    matrix = within_straight(demand, sites, 800.0, chunk=chunk)
    brute = cdist(demand, sites)
    rows, cols = np.nonzero(brute <= 800.0)
    assert matrix.shape == (500, 40)
    assert set(zip(*matrix.nonzero(), strict=True)) == set(zip(rows, cols, strict=True))
    assert np.allclose(matrix[rows, cols].A1, brute[rows, cols])


def test_it_keeps_pairs_at_zero_metres() -> None:
    sites = np.array([[150_000.0, 400_000.0], [150_500.0, 400_000.0]])
    demand = np.array([[150_000.0, 400_000.0], [150_100.0, 400_000.0], [151_000.0, 400_000.0]])
    matrix = within_straight(demand, sites, 100.0)
    assert matrix.nnz == 2
    assert matrix[0, 0] == ZERO_DISTANCE
    assert matrix[1, 0] == pytest.approx(100.0)  # the limit itself is within
    assert matrix[2].nnz == 0


def test_it_covers_a_hand_computable_case() -> None:
    x0, y0 = 155_000.0, 463_000.0
    demand = spread_areas(
        [
            AreaInput("A", box(x0, y0, x0 + 200, y0 + 200), {"residents": 400}),
            AreaInput("B", box(x0 + 200, y0, x0 + 400, y0 + 200), {"residents": 1000}),
        ]
    )
    site = np.array([[x0 + 100, y0 + 100]])
    # Cell centres of A are 70.7 m from the site, the nearer ones of B 158.1 m, the far 255 m.
    for limit, covered in ((100, 400), (200, 900), (300, 1400), (50, 0)):
        matrix = within_straight(demand.xy, site, limit)
        reached = np.diff(matrix.indptr) > 0
        assert demand.weights["residents"][reached].sum() == covered


def test_it_finds_the_nearest_site_like_brute_force() -> None:
    demand, sites = random_points(3, 300), random_points(4, 25)
    distances, index = nearest_straight(demand, sites)
    brute = cdist(demand, sites)
    assert np.array_equal(index, brute.argmin(axis=1))
    assert np.allclose(distances, brute.min(axis=1))


def test_it_handles_no_sites_and_no_demand() -> None:
    demand = random_points(5, 3)
    distances, index = nearest_straight(demand, np.empty((0, 2)))
    assert np.isinf(distances).all() and (index == -1).all()
    assert within_straight(demand, np.empty((0, 2)), 100).shape == (3, 0)
    assert within_straight(np.empty((0, 2)), demand, 100).shape == (0, 3)


@pytest.mark.parametrize("limit", [0, -5, float("nan"), float("inf")])
def test_it_refuses_a_threshold_that_is_not_positive(limit: float) -> None:
    with pytest.raises(ValueError, match="distance limit must be more than 0 metres"):
        within_straight(random_points(6, 3), random_points(7, 3), limit)


def test_it_refuses_points_that_are_not_xy_pairs() -> None:
    with pytest.raises(ValueError, match="demand points: expected an \\(n, 2\\)"):
        within_straight(np.zeros((3, 3)), random_points(7, 3), 100)
    with pytest.raises(ValueError, match="sites: point 1 has no valid"):
        nearest_straight(random_points(6, 3), [[0.0, 0.0], [np.nan, 1.0]])
