"""The result cache: one simulation per set of inputs, a fresh one when any input changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from paraat.cascades import engine, runs, services
from paraat.cascades.tests.django_helpers import WATER, set_fuel, small_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

SETTINGS = runs.RunSettings(runs=100, seed=1)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    cache.clear()
    made: list[int] = []
    real = engine.simulate

    def counting(*args: Any, **kwargs: Any) -> engine.Result:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(runs.engine, "simulate", counting)
    return made


def test_it_simulates_once_for_the_same_inputs(cast: Cast, calls: list[int]) -> None:
    small_network(cast)
    first = runs.run(cast.region, SETTINGS)
    second = runs.run(cast.region, SETTINGS)
    assert len(calls) == 1
    assert first.to_json() == second.to_json()


def test_it_simulates_again_when_an_input_changes(cast: Cast, calls: list[int]) -> None:
    points = small_network(cast)
    runs.run(cast.region, SETTINGS)
    set_fuel(points[0], 10.0)
    runs.run(cast.region, SETTINGS)
    services.save_regional_figures(region=cast.region, data=WATER)
    runs.run(cast.region, SETTINGS)
    runs.run(cast.region, runs.RunSettings(runs=100, seed=2))
    runs.run(cast.region, runs.RunSettings(runs=100, seed=1, measures=("fuel-72h-all-points",)))
    assert len(calls) == 5


def test_it_draws_a_chart_once(
    cast: Cast, calls: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    real = engine.render

    def counting(result: engine.Result, path: Any, *, lang: str = "nl") -> Any:
        drawn.append(str(path))
        return real(result, path, lang=lang)

    monkeypatch.setattr(runs.engine, "render", counting)
    prepared = runs.prepare(cast.region, SETTINGS)
    svg = runs.inline_svg(prepared, "nl", "cap")
    assert svg.startswith('<svg role="img" aria-labelledby="cap" ')
    runs.inline_svg(prepared, "nl", "cap")
    assert len(drawn) == 1
