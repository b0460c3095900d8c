"""The shipped long-power-outage scenario behaves as domain.md §3 describes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from paraat.cascades.engine import available_scenarios, load_scenario, simulate

# The Dutch of the tables and labels comes from Paraat's catalogue (conftest.py).
pytestmark = pytest.mark.usefixtures("catalogue_messages")

OVERRIDES = Path(__file__).resolve().parents[1] / "engine" / "scenarios" / "overrides"
VITENS = OVERRIDES / "example-vitens.toml"

# Ten points; sorted autonomy (unknown taken as the scenario's likely 0 h): 0, 8, 12, 20, 36, ...
POINTS = [
    {"code": "KZ-OSS", "name": "Kazerne Oss", "tier": "coordination", "autonomy_hours": 20},
    {"code": "KZ-UDEN", "name": "Kazerne Uden", "tier": "coordination", "autonomy_hours": 96},
    {"code": "BIB-OSS", "name": "Bibliotheek Oss", "tier": "local", "autonomy_hours": 12},
    {"code": "SH-UDEN", "name": "Sporthal Uden", "tier": "local", "autonomy_hours": 72},
    {"code": "KERK-VEGHEL", "name": "Kerk Veghel", "tier": "local", "autonomy_hours": None},
    {"code": "MFA-BOXTEL", "name": "MFA Boxtel", "tier": "local", "autonomy_hours": 100},
    {"code": "SCH-CUIJK", "name": "School Cuijk", "tier": "local", "autonomy_hours": 8},
    {"code": "BUURT-GRAVE", "name": "Buurthuis Grave", "tier": "local", "autonomy_hours": 36},
    {"code": "GEM-BERNHEZE", "name": "Gemeentehuis", "tier": "local", "autonomy_hours": 48},
    {"code": "KZ-VUGHT", "name": "Kazerne Vught", "tier": "coordination", "autonomy_hours": 72},
]


@pytest.fixture(scope="module")
def default_run():
    return simulate(load_scenario("power-outage-nl"), points=POINTS, runs=4000, seed=11)


def at(result, service_id: str, hours: float, kind: str = "down") -> float:
    index = int(np.searchsorted(result.times, hours - 1e-9))
    outcome = result.service(service_id)
    return float(outcome.p_down[index] if kind == "down" else outcome.p_at_least_degraded[index])


def test_it_uses_673_time_points_of_15_minutes_over_7_days(default_run):
    assert default_run.times.shape == (673,)
    assert default_run.times[1] == 0.25
    assert default_run.times[-1] == 168.0
    assert default_run.p_down.shape == (len(default_run.services), 673)


def test_it_takes_mobile_networks_down_with_high_probability_well_before_four_hours(default_run):
    assert at(default_run, "mobile", 1.0) < 0.2  # batteries bridge the first hour
    assert at(default_run, "mobile", 3.0) >= 0.8
    assert default_run.service("mobile").time_likely_down <= 2.5
    # 112 follows, because the internet-based landlines are already down at T0.
    assert at(default_run, "emergency_112", 3.0) >= 0.8
    assert at(default_run, "emergency_112", 0.25, "degraded") == 1.0


def test_it_fails_the_grid_dependent_services_at_t0(default_run):
    for service_id in ("grid", "fixed_telecom", "rail", "payments"):
        assert at(default_run, service_id, 0.0) == 1.0, service_id
    assert at(default_run, "heating", 0.0, "degraded") == 1.0
    assert at(default_run, "heating", 0.0) == 0.0


def test_it_keeps_drinking_water_for_days_when_the_water_company_says_so(default_run):
    with_vitens = simulate(
        load_scenario("power-outage-nl", overrides=VITENS), points=POINTS, runs=4000, seed=11
    )
    for service_id in ("drinking_water_production", "drinking_water_pressure"):
        assert with_vitens.service(service_id).p_down.max() == 0.0
        assert with_vitens.service(service_id).time_likely_down is None
    # Without the regional figure the national default runs out within the week.
    assert default_run.service("drinking_water_pressure").time_likely_down < 120
    assert at(default_run, "drinking_water_pressure", 168) > 0.5
    # High floors lose water at T0 either way (booster pumps), hence emergency water by T+24h.
    assert with_vitens.decision("emergency-water").hours == 24.0


def test_it_derives_the_decision_points_of_the_issue(default_run):
    points_open = default_run.decision("points-open")
    assert points_open is not None and points_open.hours <= 2.5
    assert "open en bemand" in points_open.text_nl
    assert points_open.points == tuple(p["code"] for p in POINTS)

    # 40% of 10 points = 4 points; by hand: unknown (0 h), 8 h, 12 h, 20 h -> T+20h.
    fuel = default_run.decision("points-fuel")
    assert fuel.hours == 20.0
    assert set(fuel.points) == {"KERK-VEGHEL", "SCH-CUIJK", "BIB-OSS", "KZ-OSS"}
    assert fuel.text_nl.startswith("Rond T+20u zit 40% van de noodsteunpunten (4 van 10)")
    assert "fuel-72h-all-points" in fuel.measures

    water = default_run.decision("emergency-water")
    assert water.hours == 24.0
    assert "3 liter per persoon per dag" in water.text_nl
    assert "drinking_water_pressure" in water.services

    unknown = default_run.decision("points-unknown-autonomy")
    assert unknown.hours == 0.0 and unknown.points == ("KERK-VEGHEL",)
    hours = [d.hours for d in default_run.decisions]
    assert hours == sorted(hours)


def test_it_writes_json_with_every_curve_and_source(default_run):
    data = json.loads(default_run.to_json())
    assert data["format"] == "paraat-cascade-run/1"
    assert data["settings"] == {
        "runs": 4000,
        "seed": 11,
        "weather": "mild",
        "measures": [],
        "horizon_hours": 168.0,
        "step_hours": 0.25,
    }
    mobile = next(s for s in data["services"] if s["id"] == "mobile")
    assert len(mobile["p_down"]) == 673 and len(data["times_hours"]) == 673
    assert all(
        f["sources"] and f["confidence"] in ("high", "medium", "low") for f in data["figures"]
    )
    assert {f["sources"][0] for f in data["figures"]} <= set(data["sources"])
    assert [d["id"] for d in data["decisions"]] == [d.id for d in default_run.decisions]


def test_it_makes_cold_weather_a_health_risk_sooner():
    scenario = load_scenario("power-outage-nl")
    mild = simulate(scenario, runs=1000, seed=2)
    cold = simulate(scenario, runs=1000, seed=2, weather="frost")
    assert cold.service("heating").time_likely_down < mild.service("heating").time_likely_down / 2
    assert cold.service("heating").severity > mild.service("heating").severity
    assert cold.decision("cold-homes").hours < mild.decision("cold-homes").hours


def test_it_ships_other_scenarios_as_data():
    assert {"power-outage-nl", "water-outage-nl", "payments-cyber-nl"} <= set(available_scenarios())
    water = simulate(load_scenario("water-outage-nl"), runs=500, seed=1)
    assert water.service("drinking_water_pressure").time_likely_down <= 12
    assert water.decision("emergency-water").hours >= 24
    cyber = simulate(load_scenario("payments-cyber-nl"), runs=500, seed=1)
    assert cyber.service("payments").likely_down_hours == 0.0
    assert cyber.service("food_retail").likely_degraded_hours == 0.0


def test_it_needs_no_django():
    code = "import sys, paraat.cascades.engine as e; e.simulate(e.load_scenario('power-outage-nl'), runs=10); print('django' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False"
