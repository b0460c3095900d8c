"""The timeline pages: chart and tables, decision links, what-if, downloads, print, figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from paraat.cascades.models import RegionalFigures
from paraat.cascades.tests.django_helpers import WATER, form_data, small_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def rianne(cast: Cast) -> Client:
    cache.clear()
    small_network(cast)
    client = Client()
    client.force_login(cast.rianne)
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def test_it_shows_chart_decision_points_and_tables(rianne: Client) -> None:
    page = _text(rianne.get("/outage-clock/?runs=200"))
    assert 'role="img" aria-labelledby="chart-caption"' in page
    assert "Besluitpunten" in page or "Decision points" in page
    assert page.count("<table") >= 4
    # Decision points link to the points concerned and to a what-if with the measure.
    assert 'href="/points/CO-02/"' in page
    assert "measures=fuel-72h-all-points" in page


def test_it_compares_timelines_side_by_side(rianne: Client) -> None:
    page = _text(rianne.get("/outage-clock/?runs=200&measures=generators-coordination-points"))
    assert 'aria-labelledby="baseline-caption"' in page
    assert 'aria-labelledby="chart-caption"' in page
    assert 'id="comparison"' in page
    # Coordination points get 72 h: the coordination decision point moves (8 h -> 72 h).
    assert "T+8u" in page and "T+3d" in page


def test_it_falls_back_to_the_default_on_bad_settings(rianne: Client) -> None:
    response = rianne.get("/outage-clock/?scenario=nope&runs=7")
    assert response.status_code == 200
    assert 'role="alert"' in _text(response)


@pytest.mark.parametrize(
    ("fmt", "start"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")]
)
def test_it_downloads_the_chart(rianne: Client, fmt: str, start: bytes) -> None:
    response = rianne.get(f"/outage-clock/chart.{fmt}?runs=200&weather=cold")
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert f'filename="tijdlijn-power-outage-nl.{fmt}"' in response["Content-Disposition"]


def test_it_refuses_an_unknown_format(rianne: Client) -> None:
    assert rianne.get("/outage-clock/chart.gif").status_code == 404


def test_it_has_a_print_view(rianne: Client) -> None:
    page = _text(rianne.get("/outage-clock/print/?runs=200"))
    assert "cascade-print" in page and "cascades.css" in page
    assert '<form method="get"' not in page


def test_it_saves_partner_figures_and_uses_them(rianne: Client, cast: Cast) -> None:
    data = form_data(**{k: str(v) for k, v in WATER.items()}, note="Brief Vitens")
    data["water_days_min"] = "6,5"  # a Dutch decimal comma
    response = rianne.post("/outage-clock/figures/", data)
    assert response.status_code == 302
    figures = RegionalFigures.objects.get(region=cast.region)
    assert figures.water_days_likely == 10.0 and figures.note == "Brief Vitens"
    assert figures.water_days_min == 6.5
    page = _text(rianne.get("/outage-clock/?runs=200"))
    assert "region-water" in page


def test_it_shows_clear_errors_and_stores_nothing(rianne: Client) -> None:
    data = form_data(water_days_min="7", water_days_likely="20", water_days_max="14")
    response = rianne.post("/outage-clock/figures/", data)
    assert response.status_code == 200
    page = _text(response)
    assert 'class="nl-form-error" id="id_water_days_likely_error"' in page
    assert 'class="nl-form-error" id="id_water_source_error"' in page
    assert not RegionalFigures.objects.exists()


def test_it_reports_bad_advanced_figures_with_the_field(rianne: Client) -> None:
    extra = "[services.grid.backup]\nmin = 1\nlikely = 2\nmax = 3\n"
    response = rianne.post("/outage-clock/figures/", form_data(extra_text=extra))
    page = _text(response)
    assert "services.grid.backup.source" in page
    response = rianne.post("/outage-clock/figures/", form_data(extra_text="[services"))
    assert 'id="id_extra_text_error"' in _text(response)
    assert not RegionalFigures.objects.exists()
