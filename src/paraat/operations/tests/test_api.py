"""Status reports through the API: exactly once, only for one's own points."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from paraat.operations.models import StatusReport
from paraat.operations.tests.factories import make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.api import invalid_names
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _api(user: object) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def test_it_stores_a_retried_report_once(cast: Cast) -> None:
    scene = make_scene(cast)
    body = {
        "point": "OSS-01",
        "idempotency_key": "phone-7f3a",
        "state": "open",
        "visitors": 30,
        "fuel_hours_left": 18,
        "needs": ["drinking_water"],
    }
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    first = _api(cast.cas).post(url, body, format="json")
    again = _api(cast.cas).post(url, body, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert StatusReport.objects.count() == 1


def test_it_answers_409_with_the_stored_report_for_a_reused_key_with_another_body(
    cast: Cast,
) -> None:
    scene = make_scene(cast)
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    body = {"point": "OSS-01", "idempotency_key": "phone-1", "state": "open"}
    first = _api(cast.cas).post(url, body, format="json")
    clash = _api(cast.cas).post(url, {**body, "state": "closed"}, format="json")
    assert (first.status_code, clash.status_code) == (201, 409)
    assert clash.json()["report"]["id"] == first.json()["id"]
    assert clash.json()["report"]["state"] == "open"
    assert "idempotency_key" in clash.json()["errors"]
    assert list(StatusReport.objects.values_list("state", flat=True)) == ["open"]


def test_it_lets_a_point_lead_report_only_for_his_own_points(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    own = _api(cast.pim).post(
        url, {"point": "OSS-01", "idempotency_key": "a", "state": "limited"}, format="json"
    )
    other = _api(cast.pim).post(
        url, {"point": "OSS-02", "idempotency_key": "b", "state": "open"}, format="json"
    )
    assert (own.status_code, other.status_code) == (201, 403)


def test_it_refuses_bad_reports_with_field_messages(cast: Cast) -> None:
    scene = make_scene(cast)
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    response = _api(cast.cas).post(
        url,
        {"point": "OSS-01", "idempotency_key": "x", "state": "halfopen", "visitors": -1},
        format="json",
    )
    assert response.status_code == 400 and {"state", "visitors"} <= invalid_names(response)
    response = _api(cast.cas).post(
        url, {"point": "VUG-01", "idempotency_key": "y", "state": "open"}, format="json"
    )
    assert response.status_code == 400 and "point" in invalid_names(response)


def test_it_serves_the_picture_to_crisis_staff_and_hides_it_from_others(cast: Cast) -> None:
    scene = make_scene(cast)
    _api(cast.cas).post(
        f"/api/v1/incidents/{scene.incident.pk}/reports/",
        {"point": "OSS-01", "idempotency_key": "p", "state": "open"},
        format="json",
    )
    data = _api(cast.cas).get(f"/api/v1/incidents/{scene.incident.pk}/picture/").json()
    assert data["counts"]["open"] == 1 and data["incident"]["exercise"] is True
    assert _api(cast.kees).get(f"/api/v1/incidents/{scene.incident.pk}/picture/").status_code == 404
    assert _api(cast.xander).get("/api/v1/incidents/").json()["results"] == []


def test_it_marks_exercise_reports_and_takes_the_channel_and_litres(cast: Cast) -> None:
    scene = make_scene(cast)
    type(scene.a).objects.filter(pk=scene.a.pk).update(fuel_consumption_lph=4.0)
    response = _api(cast.cas).post(
        f"/api/v1/incidents/{scene.incident.pk}/reports/",
        {
            "point": "OSS-01",
            "idempotency_key": "web-1",
            "state": "open",
            "fuel_litres_left": 30,
            "channel": "web",
        },
        format="json",
    )
    data = response.json()
    assert response.status_code == 201
    assert (data["is_exercise"], data["channel"], data["fuel_hours_left"]) == (True, "web", 7.5)
    line = _api(cast.cas).post(
        f"/api/v1/incidents/{scene.incident.pk}/reports/",
        {"point": "OSS-01", "idempotency_key": "x", "state": "open", "channel": "line"},
        format="json",
    )
    assert line.status_code == 400  # one-line messages come in through their own parser only


def test_it_answers_a_report_with_what_its_serializer_describes(cast: Cast) -> None:
    """The answer is written out by hand for speed (``api.report_json``); the OpenAPI document
    describes it with ``StatusReportSerializer``: the two stay the same, field by field."""
    from paraat.operations.api import StatusReportSerializer

    scene = make_scene(cast)
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    moment = timezone.localtime().replace(microsecond=0) - dt.timedelta(minutes=5)
    body = {
        "point": "oss-01",
        "idempotency_key": "phone-shape",
        "state": "limited",
        "visitors": 12,
        "fuel_hours_left": 7.5,
        "comms_working": False,
        "needs": ["fuel", "drinking_water"],
        "services_available": ["information"],
        "power_source": "generator",
        "note": "Aggregaat draait",
        "reported_at": moment.isoformat(),
    }
    answer = _api(cast.cas).post(url, body, format="json").json()
    stored = StatusReport.objects.select_related("point", "incident").get()
    with timezone.override(dt.UTC):  # the API answers in UTC (core.api.ApiMiddleware)
        described = json.loads(json.dumps(StatusReportSerializer(stored).data))
    assert answer == described
    in_utc = moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
    assert answer["reported_at"] == in_utc and answer["point"] == "OSS-01"


def test_it_stores_an_api_report_in_a_fixed_number_of_statements(cast: Cast) -> None:
    """Reads of the token, the incident with the point, then the report's own writes: none more
    for a region with more points or an incident with more reports (issue 16)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scene = make_scene(cast)
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    client = _api(cast.cas)
    body = {"point": "OSS-01", "state": "open", "visitors": 3}
    client.post(url, {**body, "idempotency_key": "warm"}, format="json")  # notes the token's use
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(url, {**body, "idempotency_key": "counted"}, format="json")
    assert answer.status_code == 201
    statements = [
        q["sql"].split()[0].upper()
        for q in queries.captured_queries
        if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    # token, the incident with the point; the locked activation (PostgreSQL: and its latest
    # report), the report, the activation's pointers, the logbook line, the sync journal's
    # state and rows.
    reads = 4 if connection.vendor == "postgresql" else 3
    assert statements.count("SELECT") == reads + 1, statements
    assert statements.count("INSERT") == 3 and statements.count("UPDATE") == 1, statements
    assert len(statements) == reads + 5


def test_it_finds_the_point_as_checked_not_as_sent(cast: Cast) -> None:
    """The point is read with the incident as it was sent; what counts is the code once
    checked, and a code of no point of the region is refused by name."""
    scene = make_scene(cast)
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"
    client = _api(cast.cas)
    padded = client.post(
        url, {"point": "  oss-01 ", "idempotency_key": "pad", "state": "open"}, format="json"
    )
    assert padded.status_code == 201 and padded.json()["point"] == "OSS-01"
    unknown = client.post(
        url, {"point": "OSS-99", "idempotency_key": "unknown", "state": "open"}, format="json"
    )
    assert unknown.status_code == 400 and "point" in json.dumps(unknown.json())
    listed = client.post(
        url, {"point": ["OSS-01"], "idempotency_key": "listed", "state": "open"}, format="json"
    )
    assert listed.status_code == 400
