"""A model small enough to compute by hand: one partner figure or one point changes the outcome.

See data/hand-model.toml for the model and the expected times.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from paraat.cascades.engine import compare, load_scenario, simulate

# The Dutch of the tables and labels comes from Paraat's catalogue (conftest.py).
pytestmark = pytest.mark.usefixtures("catalogue_messages")

MODEL = Path(__file__).parent / "data" / "hand-model.toml"
POINTS: list[dict[str, Any]] = [
    {"code": "A", "name": "Alpha", "tier": "coordination", "autonomy_hours": 4},
    {"code": "B", "name": "Bravo", "tier": "local", "autonomy_hours": 8},
    {"code": "C", "name": "Charlie", "tier": "local", "autonomy_hours": None},  # unknown -> 2 h
    {"code": "D", "name": "Delta", "tier": "local", "autonomy_hours": 30},
    {"code": "E", "name": "Echo", "tier": "local", "autonomy_hours": 12},
]
LONGER_WATER = {
    "services": {
        "water": {
            "backup": {
                "min": 10,
                "likely": 20,
                "max": 30,
                "source": "test-fixture",
                "confidence": "high",
            }
        }
    }
}


def likely(overrides=None, points=POINTS):
    return simulate(load_scenario(MODEL, overrides=overrides), points=points, runs=0)


def test_it_computes_the_likely_times_by_hand():
    result = likely()
    assert result.service("grid").likely_down_hours == 0.0
    assert result.service("water").likely_down_hours == 10.0  # 0 + 10 h generator
    assert result.service("tap").likely_degraded_hours == 0.0  # degrades with the grid
    assert result.service("tap").likely_down_hours == 13.0  # 10 + 3 h buffer
    # Points sorted: C 2 h, A 4, B 8, E 12, D 30. Degraded at 20% (1st), down at 50% (3rd).
    assert result.service("points").likely_degraded_hours == 2.0
    assert result.service("points").likely_down_hours == 8.0
    assert [p.exhausted_at_hours for p in result.points] == [4.0, 8.0, 2.0, 30.0, 12.0]


def test_it_derives_hand_checked_decision_points():
    result = likely()
    assert result.decision("emergency-water").hours == 37.0  # 13 + 24
    fuel = result.decision("points-fuel")
    assert fuel.hours == 4.0  # 40% of 5 = 2 points: C at 2 h, A at 4 h
    assert fuel.points == ("A", "C")
    assert fuel.text_nl == "Rond T+4u zit 40% van de punten (2 van 5) zonder stroom."


def test_it_moves_the_timeline_when_a_partner_figure_changes():
    before, after = likely(), likely(overrides=LONGER_WATER)
    assert after.service("water").likely_down_hours == 20.0
    assert after.service("tap").likely_down_hours == 23.0
    assert after.decision("emergency-water").hours == 47.0
    tap_down = after.service("tap").p_down
    assert tap_down[int(22.75 * 4)] == 0.0 and tap_down[int(23 * 4)] == 1.0
    change = compare(before, after)
    by_id = {s.id: s for s in change.services}
    assert by_id["tap"].delta == 10.0 and by_id["water"].delta == 10.0
    assert by_id["points"].status == "same"
    moved = {d.id: d.delta for d in change.moved_decisions}
    assert moved == {"emergency-water": 10.0}


def test_it_moves_the_timeline_when_one_point_has_more_fuel():
    more_fuel = [dict(p, autonomy_hours=16) if p["code"] == "A" else p for p in POINTS]
    before, after = likely(), likely(points=more_fuel)
    # Sorted now: C 2, B 8, E 12, A 16, D 30.
    assert after.service("points").likely_down_hours == 12.0
    fuel = after.decision("points-fuel")
    assert fuel.hours == 8.0 and fuel.points == ("B", "C")
    change = compare(before, after)
    assert {s.id: s.delta for s in change.changed_services} == {"points": 4.0}
    moved = {d.id: d for d in change.moved_decisions}
    assert moved["points-fuel"].delta == 4.0
    assert moved["points-fuel"].points_before == ("A", "C")


def test_it_applies_measures_to_the_points():
    result = simulate(load_scenario(MODEL), points=POINTS, runs=0, measures=["fuel-72h-all-points"])
    assert [p.assumed_hours for p in result.points] == [72.0, 72.0, 72.0, 72.0, 72.0]
    assert result.service("points").likely_down_hours == 72.0
    assert result.decision("points-fuel").hours == 72.0
    only_coordination = simulate(
        load_scenario(MODEL), points=POINTS, runs=0, measures=["generators-coordination-points"]
    )
    assert [p.assumed_hours for p in only_coordination.points] == [72.0, 8.0, 2.0, 30.0, 12.0]


def test_it_uses_the_asset_classes_when_no_points_are_given():
    result = likely(points=[])
    assert result.service("points").likely_down_hours == 6.0
    assert result.points == () and result.decision("points-fuel") is None


def test_it_turns_ranges_into_probabilities_within_min_and_max():
    result = simulate(load_scenario(MODEL), points=POINTS, runs=3000, seed=4)
    water = result.service("water")
    times = result.times
    assert water.p_down[times < 5].max() == 0.0  # never before the minimum
    assert water.p_down[times >= 20].min() == 1.0  # always by the maximum
    low, mid, high = water.down_quantiles
    assert 5 < low < mid < high < 20
    assert 9.0 < mid < 12.0  # PERT(5, 10, 20) has its median near 10.8
    assert np.all(np.diff(water.p_down) >= 0)
    json.loads(result.to_json())


def test_it_lets_resupply_hold_a_backup_and_alternatives_hold_a_need(tmp_path):
    scenario = {
        "scenario": {"id": "t", "title_nl": "t", "title_en": "t", "initiating": {"grid": 0}},
        "sources": {"s": {"title": "fixture"}},
        "services": {
            "grid": {"name_nl": "net", "name_en": "grid"},
            "fuel": _needs_grid("fuel", 30),
            "hospital": dict(_needs_grid("hospital", 10), resupplied_by=["fuel"]),
            "mobile": _needs_grid("mobile", 2),
            "radio": _needs_grid("radio", 50),
            "call": {
                "name_nl": "bellen",
                "name_en": "call",
                "needs": [["mobile", "radio"]],
                "backup": {"kind": "none", "source": "s", "confidence": "high"},
            },
        },
    }
    path = tmp_path / "resupply.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    result = simulate(load_scenario(path), runs=0)
    assert result.service("hospital").likely_down_hours == 40.0  # refuelled until T+30h
    assert result.service("hospital").likely_degraded_hours == 40.0  # not degraded before
    assert result.service("call").likely_down_hours == 50.0  # needs both mobile and radio down


def _needs_grid(name: str, hours: float) -> dict:
    figure = {"min": hours, "likely": hours, "max": hours, "source": "s", "confidence": "high"}
    return {
        "name_nl": name,
        "name_en": name,
        "needs": ["grid"],
        "backup": {"kind": "stock", **figure},
    }
