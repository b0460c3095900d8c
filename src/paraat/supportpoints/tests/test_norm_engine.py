"""The pure norm engine: power autonomy compares the generator's power with the point's need."""

from __future__ import annotations

import pytest

from paraat.supportpoints import norm_engine
from paraat.supportpoints.norm_engine import FAIL, PASS, UNKNOWN, PointFacts, Rule

# The reasons read in English here, with or without Django (docs/architecture.md).
pytestmark = pytest.mark.usefixtures("english_messages")


def _hours(**overrides: float | bool | None) -> tuple[float | None, str]:
    """Hours and the note as shown."""
    values: dict[str, float | bool | None] = {
        "generator_kw": 20.0,
        "mobile_generator_connection": False,
        "battery_kwh": None,
        "power_need_kw": 20.0,
        "fuel_litres": 400.0,
        "fuel_consumption_lph": 8.0,
    }
    values.update(overrides)
    hours, note = norm_engine.power_autonomy(**values)  # type: ignore[arg-type]
    return hours, str(note)


RULE = Rule(
    id="power_autonomy",
    check="power_autonomy_hours",
    tiers=("local",),
    default=True,
    source="",
    min=72,
)


def test_it_counts_the_fuel_of_a_generator_that_covers_the_need() -> None:
    assert _hours() == (50.0, "")
    assert _hours(generator_kw=25.0) == (50.0, "")


def test_it_does_not_count_a_generator_weaker_than_the_need() -> None:
    hours, note = _hours(generator_kw=5.0)
    assert hours == 0.0
    assert "5 kW" in note and "20 kW" in note


def test_it_still_counts_the_battery_next_to_a_weak_generator() -> None:
    hours, note = _hours(generator_kw=5.0, battery_kwh=40.0)
    assert hours == 2.0
    assert "5 kW" in note


def test_it_says_the_power_was_not_compared_when_the_need_is_not_known() -> None:
    hours, note = _hours(power_need_kw=None)
    assert hours == 50.0
    assert "power need unknown" in note
    assert _hours(power_need_kw=None, battery_kwh=10.0) == (
        None,
        "power need unknown, so battery time unknown",
    )


def test_it_gives_the_reason_in_the_outcome() -> None:
    hours, note = _hours(generator_kw=5.0, fuel_litres=4000.0)
    result, reason = norm_engine.evaluate(
        RULE, PointFacts(tier="local", power_hours=hours, power_note=note)
    )
    assert result == FAIL
    assert "5 kW" in str(reason) and "20 kW" in str(reason)
    hours, note = _hours(fuel_litres=800.0)
    assert (
        norm_engine.evaluate(RULE, PointFacts(tier="local", power_hours=hours, power_note=note))[0]
        == PASS
    )
    result, _reason = norm_engine.evaluate(RULE, PointFacts(tier="local", power_hours=None))
    assert result == UNKNOWN


def test_it_evaluates_every_check_a_profile_may_name() -> None:
    assert set(norm_engine._BY_CHECK) == norm_engine.CHECKS
