"""Issue 7, "done when": one partner figure or one point's fuel stock changes the timeline and
the decision points, on a small network whose numbers can be checked by hand.

The network (django_helpers.small_network): generators burning 2 l/h, so
CO-01 96 l = 48 h, CO-02 16 l = 8 h, LO-01 48 l = 24 h, LO-02 8 l = 4 h of power.
The grid fails at T0, so a point runs dry at its autonomy:
- "40% of the points out of power" is the 2nd of 4 points (ceil(0.4 x 4) = 2): sorted
  4, 8, 24, 48 h -> T+8h;
- "half of the coordination points" is the 1st of 2: 8, 48 h -> T+8h.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from paraat.cascades import services
from paraat.cascades.runs import RunSettings, run
from paraat.cascades.tests.django_helpers import MASTS, WATER, set_fuel, small_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

SETTINGS = RunSettings(runs=200, seed=7)


def _decision(result, rule_id: str):  # type: ignore[no-untyped-def]
    decision = result.decision(rule_id)
    assert decision is not None, rule_id
    return decision


def test_it_reads_the_points_fuel_from_the_registry(cast: Cast) -> None:
    small_network(cast)
    result = run(cast.region, SETTINGS)
    assert {p.code: p.autonomy_hours for p in result.points} == {
        "CO-01": 48.0,
        "CO-02": 8.0,
        "LO-01": 24.0,
        "LO-02": 4.0,
    }
    fuel = _decision(result, "points-fuel")
    assert fuel.hours == pytest.approx(8.0)
    assert "(2 van 4)" in fuel.text_nl
    assert _decision(result, "coordination-points-fuel").hours == pytest.approx(8.0)


def test_it_moves_decision_points_when_one_points_fuel_changes(cast: Cast) -> None:
    points = small_network(cast)
    before = run(cast.region, SETTINGS)
    set_fuel(points[1], 80.0)  # CO-02: 8 h -> 40 h
    after = run(cast.region, SETTINGS)
    # Points: 4, 24, 40, 48 h -> the 2nd runs dry at T+24h; coordination: 40, 48 -> T+40h.
    assert _decision(after, "points-fuel").hours == pytest.approx(24.0)
    assert _decision(after, "coordination-points-fuel").hours == pytest.approx(40.0)
    assert _decision(before, "points-fuel").hours == pytest.approx(8.0)
    timeline_before = before.service("noodsteunpunten").p_down
    timeline_after = after.service("noodsteunpunten").p_down
    assert (timeline_before != timeline_after).any()


def test_it_changes_the_timeline_when_the_water_company_figure_changes(cast: Cast) -> None:
    small_network(cast)
    national = run(cast.region, SETTINGS)
    services.save_regional_figures(region=cast.region, data=WATER, user=cast.rianne)
    regional = run(cast.region, SETTINGS)
    water_national = national.service("drinking_water_production")
    water_regional = regional.service("drinking_water_production")
    # National likely value 48 h; Vitens says 10 days (7 to 14): not down within the week.
    assert water_national.likely_down_hours == pytest.approx(48.0)
    assert water_regional.likely_down_hours is None
    assert water_regional.p_down[-1] == 0.0
    assert water_national.time_likely_down is not None
    pressure = regional.service("drinking_water_pressure")
    assert pressure.time_likely_down is None  # the tap keeps running all week
    overridden = dict(regional.scenario.overridden)
    assert overridden["services.drinking_water_production.backup.likely"] == (
        f"overrides[0] (regio {cast.region.name})"
    )


def test_it_moves_decision_points_when_the_mast_figure_changes(cast: Cast) -> None:
    small_network(cast)
    national = run(cast.region, SETTINGS)
    services.save_regional_figures(region=cast.region, data=MASTS, user=cast.rianne)
    regional = run(cast.region, SETTINGS)
    # Half the masts must fail for "down"; with 60% on 4-8-24 h backup that takes hours longer.
    before = _decision(national, "points-open").hours
    after = _decision(regional, "points-open").hours
    assert before < 4.0 < after
    assert (
        _decision(regional, "emergency-reports").hours
        > _decision(national, "emergency-reports").hours
    )
    assert regional.service("mobile").time_likely_down == pytest.approx(after)


def test_it_runs_the_command_with_the_regions_figures(cast: Cast, capsys) -> None:  # type: ignore[no-untyped-def]
    small_network(cast)
    services.save_regional_figures(region=cast.region, data=WATER)
    call_command(
        "cascade", "run", "--json", "--runs", "100", "--seed", "3", "--region", cast.region.code
    )
    data = json.loads(capsys.readouterr().out)
    assert data["region"]["figures_version"] == 1 and data["region"]["points"] == 4
    water = next(s for s in data["services"] if s["id"] == "drinking_water_production")
    assert water["likely_down_hours"] is None
