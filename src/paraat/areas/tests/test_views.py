"""Region, municipality, area and import pages: content, access per persona and query counts."""

from __future__ import annotations

import json
import re

import pytest
import shapely
from django.test import Client
from django.urls import reverse

from paraat.areas.models import Area
from paraat.testing import factories, geometry
from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def areas(cast: Cast) -> list[Area]:
    return [
        factories.AreaFactory(
            municipality=cast.oss,
            code="WK082801",
            name="Oss-Centrum",
            population=4000,
            age_65_plus=900,
            vulnerability={"wmo_clients": 7},
        ),
        factories.AreaFactory(
            municipality=cast.oss,
            code="WK082802",
            name="Oss-Noord",
            population=3000,
            centre_rd=(165_500, 419_000),
        ),
        factories.AreaFactory(
            municipality=cast.vught,
            code="WK086501",
            name="Vught-Centrum",
            population=5000,
            centre_rd=geometry.VUGHT_RD,
        ),
    ]


def test_it_shows_the_region_with_municipalities_population_and_map(
    cast: Cast, areas: list[Area]
) -> None:
    response = _client(cast.rianne).get(reverse("areas:region"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Oss" in body and "Vught" in body
    assert "20.000" in body  # 2 municipalities x 10,000 residents, Dutch grouping
    assert body.count('<path d="M') == 3 + 2  # one shape per wijk, each municipality outlined


def test_it_lists_the_region_with_a_fixed_number_of_queries(
    cast: Cast, areas: list[Area], django_assert_max_num_queries: object
) -> None:
    client = _client(cast.rianne)
    client.get(reverse("areas:region"))
    factories.AreaFactory(municipality=cast.oss, code="WK082803", centre_rd=(163_000, 420_000))
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        client.get(reverse("areas:region"))


def test_it_serves_geojson_with_small_counts_suppressed_in_constant_queries(
    cast: Cast, areas: list[Area], django_assert_num_queries: object
) -> None:
    client = _client(cast.kees)
    client.get(reverse("areas:areas-geojson") + "?kind=wijk")
    with django_assert_num_queries(4):  # type: ignore[operator]
        response = client.get(reverse("areas:areas-geojson") + "?kind=wijk")
    data = json.loads(response.content)
    assert len(data["features"]) == 3
    centrum = next(f for f in data["features"] if f["id"] == "WK082801")
    assert centrum["properties"]["vulnerability"] == {"wmo_clients": None}
    assert centrum["geometry"]["type"] == "Polygon"


def test_it_serves_area_polygons_with_the_right_hand_rule(cast: Cast, areas: list[Area]) -> None:
    clockwise = areas[0]
    ring = clockwise.geometry["coordinates"][0]
    clockwise.geometry = {"type": "Polygon", "coordinates": [list(reversed(ring))]}
    clockwise.save(update_fields=["geometry"])
    response = _client(cast.kees).get(reverse("areas:areas-geojson") + "?kind=wijk")
    for feature in json.loads(response.content)["features"]:
        outer = feature["geometry"]["coordinates"][0]
        assert shapely.LinearRing(outer).is_ccw, feature["id"]


def test_it_shows_a_municipality_and_an_area_page(cast: Cast, areas: list[Area]) -> None:
    client = _client(cast.olaf)
    assert (
        "Oss-Centrum" in client.get(reverse("areas:municipality", args=["GM0828"])).content.decode()
    )
    page = client.get(reverse("areas:area", args=["wijk", "WK082801"])).content.decode()
    assert (
        "4.000" in page
        and "fewer than the privacy threshold" not in page.lower()
        or "privacy" in page
    )


def test_it_sends_an_anonymous_visitor_to_the_login_page(cast: Cast) -> None:
    response = Client().get(reverse("areas:region"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_it_hides_another_region_from_its_users(cast: Cast, areas: list[Area]) -> None:
    client = _client(cast.xander)
    assert client.get(reverse("areas:municipality", args=["GM0828"])).status_code == 403
    assert client.get(reverse("areas:area", args=["wijk", "WK082801"])).status_code == 403


def test_it_lets_only_the_region_coordinator_import(cast: Cast) -> None:
    assert _client(cast.rianne).get(reverse("areas:import")).status_code == 200
    for persona in (cast.olaf, cast.cas, cast.kees, cast.pim):
        assert _client(persona).get(reverse("areas:import")).status_code == 403


def test_it_imports_an_upload_and_reports_bad_rows_on_the_page(cast: Cast) -> None:
    client = _client(cast.rianne)
    square = geometry.square_wgs84(164_000, 419_000, 1000).wkt
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile(
        "wijken.csv", f'wk_code;inwoners;wkt\nWK082801;veel;"{square}"\n'.encode()
    )
    response = client.post(reverse("areas:import"), {"file": bad})
    assert response.status_code == 400
    assert "wijken.csv, rij 2, veld &#x27;inwoners&#x27;" in response.content.decode()
    assert Area.objects.count() == 0
    good = SimpleUploadedFile(
        "wijken.csv", f'wk_code;inwoners;wkt\nWK082801;1.500;"{square}"\n'.encode()
    )
    response = client.post(reverse("areas:import"), {"file": good})
    assert response.status_code == 302
    assert Area.objects.get().population == 1500


def test_it_logs_in_with_the_form(cast: Cast) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "kees", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("areas:region")).status_code == 200


def test_it_shades_the_region_map_by_share_and_names_the_municipalities(
    cast: Cast, areas: list[Area]
) -> None:
    body = _client(cast.rianne).get(reverse("areas:region")).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    labels = svg[svg.index('class="paraat-map__labels"') :]
    assert ">Oss</text>" in labels and ">Vught</text>" in labels
    # By share aged 65+ by default: Oss-Centrum 22.5% is a class of its own in the legend.
    assert "Oss-Centrum (WK082801): 22,5%" in svg
    assert "%" in body[body.index('class="nl-map__legend"') :][:600]
    assert "<circle" not in svg


def test_it_draws_residents_as_circles_sized_by_their_number(cast: Cast, areas: list[Area]) -> None:
    body = _client(cast.rianne).get(reverse("areas:region") + "?metric=population").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    radii = {
        title: float(r)
        for r, title in re.findall(r'<circle [^>]*r="([\d.]+)"[^>]*><title>([^<]+)</title>', svg)
    }
    assert set(radii) == {
        "Oss-Centrum (WK082801): 4.000",
        "Oss-Noord (WK082802): 3.000",
        "Vught-Centrum (WK086501): 5.000",
    }
    # Area, not radius, is proportional: 3,000 residents get sqrt(3/5) of the largest radius.
    ratio = radii["Oss-Noord (WK082802): 3.000"] / radii["Vught-Centrum (WK086501): 5.000"]
    assert abs(ratio - (3 / 5) ** 0.5) < 0.05
    legend = body[body.index('class="nl-map__legend"') :][:2000]
    assert legend.count('class="nl-size"') == 3 and "5.000" in legend


def test_it_lists_a_municipal_officers_own_municipality_first(
    cast: Cast, areas: list[Area]
) -> None:
    vera = [
        m.code for m in _client(cast.vera).get(reverse("areas:region")).context["municipalities"]
    ]
    kees = [
        m.code for m in _client(cast.kees).get(reverse("areas:region")).context["municipalities"]
    ]
    assert vera == ["GM0865", "GM0828"] and kees == ["GM0828", "GM0865"]
