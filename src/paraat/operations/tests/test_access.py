"""Who sees what of operations: one rule per persona for every page (issue 5, "Access")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from paraat.operations import services
from paraat.operations.tests.factories import Scene, make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

PAGES = ["", "report/", "checklist/", "line/", "requests/", "relay/", "log/", "sitrep/", "metrics/"]

# What each persona gets on each page of an incident in his region (Pim leads OSS-01 only).
EXPECTED = {
    "cas": dict.fromkeys(PAGES, 200),  # crisis operator: everything
    "rianne": dict.fromkeys(PAGES, 200),  # region coordinator: everything
    "olaf": {  # officer of Oss: the picture of Oss points, reports for them, no region-wide pages
        **dict.fromkeys(PAGES, 200),
        "line/": 403,
        "log/": 403,
        "sitrep/": 403,
        "metrics/": 403,
    },
    "pim": {  # point lead: his own point's report form, checklist, requests and relays only
        "": 302,
        "report/": 200,
        "checklist/": 200,
        "line/": 403,
        "requests/": 200,
        "relay/": 200,
        "log/": 403,
        "sitrep/": 403,
        "metrics/": 403,
    },
    "kees": dict.fromkeys(PAGES, 403),  # viewer
    "xander": dict.fromkeys(PAGES, 403),  # another region
}


def _scene(cast: Cast) -> Scene:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    return scene


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_it_gives_each_persona_exactly_its_pages(cast: Cast, persona: str) -> None:
    scene = _scene(cast)
    client = _client(getattr(cast, persona))
    got = {
        page: client.get(f"/operations/{scene.incident.pk}/{page}").status_code for page in PAGES
    }
    assert got == EXPECTED[persona]


def test_it_sends_residents_without_an_account_to_the_login_page(cast: Cast) -> None:
    scene = _scene(cast)
    for page in PAGES:
        response = Client().get(f"/operations/{scene.incident.pk}/{page}")
        assert response.status_code == 302 and "/login" in response["Location"]
    assert Client().get(f"/api/v1/incidents/{scene.incident.pk}/picture/").status_code in (401, 403)


def test_it_lists_the_incident_only_for_crisis_staff_and_the_points_leads(cast: Cast) -> None:
    scene = _scene(cast)
    for persona, sees in (("cas", True), ("pim", True), ("kees", False), ("xander", False)):
        response = _client(getattr(cast, persona)).get("/operations/")
        shown = response.status_code == 200 and scene.incident.title in response.content.decode()
        assert shown is sees, persona


def test_it_shows_a_point_lead_only_his_own_points_requests_and_relays(cast: Cast) -> None:
    scene = _scene(cast)
    for point, text in ((scene.a, "Diesel voor OSS-01"), (scene.b, "Water voor OSS-02")):
        services.create_help_request(
            incident=scene.incident, kind="fuel", description=text, point=point, user=cast.cas
        )
        services.relay_emergency_report(
            incident=scene.incident, point=point, summary=f"Melding bij {point.code}", user=cast.cas
        )
    requests = _client(cast.pim).get(f"/operations/{scene.incident.pk}/requests/").content
    relays = _client(cast.pim).get(f"/operations/{scene.incident.pk}/relay/").content
    assert b"Diesel voor OSS-01" in requests and b"Water voor OSS-02" not in requests
    assert b"Melding bij OSS-01" in relays and b"Melding bij OSS-02" not in relays
    everything = _client(cast.cas).get(f"/operations/{scene.incident.pk}/requests/").content
    assert b"Water voor OSS-02" in everything


def test_it_offers_a_point_lead_only_his_own_points_in_the_forms(cast: Cast) -> None:
    scene = _scene(cast)
    client = _client(cast.pim)
    form = client.get(f"/operations/{scene.incident.pk}/report/").context["form"]
    assert [code for code, _ in form.fields["point"].choices] == ["OSS-01"]
    refused = client.post(
        f"/operations/{scene.incident.pk}/report/",
        {"idempotency_key": "x1", "point": "OSS-02", "state": "open"},
    )
    assert refused.status_code == 400
    assert not scene.incident.reports.exists()


def test_it_shows_a_municipal_officer_only_his_own_municipalitys_points(cast: Cast) -> None:
    """Issue 11: officers saw the region-wide operational picture, against the documented scope."""
    scene = _scene(cast)
    scene.incident.municipalities.add(cast.vught)
    services.activate(incident=scene.incident, user=cast.cas, points=[scene.vught])
    for persona, sees_vught in (("olaf", False), ("vera", True), ("cas", True), ("rianne", True)):
        client = _client(getattr(cast, persona))
        page = client.get(f"/operations/{scene.incident.pk}/").content.decode()
        api = client.get(f"/api/v1/incidents/{scene.incident.pk}/picture/").content.decode()
        assert ("VUG-01" in page) is sees_vught, persona
        assert ("VUG-01" in api) is sees_vught, persona
    olaf = _client(cast.olaf).get(f"/api/v1/incidents/{scene.incident.pk}/picture/").content
    assert b"OSS-01" in olaf
