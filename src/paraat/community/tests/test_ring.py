"""The pure ranking against its plain Python reference."""

from __future__ import annotations

import random

from paraat.community import ring


def _data(n: int, seed: int):
    rnd = random.Random(seed)
    xs = [rnd.uniform(0, 20_000) for _ in range(n)]
    ys = [rnd.uniform(0, 20_000) for _ in range(n)]
    eligible = [rnd.random() < 0.3 for _ in range(n)]
    return xs, ys, eligible


def test_it_orders_the_first_ring_like_the_plain_python_reference():
    xs, ys, eligible = _data(5_000, 1)
    order, distances = ring.first_ring(xs, ys, eligible, (10_000, 10_000), 2_000, 25)
    expected = ring.first_ring_baseline(xs, ys, eligible, (10_000, 10_000), 2_000, 25)
    assert [int(i) for i in order] == [i for i, _ in expected]
    assert [round(float(d), 6) for d in distances] == [round(d, 6) for _, d in expected]
    assert len(order) == 25


def test_it_keeps_to_the_radius_and_skips_the_ineligible_and_excluded():
    xs = [0.0, 100.0, 200.0, 300.0, 5_000.0]
    ys = [0.0] * 5
    order, distances = ring.first_ring(
        xs,
        ys,
        [True, False, True, True, True],
        (0, 0),
        1_000,
        10,
        exclude=[False, False, False, True, False],
    )
    assert order.tolist() == [0, 2]
    assert distances.tolist() == [0.0, 200.0]


def test_it_breaks_ties_by_index_and_returns_nothing_for_no_room():
    order, _ = ring.first_ring([5.0, -5.0, 5.0], [0.0, 0.0, 0.0], [True] * 3, (0, 0), 10, 3)
    assert order.tolist() == [0, 1, 2]
    assert ring.first_ring([1.0], [1.0], [True], (0, 0), 10, 0)[0].size == 0
