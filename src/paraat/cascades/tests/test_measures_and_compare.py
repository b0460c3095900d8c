"""What-if measures change the default scenario, and comparisons show what moved."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from paraat.cascades.engine import ScenarioError, compare, load_measures, load_scenario, simulate

MODEL = Path(__file__).parent / "data" / "hand-model.toml"
POINTS = [
    {"code": f"KZ-{i}", "name": f"Kazerne {i}", "tier": "coordination", "autonomy_hours": h}
    for i, h in enumerate([None, 4, 24])
] + [
    {"code": f"NSP-{i}", "name": f"Punt {i}", "tier": "local", "autonomy_hours": h}
    for i, h in enumerate([None, None, 6, 12, 48, 2, 0, 30])
]


def run(*measures):
    return simulate(
        load_scenario("power-outage-nl"), points=POINTS, runs=2000, seed=5, measures=measures
    )


def test_it_ships_measures_with_sources():
    measures = load_measures()
    assert {
        "generators-coordination-points",
        "fuel-72h-all-points",
        "priority-fuel-vital-partners",
        "mast-backup-extension",
        "crisis-organisation-power",
    } <= set(measures)
    assert all(m.sources and m.title_nl and m.title_en for m in measures.values())


def test_it_moves_the_points_fuel_decision_with_72_hours_of_fuel():
    before, after = run(), run("fuel-72h-all-points")
    assert before.decision("points-fuel").hours == 2.0  # 40% of 11: unknown x3 (0 h), 0 h, 2 h
    assert after.decision("points-fuel").hours == 72.0
    assert after.decision("points-unknown-autonomy") is None
    change = compare(before, after)
    moved = {d.id: d for d in change.moved_decisions}
    assert moved["points-fuel"].delta == 70.0
    assert moved["points-unknown-autonomy"].status == "removed"
    points = {s.id: s for s in change.services}["noodsteunpunten"]
    assert points.status == "later" and points.delta > 24


def test_it_moves_mobile_and_112_with_longer_mast_backup():
    before, after = run(), run("mast-backup-extension")
    change = {s.id: s for s in compare(before, after).services}
    assert change["mobile"].delta >= 1.0
    assert change["emergency_112"].delta == change["mobile"].delta
    assert change["drinking_water_production"].status == "same"
    assert after.decision("points-open").hours > before.decision("points-open").hours
    assert after.measures == ("mast-backup-extension",)
    assert any(
        field.startswith("services.mobile.backup.classes") for field, _ in after.scenario.overridden
    )


def test_it_keeps_hospitals_and_water_going_longer_with_priority_fuel():
    before, after = run(), run("priority-fuel-vital-partners")
    change = {s.id: s for s in compare(before, after).services}
    assert change["fuel"].status == "later"
    assert change["hospitals"].status in ("later", "no_longer_within")
    assert change["heating"].status == "same"


def test_it_summarises_a_comparison_in_dutch():
    lines = compare(run(), run("crisis-organisation-power")).summary("nl")
    assert any(line.startswith("Crisisorganisatie: T+") for line in lines)
    assert any(line.startswith("crisis-organisation:") for line in lines)


def test_it_refuses_unknown_measures_and_runs_on_different_time_grids(tmp_path):
    with pytest.raises(ScenarioError, match="unknown measure"):
        run("free-generators")
    data = tomllib.loads(MODEL.read_text(encoding="utf-8"))
    data["scenario"]["horizon_hours"] = 72
    short = tmp_path / "three-days.json"
    short.write_text(json.dumps(data), encoding="utf-8")
    three_days = simulate(load_scenario(short), runs=0)
    assert three_days.times.shape == (289,)
    with pytest.raises(ValueError, match="different time grids"):
        compare(simulate(load_scenario(MODEL), runs=0), three_days)
