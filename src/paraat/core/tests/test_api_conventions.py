"""The conventions every /api/ endpoint shares (NL API Design Rules): problem+json errors, the
API-Version header, bounded paging, UTC times, JSON 404s and no trailing-slash redirects."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from paraat.core.api import MAX_LIMIT, MAX_OFFSET, PROBLEM
from paraat.supportpoints.tests.factories import make_network
from paraat.testing.api import invalid_names
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/regions/",
    "/api/v1/municipalities/",
    "/api/v1/areas/",
    "/api/v1/support-points/",
    "/api/v1/incidents/",
    "/api/v1/planning/coverage/",
    "/api/v1/planning/optimisations/",
    "/api/v1/partners/",
]


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        f"limit={2**63}",
        f"limit={2**64}",
        f"offset={2**63}",
        f"offset={MAX_OFFSET + 1}",
        f"limit={MAX_LIMIT + 1}",
        "limit=0",
        "limit=-1",
        "offset=-1",
        "limit=abc",
        "limit=1.5",
        "limit=1&limit=2",
    ],
)
def test_it_refuses_paging_it_cannot_serve_with_a_problem(cast: Cast, url: str, query: str) -> None:
    response = _client(cast.rianne).get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request"
    assert body["instance"] == url
    assert invalid_names(response) == {query.split("=")[0]}


def test_it_pages_within_the_limits(cast: Cast) -> None:
    make_network(cast)
    client = _client(cast.rianne)
    first = client.get("/api/v1/support-points/?limit=2&offset=0").json()
    assert first["count"] == 6 and len(first["results"]) == 2
    assert len(client.get("/api/v1/support-points/?limit=2&offset=4").json()["results"]) == 2
    beyond = client.get(f"/api/v1/support-points/?offset={MAX_OFFSET}&limit={MAX_LIMIT}")
    assert beyond.status_code == 200 and beyond.json()["results"] == []


def test_it_sends_the_api_version_on_every_answer(cast: Cast) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    version = schema["info"]["version"]
    assert version == "1.0.0"
    client = _client(cast.rianne)
    for url in ("/api/v1/regions/", "/api/v1/nope/", "/api/v1/support-points/NOPE/"):
        assert client.get(url)["API-Version"] == version, url
    assert APIClient().get("/api/v1/regions/")["API-Version"] == version
    assert "API-Version" not in Client().get("/health/")


def test_it_serves_the_schema_as_openapi_json(cast: Cast) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    point = schema["paths"]["/api/v1/support-points/{code}/"]["get"]
    assert point["responses"]["404"]["content"][PROBLEM]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
    fields = schema["components"]["schemas"]["Point"]["properties"]
    assert fields["coordination_point"]["nullable"] is True
    limit = next(
        p for p in schema["paths"]["/api/v1/regions/"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == MAX_LIMIT and limit["schema"]["minimum"] == 1


def test_it_answers_unknown_api_paths_with_a_json_404(cast: Cast) -> None:
    client = _client(cast.rianne)
    for url in ("/api/v1/nope/", "/api/v2/regions/", "/api/v1/support-points/NOPE/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM, url
        assert response.json()["status"] == 404
    assert APIClient().get("/api/v1/nope")["Content-Type"] == PROBLEM  # even without a token


def test_it_serves_a_path_without_its_trailing_slash(cast: Cast) -> None:
    make_network(cast)
    client = _client(cast.rianne)
    listed = client.get("/api/v1/support-points?limit=1")
    assert listed.status_code == 200 and listed.json()["count"] == 6
    assert client.get("/api/v1/support-points/OSS-01").json()["code"] == "OSS-01"
    changed = client.patch("/api/v1/support-points/OSS-01", {"capacity": 77}, format="json")
    assert changed.status_code == 200 and changed.json()["capacity"] == 77


def test_it_writes_times_in_utc_with_their_offset(cast: Cast) -> None:
    make_network(cast)
    point = _client(cast.rianne).get("/api/v1/support-points/OSS-01/").json()
    assert point["updated_at"].endswith("Z"), point["updated_at"]


def test_it_explains_refused_input_per_field(cast: Cast) -> None:
    make_network(cast)
    response = _client(cast.rianne).patch(
        "/api/v1/support-points/OSS-01/", {"capacity": -1, "lon": "oost"}, format="json"
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"capacity", "lon"}
    assert all(p["reason"] for p in response.json()["invalid_params"])
    denied = _client(cast.kees).patch(
        "/api/v1/support-points/OSS-01/", {"capacity": 1}, format="json"
    )
    assert denied.status_code == 403 and denied["Content-Type"] == PROBLEM
    assert denied.json()["detail"]
