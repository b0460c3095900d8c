"""The read API for geography: token auth, scope per region, OpenAPI document."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from paraat.testing import factories
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _api(user: object) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def test_it_lists_municipalities_of_the_users_region_only(cast: Cast) -> None:
    factories.MunicipalityFactory(
        region=factories.RegionFactory(code="VR99"), code="GM0001", name="Elders"
    )
    data = _api(cast.kees).get("/api/v1/municipalities/").json()
    assert sorted(m["code"] for m in data["results"]) == ["GM0828", "GM0865"]
    assert _api(cast.xander).get("/api/v1/municipalities/").json()["results"][0]["code"] == "GM0001"


def test_it_filters_areas_and_suppresses_small_counts(cast: Cast) -> None:
    factories.AreaFactory(municipality=cast.oss, code="WK082801", age_75_plus=4)
    factories.AreaFactory(municipality=cast.vught, code="WK086501")
    data = _api(cast.kees).get("/api/v1/areas/?municipality=gm0828").json()
    assert [a["code"] for a in data["results"]] == ["WK082801"]
    assert data["results"][0]["population_shown"]["age_75_plus"] is None


def test_it_refuses_requests_without_a_token(cast: Cast) -> None:
    assert APIClient().get("/api/v1/areas/").status_code in (401, 403)


def test_it_serves_an_openapi_document() -> None:
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/v1/areas/" in response.json()["paths"]


def test_it_hides_counts_below_the_regions_raised_threshold_in_the_api(cast: Cast) -> None:
    factories.AreaFactory(municipality=cast.oss, code="WK082801", age_75_plus=30, age_65_plus=60)
    cast.region.small_count_threshold = 50
    cast.region.save(update_fields=["small_count_threshold"])
    area = _api(cast.kees).get("/api/v1/areas/?municipality=gm0828").json()["results"][0]
    assert area["population_shown"]["age_75_plus"] is None  # 30 < 50: hidden
    assert area["population_shown"]["age_65_plus"] == 60
    other = _api(cast.xander).get("/api/v1/municipalities/").json()["results"]
    assert all(m["code"] != "GM0828" for m in other)
