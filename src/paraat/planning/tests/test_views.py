"""Planning pages per persona: overview, coverage and proposal pages, forms, exports, networks."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from paraat.core.constants import JobStatus
from paraat.core.models import Job
from paraat.planning import services
from paraat.planning.constants import OptimisationModel
from paraat.planning.models import CoverageRun, OptimisationRun
from paraat.planning.tests.planning_setup import Plan
from paraat.testing.jobs import run_queued_jobs
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def runs(cast: Cast, plan: Plan) -> tuple[CoverageRun, OptimisationRun]:
    coverage = services.run_coverage(region=cast.region, user=cast.rianne)
    proposal = services.run_optimisation(
        region=cast.region, model=OptimisationModel.MCLP, k=1, time_limit=5
    )
    return coverage, proposal


def _pages(runs: tuple[CoverageRun, OptimisationRun]) -> list[str]:
    coverage, proposal = runs
    return [
        reverse("planning:overview"),
        reverse("planning:coverage", args=[coverage.pk]),
        reverse("planning:coverage", args=[coverage.pk]) + "?map=cells",
        reverse("planning:optimisation", args=[proposal.pk]),
        reverse("planning:coverage-report", args=[coverage.pk]),
        reverse("planning:optimisation-report", args=[proposal.pk]),
        reverse("planning:networks"),
    ]


@pytest.mark.parametrize("who", ["rianne", "olaf", "kees"])
def test_it_shows_every_page_to_readers(cast: Cast, runs: Any, who: str) -> None:
    client = _client(getattr(cast, who))
    for url in _pages(runs):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["pim", "cas"])
def test_it_refuses_every_page_to_others(cast: Cast, runs: Any, who: str) -> None:
    client = _client(getattr(cast, who))
    for url in _pages(runs):
        assert client.get(url).status_code == 403, url


def test_it_shows_another_region_nothing_of_ours(cast: Cast, runs: Any) -> None:
    client = _client(cast.xander)
    overview = client.get(reverse("planning:overview"))
    assert overview.context["coverage_runs"] == [] and overview.context["optimisation_runs"] == []
    for url in _pages(runs)[1:6]:
        assert client.get(url).status_code == 404, url


def test_it_sends_residents_to_the_login(runs: Any) -> None:
    response = Client().get(reverse("planning:overview"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_hides_another_municipalitys_run_from_an_officer(cast: Cast, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, municipality=cast.oss)
    assert _client(cast.vera).get(reverse("planning:coverage", args=[run.pk])).status_code == 403
    assert _client(cast.olaf).get(reverse("planning:coverage", args=[run.pk])).status_code == 200


def test_it_lists_runs_in_a_fixed_number_of_queries(
    cast: Cast, plan: Plan, django_assert_num_queries: Any
) -> None:
    services.run_coverage(region=cast.region, user=cast.rianne)
    client = _client(cast.rianne)
    client.get(reverse("planning:overview"))
    # session, user, region, the two run lists (without figures), the latest run's figures.
    with django_assert_num_queries(6):
        client.get(reverse("planning:overview"))
    for threshold in (500, 800, 1200):
        services.run_coverage(region=cast.region, user=cast.rianne, threshold_m=threshold)
    services.run_optimisation(region=cast.region, model=OptimisationModel.MCLP, k=1)
    with django_assert_num_queries(6):
        response = client.get(reverse("planning:overview"))
    assert len(response.context["coverage_runs"]) == 4


def test_it_shows_the_explanation_map_and_tables(cast: Cast, runs: Any) -> None:
    coverage, _proposal = runs
    client = _client(cast.kees)
    response = client.get(reverse("planning:coverage", args=[coverage.pk]))
    text = response.content.decode()
    assert "1.460" in text and "2.500" in text  # Dutch thousands separator
    assert "<svg" in text and "Oost" in text and "Wijkcentrum" in text
    cells = client.get(reverse("planning:coverage", args=[coverage.pk]) + "?map=cells")
    assert cells.context["layer"] == "cells"


def test_it_runs_a_what_if_from_the_form(cast: Cast, plan: Plan) -> None:
    client = _client(cast.rianne)
    assert client.get(reverse("planning:coverage-new")).status_code == 200
    response = client.post(
        reverse("planning:coverage-new"),
        {
            "threshold_m": "1000",
            "weight": "residents",
            "capacity": "5000",
            "closed": ["OSS-01"],
            "added": ["KAN-01"],
        },
    )
    run = CoverageRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/coverage/{run.pk}/")
    assert run.closed == ["OSS-01"] and run.figures["covered"] == pytest.approx(500.0)


def test_it_shows_a_clear_error_and_stores_nothing(cast: Cast, plan: Plan) -> None:
    client = _client(cast.rianne)
    response = client.post(
        reverse("planning:coverage-new"),
        {"threshold_m": "0", "weight": "residents", "capacity": "5000"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["threshold_m"]
    response = client.post(
        reverse("planning:optimise-new"),
        {
            "model": "mclp",
            "k": "5",
            "threshold_m": "1000",
            "weight": "residents",
            "time_limit": "5",
        },
    )
    # More sites than candidates: the worker finds out, the job page says so.
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    run_queued_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "2" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "The job failed" in page or "mislukt" in page
    assert "only 2 candidate sites" in page or "2 kandidaat" in page
    assert not CoverageRun.objects.exists() and not OptimisationRun.objects.exists()


def test_it_lets_an_officer_run_only_for_his_municipality(cast: Cast, plan: Plan) -> None:
    client = _client(cast.olaf)
    data = {"threshold_m": "1000", "weight": "residents", "capacity": "5000"}
    assert (
        client.post(
            reverse("planning:coverage-new"), {**data, "municipality": "GM0865"}
        ).status_code
        == 400
    )
    assert (
        client.post(reverse("planning:coverage-new"), {**data, "municipality": ""}).status_code
        == 400
    )
    response = client.post(reverse("planning:coverage-new"), {**data, "municipality": "GM0828"})
    assert response.status_code == 302
    assert CoverageRun.objects.get().municipality == cast.oss
    assert _client(cast.kees).get(reverse("planning:coverage-new")).status_code == 403


def test_it_proposes_sites_from_the_form(cast: Cast, plan: Plan) -> None:
    response = _client(cast.rianne).post(
        reverse("planning:optimise-new"),
        {
            "model": "mclp",
            "k": "1",
            "threshold_m": "1000",
            "weight": "residents",
            "time_limit": "5",
        },
    )
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    assert not OptimisationRun.objects.exists()  # the request only queued it
    run_queued_jobs()
    run = OptimisationRun.objects.get()
    job_page = _client(cast.rianne).get(response["Location"]).content.decode()
    assert reverse("planning:optimisation", args=[run.pk]) in job_page
    page = (
        _client(cast.rianne).get(reverse("planning:optimisation", args=[run.pk])).content.decode()
    )
    assert "School Noord" in page and "500" in page


def test_it_exports_csv_geopackage_and_pdf(cast: Cast, runs: Any, tmp_path: Any) -> None:
    import pyogrio

    coverage, proposal = runs
    client = _client(cast.kees)
    url = reverse("planning:coverage-export", args=[coverage.pk, "csv"])
    text = client.get(url + "?table=areas").content.decode()
    assert text.startswith("\ufeff")  # Dutch Excel reads UTF-8 only after a BOM
    assert text.splitlines()[0].startswith("\ufeffcode;name;municipality;total;covered")
    assert "WK082802;Oost;GM0828;1000;460;540;0,46;" in text
    gpkg = client.get(reverse("planning:coverage-export", args=[coverage.pk, "gpkg"]))
    path = tmp_path / "dekking.gpkg"
    path.write_bytes(gpkg.content)
    assert {name for name, _kind in pyogrio.list_layers(path)} == {"gebieden", "vraagcellen"}
    pdf = client.get(reverse("planning:optimisation-export", args=[proposal.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    sites = client.get(
        reverse("planning:optimisation-export", args=[proposal.pk, "csv"])
    ).content.decode()
    assert "KAN-01;School Noord" in sites
    assert (
        client.get(reverse("planning:coverage-export", args=[coverage.pk, "xls"])).status_code
        == 404
    )


def test_it_exports_geojson_and_xlsx(cast: Cast, runs: Any) -> None:
    from io import BytesIO

    import shapely
    from openpyxl import load_workbook

    coverage, proposal = runs
    client = _client(cast.kees)
    response = client.get(reverse("planning:coverage-export", args=[coverage.pk, "geojson"]))
    assert response["Content-Type"] == "application/geo+json"
    areas = json.loads(response.content)
    east = next(f for f in areas["features"] if f["id"] == "WK082802")
    assert east["properties"]["covered"] == 460.0 and east["properties"]["share"] == 0.46
    assert all(
        shapely.LinearRing(f["geometry"]["coordinates"][0]).is_ccw for f in areas["features"]
    )
    sites = json.loads(
        client.get(reverse("planning:optimisation-export", args=[proposal.pk, "geojson"])).content
    )
    site = sites["features"][0]
    lon, lat = site["geometry"]["coordinates"]
    assert site["properties"]["code"] == "KAN-01" and 5 < lon < 6 and 51 < lat < 52
    book = load_workbook(
        BytesIO(client.get(reverse("planning:coverage-export", args=[coverage.pk, "xlsx"])).content)
    )
    assert book.sheetnames == ["municipalities", "areas", "points"]
    rows = list(book["areas"].values)
    assert rows[0][:5] == ("code", "name", "municipality", "total", "covered")
    assert ("WK082802", "Oost", "GM0828", 1000, 460) in [r[:5] for r in rows]


def test_it_imports_a_network_for_coordinators_only(
    cast: Cast, settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    body = (
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"footway"},'
        '"geometry":{"type":"LineString","coordinates":[[5.52,51.76],[5.53,51.77]]}}]}'
    )

    def upload() -> Any:
        return io.BytesIO(body.encode()), "paden.geojson"

    handle, name = upload()
    handle.name = name
    refused = _client(cast.olaf).post(
        reverse("planning:networks"), {"name": "Paden", "file": handle}
    )
    assert refused.status_code == 403
    handle, name = upload()
    handle.name = name
    response = _client(cast.rianne).post(
        reverse("planning:networks"), {"name": "Paden", "file": handle}
    )
    assert response.status_code == 302
    handle = io.BytesIO(body.replace("footway", "motorway").encode())
    handle.name = "snelweg.geojson"
    response = _client(cast.rianne).post(
        reverse("planning:networks"), {"name": "Snelweg", "file": handle}
    )
    assert response.status_code == 400
    assert "snelweg.geojson" in " ".join(response.context["form"].errors["file"])


def test_it_prints_reports_that_fit_the_page_with_the_map(
    cast: Cast, runs: Any, tmp_path: Any
) -> None:
    from paraat.testing import pdfcheck

    coverage, proposal = runs
    client = _client(cast.kees)
    for kind, run in (("coverage", coverage), ("optimisation", proposal)):
        pdf = client.get(reverse(f"planning:{kind}-export", args=[run.pk, "pdf"])).content
        problems = pdfcheck.layout_problems(
            pdf,
            page_label="pagina",
            every_page=["Paraat · Brabant-Noord", "Gegevens: bevolkingscijfers CBS"],
        )
        assert not problems, problems
        first = pdfcheck.page_texts(pdf)[0]
        # The map with its named municipality and its legend, on the first page.
        assert "Oss" in first and "minder dan 25% binnen bereik" in first
        assert pdfcheck.save_pages(pdf, tmp_path, kind)[0].stat().st_size > 10_000
        pdfcheck.keep_pictures(pdf, f"{kind}-report")
        import shutil

        shutil.copytree(tmp_path, "/tmp/pdfpng", dirs_exist_ok=True)
        html = client.get(reverse(f"planning:{kind}-report", args=[run.pk])).content.decode()
        assert "<svg" in html and ">Oss</text>" in html and "minder dan 25% binnen bereik" in html
