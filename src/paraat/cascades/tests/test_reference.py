"""The vectorised engine and the plain-Python time-stepped reference agree."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paraat.cascades.engine import load_scenario, parse_points, simulate
from paraat.cascades.engine.reference import reference_probabilities

MODEL = Path(__file__).parent / "data" / "hand-model.toml"
POINTS = parse_points(
    [
        {"code": f"P{i}", "name": f"Punt {i}", "tier": "local", "autonomy_hours": h}
        for i, h in enumerate([4, 72, None, 8, 20, 30, None, 0, 48, 12])
    ]
)


def test_it_matches_the_reference_exactly_on_likely_values():
    scenario = load_scenario("power-outage-nl")
    for weather in ("mild", "frost"):
        result = simulate(scenario, points=POINTS, runs=0, weather=weather)
        down, worse = reference_probabilities(scenario, points=POINTS, likely=True, weather=weather)
        assert np.array_equal(np.array(down), result.p_down)
        assert np.array_equal(np.array(worse), result.p_down + result.p_degraded)


def test_it_matches_the_reference_statistically_over_random_runs():
    scenario = load_scenario(MODEL)
    result = simulate(scenario, points=POINTS, runs=20000, seed=1)
    down, worse = reference_probabilities(scenario, points=POINTS, runs=800, seed=2)
    # 800 reference runs: one standard error is at most 0.018, so allow about four.
    for engine, reference in ((result.p_down, down), (result.p_down + result.p_degraded, worse)):
        difference = np.abs(np.array(reference) - engine)
        assert difference.max() < 0.08
        assert difference.mean() < 0.01
