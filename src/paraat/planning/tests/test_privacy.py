"""Small counts of vulnerable residents never leak from a coverage run (issue 11).

Area C holds 7 Wmo clients (below the threshold of 10): no page, API call, CSV, GeoPackage,
PDF or command JSON of a run weighted by Wmo clients may show it, nor a share that gives it back.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pyogrio
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from paraat.planning import privacy, services
from paraat.planning.constants import Weight
from paraat.planning.models import CoverageRun
from paraat.planning.tests.planning_setup import Plan
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def wmo(cast: Cast, plan: Plan) -> CoverageRun:
    for area, count in ((plan.a, 120), (plan.c, 7), (plan.b, 30)):
        area.vulnerability = {"wmo_clients": count}
        area.save()
    return services.run_coverage(region=cast.region, user=cast.rianne, weight=Weight.WMO_CLIENTS)


def _area(rows: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(row for row in rows if row["code"] == code)


def test_it_stores_no_small_count_nor_a_share_made_of_one(wmo: CoverageRun) -> None:
    c = _area(wmo.figures["areas"], "WK082802")
    assert c["total"] is None and c["covered"] is None and c["share"] is None
    a = _area(wmo.figures["areas"], "WK082801")
    assert a["total"] == 120 and a["uncovered"] == 0 and a["share"] == 1.0
    assert all(row[2] is None or row[2] >= 10 for row in wmo.figures["cells"]["rows"]), (
        "a map block shows a small count"
    )


def test_it_keeps_small_counts_out_of_csv_api_and_geopackage(
    cast: Cast, wmo: CoverageRun, tmp_path: Any
) -> None:
    client = Client()
    client.force_login(cast.kees)  # a viewer
    csv = client.get(
        reverse("planning:coverage-export", args=[wmo.pk, "csv"]), {"table": "areas"}
    ).content.decode()
    row = next(line for line in csv.splitlines() if line.startswith("WK082802"))
    assert ";7" not in row and "7.0" not in row and ";3.2" not in row, row

    api = client.get(f"/api/v1/planning/coverage/{wmo.pk}/").json()
    assert _area(api["figures"]["areas"], "WK082802")["total"] is None

    gpkg = tmp_path / "run.gpkg"
    gpkg.write_bytes(client.get(reverse("planning:coverage-export", args=[wmo.pk, "gpkg"])).content)
    frame = pyogrio.read_dataframe(gpkg, layer="gebieden")
    values = frame[frame["code"] == "WK082802"].drop(columns="geometry").iloc[0].tolist()
    assert 7 not in values and 7.0 not in values, values

    for name in ("coverage", "coverage-report"):
        page = client.get(reverse(f"planning:{name}", args=[wmo.pk]))
        assert page.status_code == 200
    pdf = client.get(reverse("planning:coverage-export", args=[wmo.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_it_keeps_small_counts_out_of_the_command_json(cast: Cast, wmo: CoverageRun) -> None:
    out = StringIO()
    call_command(
        "coverage", "--json", "--region", cast.region.code, "--weight", "wmo_clients", stdout=out
    )
    data = json.loads(out.getvalue())
    assert _area(data["figures"]["areas"], "WK082802")["total"] is None


def test_it_leaves_resident_counts_alone() -> None:
    figures = {"total": 7, "covered": 3, "share": 0.43, "cells": {"rows": [[0, 0, 4, 2]]}}
    hidden = privacy.suppress_figures(figures, 10)
    assert hidden == {
        "total": None,
        "covered": None,
        "share": None,
        "cells": {"rows": [[0, 0, None, None]]},
    }
    assert privacy.suppress_figures({"total": 0, "covered": 0, "share": None}, 10)["total"] == 0


def test_it_explains_a_run_whose_counts_are_all_suppressed(cast: Cast, plan: Plan) -> None:
    for area in (plan.a, plan.b, plan.c):
        area.vulnerability = {"oxygen_at_home": 3}
        area.save()
    run = services.run_coverage(region=cast.region, weight=Weight.OXYGEN_AT_HOME)
    assert run.figures["total"] is None and run.summary["covered"] is None
    proposal = services.run_optimisation(
        region=cast.region, model="mclp", k=1, weight=Weight.OXYGEN_AT_HOME
    )
    assert proposal.residents_added is None
    client = Client()
    client.force_login(cast.rianne)
    assert client.get(reverse("planning:coverage", args=[run.pk])).status_code == 200
    assert client.get(reverse("planning:optimisation", args=[proposal.pk])).status_code == 200
    assert client.get(reverse("planning:overview")).status_code == 200
