"""The planning services against the database: the hand-computable case end to end, what-ifs,
optimisation, networks, and bad input that must leave nothing behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from paraat.planning import explain, services
from paraat.planning.constants import DistanceKind, OptimisationModel
from paraat.planning.models import CoverageRun, OptimisationRun, WalkingNetwork
from paraat.planning.tests.planning_setup import COVERED, TOTAL, Plan

pytestmark = pytest.mark.django_db


def test_it_stores_a_dated_coverage_run_with_the_exact_figures(cast: Any, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, user=cast.rianne)
    run.refresh_from_db()
    assert run.created_by == cast.rianne
    assert run.area_kind == "wijk"
    assert run.distance_kind == DistanceKind.STRAIGHT
    assert run.figures["total"] == TOTAL
    assert run.figures["covered"] == pytest.approx(COVERED)
    assert run.figures["covered_norm"] == pytest.approx(COVERED)  # P1 meets the norm
    areas = {row["code"]: row["covered"] for row in run.figures["areas"]}
    assert areas == {"WK082801": 1000.0, "WK082802": 460.0, "WK082803": 0.0}
    assert run.figures["points"][0]["critical"] == pytest.approx(COVERED)
    assert [m["name"] for m in run.figures["municipalities"]] == ["Oss"]


def test_it_counts_65_plus_when_asked(cast: Any, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, weight="age_65_plus")
    assert run.figures["total"] == 350.0
    assert run.figures["covered"] == pytest.approx(200 + 46)  # 1 per cell in C


def test_it_runs_a_what_if_without_changing_points(cast: Any, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, closed=["oss-01"], added=["KAN-01"])
    assert run.is_what_if
    assert run.closed == ["OSS-01"] and run.added == ["KAN-01"]
    assert run.figures["covered"] == pytest.approx(500.0)
    plan.p1.refresh_from_db()
    assert plan.p1.is_active


def test_it_refuses_a_threshold_of_zero_and_stores_nothing(cast: Any, plan: Plan) -> None:
    with pytest.raises(ValidationError) as error:
        services.run_coverage(region=cast.region, threshold_m=0)
    assert "threshold_m" in error.value.message_dict
    assert not CoverageRun.objects.exists()


def test_it_refuses_areas_without_population(cast: Any, plan: Plan) -> None:
    from paraat.areas.models import Area

    Area.objects.update(population=None)
    with pytest.raises(ValidationError) as error:
        services.run_coverage(region=cast.region)
    assert "area_kind" in error.value.message_dict or "weight" in error.value.message_dict
    assert not CoverageRun.objects.exists()


def test_it_refuses_unknown_what_if_codes(cast: Any, plan: Plan) -> None:
    with pytest.raises(ValidationError) as error:
        services.run_coverage(region=cast.region, added=["OSS-01"])
    assert "added" in error.value.message_dict


def test_it_proposes_the_site_that_adds_most(cast: Any, plan: Plan) -> None:
    run = services.run_optimisation(
        region=cast.region, model=OptimisationModel.MCLP, k=1, time_limit=5
    )
    figures = run.figures
    assert [s["code"] for s in figures["selected"]] == ["KAN-01"]
    assert figures["selected"][0]["adds"] == pytest.approx(500.0)
    assert figures["before"]["covered"] == pytest.approx(COVERED)
    assert figures["after"]["covered"] == pytest.approx(COVERED + 500)
    assert figures["optimal"] is True and figures["gap"] == 0.0
    assert explain.for_run(run) == (
        "Met deze locatie erbij wonen 500 inwoners meer binnen 1 km. Het grootste gat dat "
        "overblijft is wijk Oost, met 540 inwoners buiten bereik."
    )


def test_it_finds_the_fewest_sites_for_a_target(cast: Any, plan: Plan) -> None:
    run = services.run_optimisation(
        region=cast.region, model=OptimisationModel.LSCP, target=1.0 * (COVERED + 960) / TOTAL
    )
    assert sorted(s["code"] for s in run.figures["selected"]) == ["KAN-01", "KAN-02"]


def test_it_explains_an_unreachable_target(cast: Any, plan: Plan) -> None:
    # At most (1,000 + 460 + 500 + 460) / 2,500 = 96.8% can be reached with both candidates.
    with pytest.raises(ValidationError) as error:
        services.run_optimisation(region=cast.region, model=OptimisationModel.LSCP, target=1.0)
    assert "niet haalbaar" in " ".join(error.value.message_dict["target"])
    assert not OptimisationRun.objects.exists()


@pytest.mark.parametrize("model", [OptimisationModel.PMEDIAN, OptimisationModel.PCENTER])
def test_it_runs_the_distance_models(cast: Any, plan: Plan, model: str) -> None:
    run = services.run_optimisation(region=cast.region, model=model, k=1, time_limit=5)
    after = run.figures["distance_after"]
    before = run.figures["distance_before"]
    assert after["longest_m"] < before["longest_m"]


def test_it_refuses_more_sites_than_candidates(cast: Any, plan: Plan) -> None:
    with pytest.raises(ValidationError) as error:
        services.run_optimisation(region=cast.region, model=OptimisationModel.MCLP, k=3)
    assert "maar 2 kandidaat-locaties" in " ".join(error.value.message_dict["k"])
    assert not OptimisationRun.objects.exists()


def test_it_refuses_a_network_without_walkable_ways(
    cast: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    empty = tmp_path / "leeg.geojson"
    empty.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"motorway"},'
        '"geometry":{"type":"LineString","coordinates":[[5.3,51.7],[5.31,51.71]]}}]}'
    )
    with pytest.raises(ValidationError) as error:
        services.import_network(region=cast.region, path=empty)
    assert "leeg.geojson" in " ".join(error.value.message_dict["file"])
    assert not WalkingNetwork.objects.exists()
    assert not (tmp_path / "planning").exists() or not any((tmp_path / "planning").rglob("*.npz"))


def test_it_uses_a_registered_walking_network(
    cast: Any, plan: Plan, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    lines = tmp_path / "straten.geojson"
    # One straight street through the middle of A and C, west to east (RD New).
    lines.write_text(
        '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},'
        '"features":[{"type":"Feature","properties":{"highway":"residential"},'
        f'"geometry":{{"type":"LineString","coordinates":[[{163000},{419000}],[{166500},{419000}]]}}}}]}}'
    )
    network = services.import_network(region=cast.region, path=lines, name="Straten")
    assert network.n_edges > 0 and network.full_path.is_file()
    run = services.run_coverage(region=cast.region, network=network)
    assert run.distance_kind == DistanceKind.WALKING
    # Walking is never shorter than the straight line.
    assert 0 < run.figures["covered"] <= COVERED


def test_it_registers_a_real_osm_extract(cast: Any, tmp_path: Path, settings: Any) -> None:
    from paraat.geo.tests.test_network_osm import helsinki

    settings.DATA_DIR = tmp_path
    network = services.import_network(region=cast.region, path=helsinki(), user=cast.rianne)
    assert network.source_name == "Helsinki.osm.pbf" and network.n_edges > 5_000
    assert network.full_path.is_file() and network.full_path.is_relative_to(tmp_path)
    assert network.created_by == cast.rianne


def test_it_says_when_the_layer_covers_only_part_of_the_region(cast: Any, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region)
    assert run.figures["layer_complete"] is False
    assert any("Vught" in note and "1 " in note for note in run.figures["notes"])
    page = _page(cast, run)
    assert "Vught" in page


def test_it_prefers_a_coarser_layer_that_covers_the_whole_region(cast: Any, plan: Plan) -> None:
    from paraat.areas.constants import AreaKind
    from paraat.testing import factories
    from paraat.testing.geometry import OSS_RD, VUGHT_RD

    for municipality, centre, code in (
        (cast.oss, OSS_RD, "PC5341"),
        (cast.vught, VUGHT_RD, "PC5261"),
    ):
        factories.AreaFactory(
            municipality=municipality,
            kind=AreaKind.PC4,
            code=code,
            centre_rd=centre,
            size_m=9_000,
            population=10_000,
        )
    run = services.run_coverage(region=cast.region)
    assert run.area_kind == AreaKind.PC4  # the wijken cover only Oss
    assert run.figures["layer_complete"] is True
    assert run.figures["notes"] == []
    assert run.figures["share"] < 0.5  # the 100% of a partial layer would hide Vught
    partial = services.run_coverage(region=cast.region, area_kind=AreaKind.WIJK)
    assert partial.figures["layer_complete"] is False


def test_it_flags_a_layer_that_holds_too_few_of_the_residents(cast: Any, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, municipality=cast.oss)
    assert run.figures["layer_complete"] is False  # 2,500 of Oss' 10,000 residents
    assert any("25%" in note for note in run.figures["notes"])


def _page(cast: Any, run: CoverageRun) -> str:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(cast.kees)
    return client.get(reverse("planning:coverage", args=[run.pk])).content.decode()
