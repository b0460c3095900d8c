"""Monte Carlo runs are reproducible from their seed, and only from their seed."""

from __future__ import annotations

import numpy as np

from paraat.cascades.engine import load_scenario, simulate

POINTS = [
    {"code": "P1", "name": "Een", "tier": "coordination", "autonomy_hours": None},
    {"code": "P2", "name": "Twee", "tier": "local", "autonomy_hours": 10},
]


def run(seed, runs=500):
    return simulate(load_scenario("power-outage-nl"), points=POINTS, runs=runs, seed=seed)


def test_it_gives_identical_results_for_the_same_seed():
    first, second = run(7), run(7)
    assert np.array_equal(first.p_down, second.p_down)
    assert np.array_equal(first.p_degraded, second.p_degraded)
    assert first.to_json() == second.to_json()


def test_it_gives_different_monte_carlo_output_for_different_seeds():
    first, second = run(7), run(8)
    assert not np.array_equal(first.p_down, second.p_down)
    assert first.service("mobile").down_quantiles != second.service("mobile").down_quantiles
    # The run on likely values does not depend on the seed.
    assert [s.likely_down_hours for s in first.services] == [
        s.likely_down_hours for s in second.services
    ]


def test_it_records_a_fresh_seed_that_reproduces_the_run():
    unseeded = run(None, runs=200)
    assert isinstance(unseeded.seed, int)
    assert np.array_equal(run(unseeded.seed, runs=200).p_down, unseeded.p_down)


def test_it_keeps_other_services_draws_when_one_figure_changes():
    override = {
        "services": {
            "heating": {
                "backup": {
                    "min": 1,
                    "likely": 2,
                    "max": 3,
                    "source": "paraat-assumption",
                    "confidence": "low",
                }
            }
        }
    }
    base = run(3)
    changed = simulate(
        load_scenario("power-outage-nl", overrides=override), points=POINTS, runs=500, seed=3
    )
    for outcome in base.services:
        same = np.array_equal(outcome.p_down, changed.service(outcome.id).p_down)
        assert same == (outcome.id != "heating"), outcome.id
