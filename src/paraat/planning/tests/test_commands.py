"""`paraat coverage` and `paraat optimise`: JSON with the figures the pages show, clear errors."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from paraat.planning.models import CoverageRun, OptimisationRun
from paraat.planning.tests.planning_setup import COVERED, TOTAL, Plan

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_coverage_as_json_and_stores_the_run(cast: Any, plan: Plan) -> None:
    data = _run("coverage", "--json", "--region", cast.region.code)
    assert data["kind"] == "coverage"
    assert data["figures"]["total"] == TOTAL
    assert data["figures"]["covered"] == pytest.approx(COVERED)
    assert data["parameters"]["threshold_m"] == 1000.0
    assert "1 km" in data["explanation"]
    assert CoverageRun.objects.filter(pk=data["id"]).exists()


def test_it_takes_threshold_and_weight(cast: Any, plan: Plan) -> None:
    data = _run(
        "coverage",
        "--json",
        "--region",
        cast.region.code,
        "--threshold",
        "400",
        "--weight",
        "age_65_plus",
        "--no-save",
    )
    assert data["id"] is None and not CoverageRun.objects.exists()
    assert data["parameters"]["weight"] == "age_65_plus"
    assert data["figures"]["total"] == 350.0
    # Within 400 m of the centre of A: cells with x² + y² <= 160,000. Per column |x| = 50, 150,
    # 250, 350 that allows |y| <= 396, 370, 312, 193: 8 + 8 + 6 + 4 cells, twice (x < 0 and x > 0):
    # 52 of A's 100 cells, with 2 residents aged 65+ each. C starts 550 m away: none.
    assert data["figures"]["covered"] == pytest.approx(52 * 2.0)


def test_it_prints_a_proposal_as_json(cast: Any, plan: Plan) -> None:
    data = _run(
        "optimise",
        "--model",
        "mclp",
        "--k",
        "2",
        "--json",
        "--region",
        cast.region.code,
        "--time-limit",
        "5",
    )
    assert data["kind"] == "optimisation"
    assert [s["code"] for s in data["figures"]["selected"]] == ["KAN-01", "KAN-02"]
    assert [s["adds"] for s in data["figures"]["selected"]] == [500.0, 460.0]
    assert data["figures"]["gap"] == 0.0
    assert OptimisationRun.objects.count() == 1


def test_it_explains_bad_input(cast: Any, plan: Plan) -> None:
    with pytest.raises(CommandError, match="meer dan 0 meter"):
        call_command("coverage", "--region", cast.region.code, "--threshold", "0")
    with pytest.raises(CommandError, match="maar 2 kandidaat-locaties"):
        call_command("optimise", "--region", cast.region.code, "--k", "5")
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("coverage", "--region", cast.region.code, "--network", "/nergens.osm.pbf")


@pytest.mark.parametrize("name", ["coverage", "optimise"])
def test_it_has_help(name: str) -> None:
    command = load_command_class("paraat.planning", name)
    text = command.create_parser("paraat", name).format_help()
    assert "--json" in text and "--threshold" in text and "--weight" in text


def test_it_stores_nothing_for_a_proposal_with_no_save(cast: Any, plan: Plan) -> None:
    data = _run(
        "optimise", "--model", "mclp", "--k", "1", "--json", "--region", cast.region.code,
        "--time-limit", "5", "--no-save",
    )  # fmt: skip
    assert data["id"] is None and data["created_at"]
    assert [s["code"] for s in data["figures"]["selected"]] == ["KAN-01"]
    assert not OptimisationRun.objects.exists()
