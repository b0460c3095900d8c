"""Operations pages: start an exercise, report from the phone form, requests, logbook, sitrep."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from paraat.operations.models import HelpRequest, Incident, LogEntry, StatusReport
from paraat.operations.tests.factories import make_point, make_scene
from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Tier
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_it_starts_an_exercise_and_activates_the_area(cast: Cast) -> None:
    make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    make_point(cast, "OSS-01", dx=400)
    client = _client(cast.cas)
    response = client.post(
        reverse("operations:incidents"),
        {
            "title": "Stroomuitval",
            "kind": "power_outage",
            "is_exercise": "on",
            "municipalities": [cast.oss.pk],
        },
    )
    incident = Incident.objects.get()
    assert response["Location"] == reverse("operations:incident", args=[incident.pk])
    client.post(reverse("operations:activate", args=[incident.pk]))
    page = client.get(reverse("operations:incident", args=[incident.pk])).content.decode()
    assert "OEFENING" in page and "OSS-01" in page
    assert incident.activations.count() == 2


def test_it_lets_only_crisis_staff_start_incidents(cast: Cast) -> None:
    for persona in (cast.kees, cast.pim):
        response = _client(persona).post(
            reverse("operations:incidents"),
            {"title": "x", "kind": "flood", "municipalities": [cast.oss.pk]},
        )
        assert response.status_code == 403
    assert not Incident.objects.exists()


def test_it_stores_a_phone_form_report_once_when_posted_twice(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    client = _client(cast.pim)
    form = client.get(reverse("operations:report", args=[scene.incident.pk]))
    key = form.context["form"].initial["idempotency_key"]
    assert [c for c, _ in form.context["form"].fields["point"].choices] == ["OSS-01"]
    body = {
        "idempotency_key": key,
        "point": "OSS-01",
        "state": "limited",
        "visitors": "40",
        "fuel_hours_left": "6,5",
        "needs": ["fuel"],
        "comms_working": "true",
    }
    client.post(reverse("operations:report", args=[scene.incident.pk]), body)
    again = client.post(reverse("operations:report", args=[scene.incident.pk]), body, follow=True)
    assert (
        "already been received" in again.content.decode()
        or "al ontvangen" in again.content.decode()
    )
    report = StatusReport.objects.get()
    assert (report.state, report.visitors, report.fuel_hours_left, report.needs) == (
        "limited",
        40,
        6.5,
        ["fuel"],
    )


def test_it_hides_operations_from_a_viewer_and_other_regions(cast: Cast) -> None:
    scene = make_scene(cast)
    assert (
        _client(cast.kees).get(reverse("operations:incident", args=[scene.incident.pk])).status_code
        == 403
    )
    assert (
        _client(cast.xander)
        .get(reverse("operations:incident", args=[scene.incident.pk]))
        .status_code
        == 403
    )
    assert Client().get(reverse("operations:incident", args=[scene.incident.pk])).status_code == 302


def test_it_handles_a_request_from_claim_to_done_on_the_page(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _client(cast.cas)
    client.post(
        reverse("operations:requests", args=[scene.incident.pk]),
        {
            "kind": "fuel",
            "priority": "high",
            "point": "OSS-01",
            "description": "Diesel voor 24 uur",
        },
    )
    request = HelpRequest.objects.get()
    for step, data in (
        ("claim", {}),
        ("assign", {"assigned_to": "Brandweer"}),
        ("done", {"outcome": "Geleverd"}),
    ):
        client.post(
            reverse("operations:request-action", args=[scene.incident.pk, request.pk, step]), data
        )
    request.refresh_from_db()
    assert request.status == "done" and request.outcome == "Geleverd"


def test_it_adds_and_corrects_logbook_entries(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _client(cast.cas)
    client.post(
        reverse("operations:log", args=[scene.incident.pk]), {"text": "Aggregaat OSS-01 gestart"}
    )
    entry = LogEntry.objects.get(text="Aggregaat OSS-01 gestart")
    client.post(
        reverse("operations:log", args=[scene.incident.pk]),
        {"text": "Was OSS-02", "corrects": entry.pk},
    )
    assert LogEntry.objects.get(text="Was OSS-02").corrects == entry
    assert LogEntry.objects.get(pk=entry.pk).text == "Aggregaat OSS-01 gestart"


def test_it_makes_a_sitrep_in_html_and_pdf(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _client(cast.cas)
    client.post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "s1", "point": "OSS-01", "state": "open", "fuel_hours_left": "4"},
    )
    html = client.get(reverse("operations:sitrep", args=[scene.incident.pk])).content.decode()
    assert "OSS-01" in html and "4,0" in html
    pdf = client.get(reverse("operations:sitrep", args=[scene.incident.pk]) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    import pypdfium2

    text = pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "OEFENING" in text and "OSS-01" in text


def test_it_measures_time_to_open_and_first_report(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _client(cast.cas)
    client.post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "m1", "point": "OSS-01", "state": "open"},
    )
    page = client.get(reverse("operations:metrics", args=[scene.incident.pk]))
    metrics = page.context["metrics"]
    assert (metrics.activated, metrics.reporting, metrics.opened) == (3, 1, 1)
    assert metrics.points[1].code == "OSS-01" and metrics.points[1].minutes_to_open is not None
