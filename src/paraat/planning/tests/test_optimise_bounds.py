"""p-median and p-center (paraat.planning.optimise): the proven bounds and the gaps they report.

Pure functions, no database. A lower bound must never exceed the optimum found by brute force,
whatever the multipliers or the time left; the gap is the relative distance from the answer to it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from paraat.planning.optimise import OptimisationError, p_center, p_median
from paraat.planning.optimise._common import Clock
from paraat.planning.optimise._distance import prepare
from paraat.planning.optimise.center import _packing
from paraat.planning.optimise.median import _Median


def instance(seed: int, rows: int = 14, cols: int = 7):
    rng = np.random.default_rng(seed)
    distance = rng.integers(1, 100, (rows, cols)).astype(float)
    weights = rng.integers(0, 6, rows).astype(float)
    weights[0] += 1
    fixed = [cols - 1] if seed % 2 else []
    p = 1 + seed % 3
    candidates = [j for j in range(cols) if j not in fixed]
    return distance, weights, fixed, p, candidates


def best_total(distance, weights, fixed, p, candidates) -> float:
    return min(
        float(weights @ distance[:, list(sites) + fixed].min(axis=1))
        for sites in itertools.combinations(candidates, p)
    )


def solver(distance, weights, fixed, p, candidates) -> _Median:
    data = prepare(distance, weights, np.asarray(fixed, dtype=np.int64), np.asarray(candidates))
    return _Median(data, p, Clock(60.0))


@pytest.mark.parametrize("seed", range(12))
def test_it_never_proves_a_p_median_bound_above_the_optimum(seed):
    distance, weights, fixed, p, candidates = instance(seed)
    best = best_total(distance, weights, fixed, p, candidates)
    median = solver(distance, weights, fixed, p, candidates)
    median.offer(median.swap(median.greedy()))

    median.lagrangian(0.0)

    assert median.bound <= best * (1 + 1e-12)
    assert median.upper >= best * (1 - 1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_it_bounds_the_p_median_with_any_multipliers(seed):
    # Lagrangian duality: every choice of multipliers gives a valid bound, even wild ones.
    distance, weights, fixed, p, candidates = instance(seed)
    best = best_total(distance, weights, fixed, p, candidates)
    median = solver(distance, weights, fixed, p, candidates)
    rng = np.random.default_rng(seed)
    top = float((weights[:, None] * distance).max())

    for _ in range(50):
        bound, _ = median.exact_bound(rng.uniform(-top, 2 * top, median.w.shape[0]))
        assert bound <= best * (1 + 1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_it_reports_the_p_median_gap_to_a_true_lower_bound(seed):
    # A loose target stops at the first bound that is good enough: the gap is what is left.
    distance, weights, fixed, p, candidates = instance(seed, rows=40, cols=12)
    best = best_total(distance, weights, fixed, p, candidates)

    solution = p_median(distance, weights, p=p, fixed=fixed, target_gap=0.3)

    assert solution.bound <= best * (1 + 1e-12) <= solution.objective * (1 + 1e-12)
    assert solution.gap == pytest.approx(
        (solution.objective - solution.bound) / solution.objective, abs=1e-12
    )
    assert solution.gap <= 0.3
    assert solution.optimal == (solution.gap == 0.0)


def test_it_returns_a_valid_p_median_bound_when_out_of_time():
    distance, weights, fixed, p, candidates = instance(3, rows=40, cols=12)
    best = best_total(distance, weights, fixed, p, candidates)

    solution = p_median(distance, weights, p=p, fixed=fixed, time_limit=1e-9)

    assert solution.method == "greedy+swap+lagrangian"
    assert solution.details["lagrangian_iterations"] == 0  # the starting multipliers only
    assert 0 < solution.bound <= best
    assert solution.gap == pytest.approx((solution.objective - solution.bound) / solution.objective)
    assert not solution.optimal


@pytest.mark.parametrize("seed", range(10))
def test_it_proves_a_radius_too_small_only_when_no_p_sites_cover_it(seed):
    distance, weights, fixed, p, candidates = instance(seed)
    cost = distance[:, candidates]
    reach = np.sort(cost, axis=1)
    proofs = 0

    for radius in np.unique(cost):
        covers = cost <= radius
        feasible = any(
            covers[:, list(sites)].any(axis=1).all()
            for sites in itertools.combinations(range(cost.shape[1]), p)
        )
        if _packing(cost, reach, float(radius), p):
            proofs += 1
            assert not feasible
    assert proofs > 0


@pytest.mark.parametrize("seed", range(6))
def test_it_reports_the_p_center_gap_to_a_true_lower_bound_when_out_of_time(seed):
    distance, weights, fixed, p, candidates = instance(seed, rows=40, cols=12)
    best = min(
        float(distance[:, list(sites) + fixed].min(axis=1)[weights > 0].max())
        for sites in itertools.combinations(candidates, p)
    )

    solution = p_center(distance, weights, p=p, fixed=fixed, time_limit=1e-9)

    assert solution.bound <= best <= solution.objective
    assert solution.gap == pytest.approx(
        (solution.objective - solution.bound) / solution.objective, abs=1e-12
    )
    assert solution.optimal == (solution.gap == 0.0)


@pytest.mark.parametrize("solve", [p_center, p_median])
def test_it_explains_when_p_sites_cannot_reach_every_point(solve):
    # Each point reaches one site of its own (a sparse matrix: missing pairs cannot be used), so
    # one site leaves a point out of reach. p-center used to fail with an IndexError here.
    distance = sp.csr_matrix(np.array([[100.0, 0.0], [0.0, 200.0]]))

    with pytest.raises(OptimisationError) as caught:
        solve(distance, np.array([1.0, 1.0]), p=1)

    assert caught.value.code == "unreachable_demand"
    assert caught.value.params["points"] == 1
