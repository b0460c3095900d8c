"""The run as plain tables (for accessible HTML) and as exercise injects."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from paraat.cascades.engine import (
    decisions_table,
    effects_table,
    figures_table,
    format_offset,
    injects,
    load_scenario,
    simulate,
    timeline_table,
)

# The Dutch of the tables and labels comes from Paraat's catalogue (conftest.py).
pytestmark = pytest.mark.usefixtures("catalogue_messages")

MODEL = Path(__file__).parent / "data" / "hand-model.toml"
POINTS = [
    {"code": "A", "name": "Alpha", "tier": "coordination", "autonomy_hours": 4},
    {"code": "B", "name": "Bravo", "tier": "local", "autonomy_hours": 8},
]


@pytest.fixture(scope="module")
def hand():
    return simulate(load_scenario(MODEL), points=POINTS, runs=0)


def test_it_formats_offsets_in_dutch_and_english():
    assert format_offset(0) == "T0"
    assert format_offset(2.25) == "T+2u15"
    assert format_offset(20) == "T+20u"
    assert format_offset(36.5, "en") == "T+36h30"
    assert format_offset(59.75) == "T+2d 11u45"
    assert format_offset(72) == "T+3d"


def test_it_lays_out_the_timeline_as_rows_per_service(hand):
    table = timeline_table(hand, hours=(0, 12, 13, 168))
    assert table.header == [
        "Dienst",
        "Ernst",
        "T0",
        "T+12u",
        "T+13u",
        "T+7d",
        "Waarschijnlijk uitgevallen vanaf",
    ]
    rows = {row[0]: row for row in table.rows}
    assert list(rows) == ["Net", "Drinkwaterbedrijf", "Kraan", "Noodsteunpunten"]
    assert rows["Kraan"][2:] == [
        "verstoord 100%",
        "verstoord 100%",
        "uitgevallen 100%",
        "uitgevallen 100%",
        "T+13u",
    ]
    assert rows["Drinkwaterbedrijf"][2] == "werkt"
    english = timeline_table(hand, lang="en", hours=(0,))
    assert english.header[0] == "Service" and english.rows[2][2] == "degraded 100%"


def test_it_shows_probabilities_from_monte_carlo_in_cells():
    result = simulate(load_scenario(MODEL), points=POINTS, runs=2000, seed=3)
    row = next(r for r in timeline_table(result, hours=(12,)).rows if r[0] == "Drinkwaterbedrijf")
    down = result.service("water").p_down[48]
    assert row[2].startswith(f"uitgevallen {down * 100:.0f}%")
    assert 0.2 < down < 0.8


def test_it_lists_decisions_effects_and_figures(hand):
    decisions = decisions_table(hand)
    assert [row[0] for row in decisions.rows] == [format_offset(d.hours) for d in hand.decisions]
    assert decisions.rows[0][2] == "A"  # 40% of 2 points: the first to run out
    effects = effects_table(hand, lang="en")
    assert effects.rows == [["T+13h", "Tap", "down", "No tap water."]]
    figures = figures_table(hand)
    assert figures.rows[0][:4] == ["services.water.backup", "5 / 10 / 20", "test-fixture", "hoog"]


def test_it_turns_the_run_into_exercise_injects(hand):
    items = injects(hand)
    assert [i.offset for i in items] == sorted(i.offset for i in items)
    tap = next(i for i in items if i.kind == "effect")
    assert (tap.offset, tap.title, tap.message) == (
        timedelta(hours=13),
        "Kraan: uitgevallen",
        "Geen water uit de kraan.",
    )
    decisions = [i for i in items if i.kind == "decision"]
    assert [i.offset for i in decisions] == [timedelta(hours=d.hours) for d in hand.decisions]
    assert decisions[-1].title == "Besluitpunt T+37u"
    assert decisions[-1].message == "Vanaf T+37u is noodwater nodig."
    assert injects(hand, lang="en")[-1].message == "From T+37h emergency water is needed."


def test_it_makes_injects_for_the_default_scenario():
    result = simulate(load_scenario("power-outage-nl"), runs=500, seed=1)
    items = injects(result)
    titles = [i.title for i in items]
    assert "Mobiele netwerken: uitgevallen" in titles
    assert all(timedelta(0) <= i.offset <= timedelta(days=7) for i in items)
