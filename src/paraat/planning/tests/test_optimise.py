"""Siting optimisation (paraat.planning.optimise): known optima, brute force, bad input.

Pure functions, no database. Speed targets live in benchmarks/planning/bench_siting.py.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import linprog

from paraat.planning.optimise import (
    MESSAGES,
    OptimisationError,
    maximal_covering,
    p_center,
    p_median,
    set_covering,
)
from paraat.planning.optimise import covering as covering_module
from paraat.planning.optimise._common import Clock, merge_rows
from paraat.planning.optimise._exact import _mclp, _mclp_branch, _mclp_relaxation, mclp_exact
from paraat.planning.optimise._lagrange import lagrangian_value, mclp_lagrange
from paraat.planning.optimise.covering import _greedy, _kernel, _undominated

# Six demand points, three sites. Greedy takes A (weight 4) and then B or C (+1.5): 5.5.
# The optimum is B + C: 7.
#            A  B  C
TRAP = np.array(
    [
        [1, 1, 0],
        [1, 1, 0],
        [1, 0, 1],
        [1, 0, 1],
        [0, 1, 0],
        [0, 0, 1],
    ]
)
TRAP_WEIGHTS = np.array([1, 1, 1, 1, 1.5, 1.5])


def covered(matrix: np.ndarray, weights: np.ndarray, sites) -> float:
    sites = list(sites)
    if not sites:
        return 0.0
    return float(weights[matrix[:, sites].any(axis=1)].sum())


def random_cover(seed: int, rows: int = 30, cols: int = 8, density: float = 0.3):
    rng = np.random.default_rng(seed)
    matrix = rng.random((rows, cols)) < density
    weights = rng.integers(0, 10, rows).astype(float)
    weights[0] += 1
    return matrix, weights


def test_it_finds_the_optimum_where_greedy_falls_short():
    greedy = _greedy(sp.csr_matrix(TRAP.astype(float)), TRAP_WEIGHTS, k=2, required=None)
    assert covered(TRAP, TRAP_WEIGHTS, greedy) == 5.5

    solution = maximal_covering(sp.csr_matrix(TRAP), TRAP_WEIGHTS, k=2)

    assert solution.objective == 7.0
    assert sorted(solution.selected.tolist()) == [1, 2]
    assert solution.optimal and solution.gap == 0.0 and solution.bound == 7.0
    assert solution.gains.tolist() == [3.5, 3.5]
    assert solution.covered == 7.0
    assert solution.model == "mclp"


def test_it_orders_sites_by_what_they_add():
    #            0  1  2
    matrix = np.array([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]])
    weights = np.array([5.0, 1.0, 2.0, 9.0])

    solution = maximal_covering(matrix, weights, k=3)

    assert solution.selected.tolist() == [2, 0, 1]
    assert solution.gains.tolist() == [9.0, 5.0, 3.0]


@pytest.mark.parametrize("seed", range(12))
def test_it_matches_brute_force_for_maximal_covering(seed):
    matrix, weights = random_cover(seed)
    fixed = [0] if seed % 2 else []
    candidates = [j for j in range(matrix.shape[1]) if j not in fixed]
    k = 1 + seed % 4
    best = max(
        covered(matrix, weights, list(s) + fixed) for s in itertools.combinations(candidates, k)
    )

    solution = maximal_covering(sp.csr_matrix(matrix), weights, k=k, fixed=fixed)

    assert solution.objective == pytest.approx(best)
    assert covered(matrix, weights, list(solution.selected) + fixed) == pytest.approx(best)
    assert solution.optimal
    assert 0 not in solution.selected or not fixed


def test_it_drops_dominated_candidates_only_within_its_work_budget():
    # Column 1 covers a subset of column 0's rows; column 2 is nobody's subset.
    matrix = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 0], [1, 0, 1], [0, 0, 1]], dtype=float))

    assert _undominated(matrix).tolist() == [0, 2]
    assert _undominated(matrix, work=3).tolist() == [0, 1, 2]  # 2² + 1 + 2² + 1 = 10 > 3


@pytest.mark.parametrize("seed", range(6))
def test_it_matches_brute_force_on_dense_overlapping_reach(seed):
    # Dense reach: many candidates dominate others, the LP is fractional, so the exact step runs.
    matrix, weights = random_cover(100 + seed, rows=40, cols=10, density=0.45)
    k = 2 + seed % 3
    best = max(covered(matrix, weights, s) for s in itertools.combinations(range(10), k))
    fewest = min(
        n
        for n in range(1, 11)
        for s in itertools.combinations(range(10), n)
        if covered(matrix, weights, s) >= covered(matrix, weights, range(10))
    )

    mclp = maximal_covering(sp.csr_matrix(matrix), weights, k=k)
    lscp = set_covering(sp.csr_matrix(matrix), weights, target=1.0)

    assert mclp.optimal and mclp.objective == pytest.approx(best)
    assert covered(matrix, weights, mclp.selected) == pytest.approx(best)
    assert lscp.optimal and lscp.objective == fewest


@pytest.mark.parametrize("seed", range(8))
def test_it_proves_the_brute_force_optimum_from_a_poor_start(seed):
    # From one site only, the exact step runs its MIP on the LP's support (on merged rows),
    # fixes sites and solves what is left: it must still reach the brute-force optimum.
    matrix, weights = random_cover(200 + seed, rows=40, cols=10, density=0.35)
    k = 2 + seed % 3
    best = max(covered(matrix, weights, s) for s in itertools.combinations(range(10), k))

    exact = mclp_exact(sp.csr_matrix(matrix.astype(float)), weights, k, np.array([0]), Clock(30.0))

    assert exact.optimal
    assert exact.chosen.shape[0] <= k
    assert covered(matrix, weights, exact.chosen) == pytest.approx(best)


@pytest.mark.parametrize("seed", range(10))
def test_it_branches_on_the_lp_to_the_brute_force_optimum(seed):
    # Whole weights on even seeds (pruned by a whole unit), fractional ones on odd seeds.
    matrix, weights = random_cover(300 + seed, rows=30, cols=9, density=0.3)
    if seed % 2:
        weights = weights + np.random.default_rng(seed).random(weights.shape[0])
    k = 1 + seed % 4
    best = max(covered(matrix, weights, s) for s in itertools.combinations(range(9), k))
    cover = sp.csr_matrix(matrix.astype(float))

    part, proven = _mclp_branch(cover, weights, k, 0.0, Clock(30.0))
    nothing_better = _mclp_branch(cover, weights, k, best, Clock(30.0))

    assert proven and part.shape[0] <= k
    assert covered(matrix, weights, part) == pytest.approx(best)
    assert nothing_better == (None, True)


@pytest.mark.parametrize("seed", range(10))
def test_it_reaches_the_whole_lp_by_adding_rows(seed):
    # Rows the start reaches twice start out of the model; the LP must still be the whole LP's.
    matrix, weights = random_cover(400 + seed, rows=40, cols=10, density=0.4)
    k = 2 + seed % 3
    cover = sp.csr_matrix(matrix.astype(float))
    start = np.arange(k)

    whole = _mclp(cover, weights, k, None, 30.0, integer=False)
    relaxed = _mclp_relaxation(cover, weights, k, start, Clock(30.0))

    assert relaxed.optimal and relaxed.duals is not None
    assert relaxed.objective == pytest.approx(whole.objective)


def test_it_counts_fixed_sites_but_never_returns_them():
    #            0  1  2
    matrix = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]])
    weights = np.array([4.0, 3.0, 2.0, 1.0])

    solution = maximal_covering(matrix, weights, k=1, fixed=[0])

    assert solution.selected.tolist() == [2]
    assert solution.objective == 9.0
    assert solution.gains.tolist() == [2.0]


def test_it_uses_only_the_candidates_given():
    solution = maximal_covering(TRAP, TRAP_WEIGHTS, k=1, candidates=[1, 2])
    assert solution.selected.tolist() in ([1], [2])
    assert solution.objective == 3.5


def test_it_counts_a_stored_zero_distance_as_covered():
    # paraat.geo.distance stores a pair at 0 m as a tiny value; an explicit 0 must count as well.
    matrix = sp.csr_matrix(
        (np.array([0.0, 1e-6]), np.array([0, 1]), np.array([0, 1, 2])), shape=(2, 2)
    )
    assert matrix.nnz == 2

    solution = maximal_covering(matrix, np.array([3.0, 1.0]), k=1)

    assert solution.selected.tolist() == [0]
    assert solution.objective == 3.0


def test_it_serves_at_most_the_capacity_of_a_site():
    matrix = np.array([[1, 0], [1, 1], [1, 0]])
    weights = np.array([4.0, 4.0, 4.0])

    one = maximal_covering(matrix, weights, k=1, capacity=np.array([6.0, 10.0]))
    two = maximal_covering(matrix, weights, k=2, capacity=np.array([6.0, 10.0]))

    assert one.objective == pytest.approx(6.0)
    assert one.selected.tolist() == [0]
    assert two.objective == pytest.approx(10.0)  # site 1 serves point 1, site 0 six of the rest
    assert two.optimal


def capacitated_brute_force(matrix, weights, capacity, sites) -> float:
    pairs = [(i, j) for i in range(matrix.shape[0]) for j in sites if matrix[i, j]]
    if not pairs:
        return 0.0
    a_ub, b_ub = [], []
    for i in range(matrix.shape[0]):
        a_ub.append([1.0 if r == i else 0.0 for r, _ in pairs])
        b_ub.append(1.0)
    for j in sites:
        a_ub.append([weights[r] if c == j else 0.0 for r, c in pairs])
        b_ub.append(capacity[j])
    result = linprog(-np.array([weights[r] for r, _ in pairs]), A_ub=a_ub, b_ub=b_ub, bounds=(0, 1))
    return -result.fun


@pytest.mark.parametrize("seed", range(6))
def test_it_matches_brute_force_with_capacity(seed):
    matrix, weights = random_cover(seed, rows=15, cols=6, density=0.4)
    capacity = np.random.default_rng(seed).integers(1, 15, 6).astype(float)
    k = 2
    best = max(
        capacitated_brute_force(matrix, weights, capacity, list(s))
        for s in itertools.combinations(range(6), k)
    )

    solution = maximal_covering(matrix, weights, k=k, capacity=capacity)

    assert solution.objective == pytest.approx(best, rel=1e-6)
    assert solution.optimal


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("target", [0.5, 0.8, 1.0])
def test_it_matches_brute_force_for_set_covering(seed, target):
    matrix, weights = random_cover(seed, density=0.35)
    need = target * weights.sum() * (1 - 1e-9)
    if covered(matrix, weights, range(matrix.shape[1])) < need:
        with pytest.raises(OptimisationError):
            set_covering(matrix, weights, target=target)
        return
    best = min(
        r
        for r in range(matrix.shape[1] + 1)
        for s in itertools.combinations(range(matrix.shape[1]), r)
        if covered(matrix, weights, s) >= need
    )

    solution = set_covering(matrix, weights, target=target)

    assert solution.objective == best
    assert len(solution.selected) == best
    assert covered(matrix, weights, solution.selected) >= need
    assert solution.optimal and solution.model == "lscp"


def test_it_reduces_set_covering_to_a_kernel_and_keeps_the_optimum():
    # Row 0 reaches site 3 only (forced, which also covers row 1); site 4 then covers nothing
    # (dropped); row 7 contains row 2's sites (implied); rows 2-6 form a 5-cycle over sites 5-9,
    # which no reduction touches: the kernel, whose optimum is 3 sites. Sites 0-2 reach nothing.
    rows = [[3], [3, 4], [5, 6], [6, 7], [7, 8], [8, 9], [9, 5], [5, 6, 7]]
    matrix = np.zeros((len(rows), 10))
    for i, sites in enumerate(rows):
        matrix[i, sites] = 1
    forced, kernel_rows, kernel_cols = _kernel(sp.csr_matrix(matrix))
    assert forced.tolist() == [3]
    assert kernel_rows.tolist() == [2, 3, 4, 5, 6]
    assert kernel_cols.tolist() == [5, 6, 7, 8, 9]

    solution = set_covering(matrix[:, 3:], np.ones(len(rows)), target=1.0)

    assert solution.optimal and solution.objective == 4
    assert solution.details["kernel_sites"] == 5
    assert covered(matrix[:, 3:], np.ones(len(rows)), solution.selected) == len(rows)


@pytest.mark.parametrize("seed", range(12))
def test_it_never_bounds_maximal_covering_below_the_brute_force_optimum(seed):
    matrix, weights = random_cover(200 + seed, rows=30, cols=9, density=0.25 + 0.02 * seed)
    k = 1 + seed % 4
    best = max(covered(matrix, weights, s) for s in itertools.combinations(range(9), k))
    csr = sp.csr_matrix(matrix.astype(float))
    rng = np.random.default_rng(seed)
    for _ in range(20):  # any multipliers within [0, w] give a bound
        u = rng.random(weights.shape[0]) * weights
        assert lagrangian_value(csr.T.tocsr(), weights, u, k)[0] >= best - 1e-9

    result = mclp_lagrange(
        csr, weights, k, np.arange(k), covered(matrix, weights, range(k)), clock=Clock(5), seconds=5
    )

    assert result.bound >= best - 1e-9
    assert result.bound <= weights.sum() * 1.001  # never far above the trivial bound


@pytest.mark.parametrize("seed", range(6))
def test_it_bounds_large_maximal_covering_by_the_lagrangian(seed, monkeypatch):
    monkeypatch.setattr(covering_module, "LAGRANGE_NNZ", 0)  # as if the problem were large
    matrix, weights = random_cover(300 + seed, rows=40, cols=10, density=0.3)
    k = 2 + seed % 3
    best = max(covered(matrix, weights, s) for s in itertools.combinations(range(10), k))

    solution = maximal_covering(sp.csr_matrix(matrix.astype(float)), weights, k=k)

    assert "lagrange" in solution.method or solution.optimal
    assert solution.objective <= best + 1e-9 <= solution.bound + 2e-9
    assert covered(matrix, weights, solution.selected) == pytest.approx(solution.objective)
    assert solution.gap == pytest.approx(
        (solution.bound - solution.objective) / solution.bound, abs=1e-12
    )


def test_it_needs_no_new_site_when_the_fixed_ones_reach_the_target():
    solution = set_covering(TRAP, TRAP_WEIGHTS, target=0.5, fixed=[0])
    assert solution.objective == 0
    assert solution.selected.tolist() == []
    assert solution.covered == 4.0


def test_it_covers_a_target_share_with_capacity():
    matrix = np.array([[1, 1], [1, 1], [1, 1]])
    weights = np.array([5.0, 5.0, 5.0])

    solution = set_covering(matrix, weights, target=1.0, capacity=np.array([10.0, 10.0]))

    assert solution.objective == 2
    assert solution.covered == pytest.approx(15.0)


def test_it_refuses_more_sites_than_candidates():
    with pytest.raises(OptimisationError) as caught:
        maximal_covering(TRAP, TRAP_WEIGHTS, k=4)
    assert caught.value.code == "too_many_sites"
    assert caught.value.params == {"count": 4, "candidates": 3}
    assert str(caught.value) == "You asked for 4 new sites, but there are only 3 candidate sites."


def test_it_explains_an_unreachable_target():
    matrix = np.array([[1, 0], [0, 1], [0, 0]])
    with pytest.raises(OptimisationError) as caught:
        set_covering(matrix, np.array([1.0, 1.0, 2.0]), target=0.95)
    assert caught.value.code == "target_unreachable"
    assert caught.value.params == {"target": "95", "reachable": "50"}
    assert "at most 50% of the weight" in str(caught.value)


def test_it_explains_an_unreachable_target_with_capacity():
    with pytest.raises(OptimisationError) as caught:
        set_covering(np.ones((2, 1)), np.array([5.0, 5.0]), target=1.0, capacity=np.array([4.0]))
    assert caught.value.code == "target_unreachable"
    assert caught.value.params["reachable"] == "40"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: maximal_covering(TRAP, np.zeros(6), k=1), "no_demand"),
        (lambda: maximal_covering(TRAP, np.ones(5), k=1), "bad_weights"),
        (lambda: maximal_covering(TRAP, -np.ones(6), k=1), "bad_weights"),
        (lambda: maximal_covering(TRAP, TRAP_WEIGHTS, k=-1), "bad_count"),
        (lambda: maximal_covering(TRAP, TRAP_WEIGHTS, k=1, fixed=[7]), "bad_site"),
        (lambda: maximal_covering(TRAP, TRAP_WEIGHTS, k=1, time_limit=0), "bad_time_limit"),
        (lambda: maximal_covering(TRAP, TRAP_WEIGHTS, k=1, capacity=[1.0]), "bad_capacity"),
        (lambda: set_covering(TRAP, TRAP_WEIGHTS, target=0), "bad_target"),
        (lambda: set_covering(TRAP, TRAP_WEIGHTS, target=1.5), "bad_target"),
        (lambda: p_median(np.ones((6, 3)), TRAP_WEIGHTS, p=0), "bad_count"),
        (lambda: p_center(np.ones(6), TRAP_WEIGHTS, p=1), "bad_matrix"),
    ],
)
def test_it_refuses_bad_input_with_a_code(call, code):
    with pytest.raises(OptimisationError) as caught:
        call()
    assert caught.value.code == code
    assert str(caught.value) == MESSAGES[code] % caught.value.params


def test_it_merges_demand_covered_by_the_same_sites():
    matrix = sp.csr_matrix(np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1], [0, 0, 0], [0, 0, 0]]))

    merged, weights = merge_rows(matrix, np.array([1.0, 2.0, 3.0, 4.0, 5.0]))

    rows = {tuple(merged[i].indices.tolist()): weights[i] for i in range(merged.shape[0])}
    assert rows == {(0, 2): 4.0, (1,): 2.0, (): 9.0}


def random_distances(seed: int, rows: int = 12, cols: int = 7):
    rng = np.random.default_rng(seed)
    return rng.integers(1, 100, (rows, cols)).astype(float), rng.integers(0, 5, rows).astype(
        float
    ) + (np.arange(rows) == 0)


@pytest.mark.parametrize("seed", range(10))
def test_it_matches_brute_force_for_p_median(seed):
    distance, weights = random_distances(seed)
    fixed = [6] if seed % 2 else []
    p = 1 + seed % 3
    candidates = [j for j in range(7) if j not in fixed]

    def total(sites):
        return float(weights @ distance[:, list(sites) + fixed].min(axis=1))

    best = min(total(s) for s in itertools.combinations(candidates, p))

    solution = p_median(distance, weights, p=p, fixed=fixed)

    assert solution.objective == pytest.approx(best)
    assert total(solution.selected) == pytest.approx(best)
    assert solution.optimal and solution.gap == 0.0
    assert solution.covered == weights.sum()


@pytest.mark.parametrize("seed", range(10))
def test_it_matches_brute_force_for_p_center(seed):
    distance, weights = random_distances(seed)
    weights[1] = 0  # a point without weight does not count
    fixed = [6] if seed % 2 else []
    p = 1 + seed % 3
    candidates = [j for j in range(7) if j not in fixed]
    counted = weights > 0

    def worst(sites):
        return float(distance[counted][:, list(sites) + fixed].min(axis=1).max())

    best = min(worst(s) for s in itertools.combinations(candidates, p))

    solution = p_center(distance, weights, p=p, fixed=fixed)

    assert solution.objective == pytest.approx(best)
    assert worst(solution.selected) == pytest.approx(best)
    assert solution.optimal and solution.model == "pcenter"


def test_it_solves_a_p_median_by_hand():
    # Points on a line at 0, 1, 10 and 11 km; sites at the points. Two sites: one per pair.
    x = np.array([0.0, 1000.0, 10000.0, 11000.0])
    distance = np.abs(x[:, None] - x[None, :])

    solution = p_median(distance, np.array([1.0, 1.0, 1.0, 1.0]), p=2)
    center = p_center(distance, np.array([1.0, 1.0, 1.0, 1.0]), p=2)

    assert solution.objective == 2000.0
    assert center.objective == 1000.0
    assert {int(s) // 2 for s in solution.selected} == {0, 1}


def test_it_uses_only_the_pairs_of_a_sparse_distance_matrix():
    # Point 2 can reach site 1 only; the rest reach both.
    distance = sp.csr_matrix(np.array([[100.0, 300.0], [100.0, 300.0], [0.0, 50.0]]))

    solution = p_median(distance, np.array([1.0, 1.0, 1.0]), p=1)

    assert solution.selected.tolist() == [1]
    assert solution.objective == 650.0


def test_it_explains_demand_that_no_site_can_reach():
    distance = sp.csr_matrix(np.array([[100.0, 0.0], [0.0, 0.0]]))
    with pytest.raises(OptimisationError) as caught:
        p_center(distance, np.array([1.0, 1.0]), p=1)
    assert caught.value.code == "unreachable_demand"
    assert caught.value.params == {"points": 1, "row": 1}


def test_it_reports_served_weight_per_site_for_p_median():
    x = np.array([0.0, 1.0, 10.0, 11.0, 12.0])
    distance = np.abs(x[:, None] - x[None, [0, 3]])

    solution = p_median(distance, np.ones(5), p=2)

    assert solution.selected.tolist() == [1, 0]
    assert solution.gains.tolist() == [3.0, 2.0]


def test_it_returns_the_quick_answer_with_its_gap_when_out_of_time():
    solution = maximal_covering(TRAP, TRAP_WEIGHTS, k=2, time_limit=1e-9)

    assert solution.objective == 5.5  # greedy, no time for swaps or HiGHS
    assert solution.bound == 7.0  # 5.5 plus the best two gains still open (1.5 and 0)
    assert solution.gap == pytest.approx(1.5 / 7.0)
    assert not solution.optimal
    assert solution.method == "greedy+swap"
