"""The support point API: token authentication, the pages' access rules and the services' validation."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from paraat.supportpoints.constants import CommsKind, NormResult, Service, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing import geometry
from paraat.testing.api import invalid_names
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
URL = "/api/v1/support-points/"


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def _at(dx: float, dy: float, centre: tuple[float, float] = geometry.OSS_RD) -> dict[str, float]:
    lon, lat = geometry.point_wgs84(centre[0] + dx, centre[1] + dy)
    return {"lon": lon, "lat": lat}


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


def test_it_refuses_a_request_without_a_token(cast: Cast, net: Network) -> None:
    assert APIClient().get(URL).status_code in (401, 403)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(URL).status_code == 401


def test_it_lists_the_region_s_points_with_filters(cast: Cast, net: Network) -> None:
    client = _client(cast.kees)
    body = client.get(URL).json()
    assert body["count"] == 6
    codes = {row["code"] for row in client.get(URL, {"tier": "local"}).json()["results"]}
    assert codes == {"OSS-01", "OSS-02", "VUG-01"}
    vught = client.get(URL, {"municipality": "gm0865"}).json()["results"]
    assert {row["code"] for row in vught} == {"CP-VUGHT", "VUG-01"}
    passing = client.get(URL, {"norm": NormResult.PASS}).json()["results"]
    assert [row["code"] for row in passing] == ["OSS-01"]
    assert "contacts" not in passing[0]
    assert passing[0]["power_autonomy_hours"] == pytest.approx(100.0)
    assert passing[0]["coordination_point"] == "CP-OSS"
    assert _client(cast.xander).get(URL).json()["count"] == 0


def test_it_shows_a_point_and_its_assessment_with_the_reason(cast: Cast, net: Network) -> None:
    client = _client(cast.kees)
    point = client.get(f"{URL}oss-02/").json()
    assert point["municipality"] == "GM0828"
    assessment = client.get(f"{URL}OSS-02/assessment/").json()
    assert assessment["result"] == NormResult.FAIL
    power = next(o for o in assessment["outcomes"] if o["rule"] == "power_autonomy")
    assert power["result"] != "pass" and power["reason"]
    assert client.get(f"{URL}NOPE/").status_code == 404


def test_it_lets_the_oss_officer_register_and_change_an_oss_point(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    response = client.post(
        URL,
        {
            "code": "oss-09",
            "name": "Buurthuis Ruwaard",
            "tier": Tier.LOCAL,
            "lifecycle": "designated",
            "coordination_point": "CP-OSS",
            "services": [{"service": Service.DRINKING_WATER, "quantity": 150}],
            "comms": [CommsKind.RUNNER],
            **_at(500, 700),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "OSS-09" and body["municipality"] == "GM0828"
    assert body["comms"] == [CommsKind.RUNNER]
    assert body["services"][0]["quantity"] == 150
    changed = client.patch(f"{URL}OSS-09/", {"capacity": 120}, format="json")
    assert changed.status_code == 200 and changed.json()["capacity"] == 120


def test_it_refuses_the_oss_officer_a_vught_point(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    assert client.patch(f"{URL}VUG-01/", {"capacity": 1}, format="json").status_code == 403
    response = client.post(
        URL,
        {
            "code": "VUG-09",
            "name": "In Vught",
            "tier": "coordination",
            **_at(0, 0, geometry.VUGHT_RD),
        },
        format="json",
    )
    assert response.status_code == 400 and "lon" in invalid_names(response)
    # Moving an Oss point into Vught is refused too, and nothing changes.
    moved = client.patch(f"{URL}OSS-02/", _at(0, 0, geometry.VUGHT_RD), format="json")
    assert moved.status_code == 400
    assert SupportPoint.objects.get(code="OSS-02").municipality == cast.oss
    assert not SupportPoint.objects.filter(code="VUG-09").exists()


def test_it_lets_the_region_coordinator_change_points_everywhere(cast: Cast, net: Network) -> None:
    response = _client(cast.rianne).patch(f"{URL}VUG-01/", {"capacity": 80}, format="json")
    assert response.status_code == 200
    assert SupportPoint.objects.get(code="VUG-01").capacity == 80


def test_it_refuses_writes_to_viewers_and_crisis_operators(cast: Cast, net: Network) -> None:
    for user in (cast.kees, cast.cas, cast.pim):
        client = _client(user)
        assert client.patch(f"{URL}OSS-02/", {"capacity": 1}, format="json").status_code == 403
        assert (
            client.post(URL, {"code": "X", "name": "X", **_at(0, 0)}, format="json").status_code
            == 403
        )
    assert SupportPoint.objects.get(code="OSS-02").capacity is None


def test_it_returns_the_services_validation_errors_and_changes_nothing(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.rianne)
    duplicate = client.post(URL, {"code": "OSS-01", "name": "Dubbel", **_at(0, 0)}, format="json")
    assert duplicate.status_code == 400 and "code" in invalid_names(duplicate)
    outside = client.post(
        URL, {"code": "BE-1", "name": "Antwerpen", "lon": 4.4, "lat": 51.2}, format="json"
    )
    assert outside.status_code == 400 and "lon" in invalid_names(outside)
    orphan = client.post(
        URL, {"code": "OSS-10", "name": "Wees", "tier": "local", **_at(100, 100)}, format="json"
    )
    assert orphan.status_code == 400 and "coordination_point" in invalid_names(orphan)
    negative = client.patch(f"{URL}OSS-01/", {"fuel_litres": -5}, format="json")
    assert negative.status_code == 400
    assert SupportPoint.objects.count() == 6
    assert SupportPoint.objects.get(code="OSS-01").fuel_litres == 300


def test_it_changes_the_norm_result_through_the_api_when_fuel_runs_low(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.olaf)
    response = client.patch(f"{URL}OSS-01/", {"fuel_litres": 30}, format="json")
    assert response.json()["norm_result"] == NormResult.FAIL
    assert "power_autonomy" in response.json()["norm_gaps"]
    reason = next(
        o["reason"]
        for o in client.get(f"{URL}OSS-01/assessment/").json()["outcomes"]
        if o["rule"] == "power_autonomy"
    )
    assert "10" in reason  # 30 litres at 3 l/h is 10 hours


def test_it_serves_the_openapi_document_with_the_point_paths(cast: Cast) -> None:
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/support-points/" in schema["paths"]
    assert "/api/v1/support-points/{code}/assessment/" in schema["paths"]
    assert "delete" not in schema["paths"]["/api/v1/support-points/{code}/"]
