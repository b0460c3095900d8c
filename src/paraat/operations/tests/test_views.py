"""Operations pages: start an exercise, report from the phone form, requests, logbook, sitrep."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from paraat.operations.models import HelpRequest, Incident, LogEntry, StatusReport
from paraat.operations.tests.factories import make_point, make_scene
from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Tier
from paraat.testing import geometry
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


def test_it_marks_messages_about_an_exercise_as_such(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _client(cast.cas)
    page = client.post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "e1", "point": "OSS-01", "state": "open"},
        follow=True,
    )
    shown = [str(m) for m in page.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith("OEFENING: ")
    real = make_scene_real(cast)
    page = client.post(
        reverse("operations:report", args=[real.pk]),
        {"idempotency_key": "r1", "point": "OSS-01", "state": "open"},
        follow=True,
    )
    assert not any("OEFENING" in str(m) for m in page.context["messages"])
    assert "OEFENING" not in page.content.decode()


def make_scene_real(cast: Cast) -> Incident:
    from paraat.operations import services

    incident = services.create_incident(
        region=cast.region,
        title="Echte uitval",
        kind="power_outage",
        is_exercise=False,
        municipalities=[cast.oss],
        user=cast.cas,
    )
    services.activate(incident=incident, user=cast.cas)
    return incident


def test_it_reports_silent_points_and_request_handling_after_the_exercise(cast: Cast) -> None:
    from paraat.operations import services

    scene = make_scene(cast)
    request = services.create_help_request(
        incident=scene.incident, kind="fuel", description="Diesel", point=scene.a, user=cast.cas
    )
    services.complete_request(request=request, user=cast.cas, outcome="Geleverd")
    relay = services.relay_emergency_report(
        incident=scene.incident, point=scene.a, summary="Val van trap", user=cast.cas
    )
    services.record_relay_outcome(relay=relay, outcome="Ambulance", user=cast.cas)
    services.relay_emergency_report(
        incident=scene.incident, point=scene.b, summary="Rook gezien", user=cast.cas
    )
    _client(cast.cas).post(
        reverse("operations:report", args=[scene.incident.pk]),
        {"idempotency_key": "m2", "point": "OSS-01", "state": "open"},
    )
    page = _client(cast.cas).get(reverse("operations:metrics", args=[scene.incident.pk]))
    metrics = page.context["metrics"]
    assert [p.code for p in metrics.silent] == ["CP-OSS", "OSS-02"]
    assert (metrics.requests, metrics.requests_done, metrics.relays) == (1, 1, 2)
    assert metrics.relays_with_outcome == 1 and metrics.median_to_done() is not None
    assert "Punt OSS-02" in page.content.decode()


def test_it_activates_only_the_chosen_points_when_points_are_chosen(cast: Cast) -> None:
    from paraat.operations import services

    make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    make_point(cast, "OSS-01", dx=400)
    chosen = make_point(cast, "OSS-02", dx=-400)
    vught = make_point(cast, "VUG-01", at=geometry.VUGHT_RD)
    incident = services.create_incident(
        region=cast.region,
        title="Stroomuitval",
        kind="power_outage",
        is_exercise=True,
        municipalities=[cast.oss],
        user=cast.cas,
    )
    client = _client(cast.cas)
    page = client.get(reverse("operations:incident", args=[incident.pk]))
    offered = {p.code for p in page.context["activate_form"].fields["points"].queryset}
    assert offered == {"CP-OSS", "OSS-01", "OSS-02"}  # not Vught: outside the area
    client.post(reverse("operations:activate", args=[incident.pk]), {"points": [vught.pk]})
    assert not incident.activations.exists()
    client.post(reverse("operations:activate", args=[incident.pk]), {"points": [chosen.pk]})
    assert [a.point.code for a in incident.activations.all()] == ["OSS-02"]
    client.post(reverse("operations:activate", args=[incident.pk]))
    assert incident.activations.count() == 3


def test_it_logs_the_outcome_of_a_relayed_emergency_report(cast: Cast) -> None:
    from paraat.operations.models import EmergencyRelay

    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    _client(cast.pim).post(
        reverse("operations:relay", args=[scene.incident.pk]),
        {"point": "OSS-01", "summary": "Vrouw gevallen, Dorpsstraat 3"},
    )
    relay = EmergencyRelay.objects.get()
    url = reverse("operations:relay-outcome", args=[scene.incident.pk, relay.pk])
    assert _client(cast.pim).post(url, {"outcome": "zelf"}).status_code == 403
    _client(cast.cas).post(url, {"outcome": "Ambulance ter plaatse 10:42"})
    relay.refresh_from_db()
    assert relay.outcome == "Ambulance ter plaatse 10:42" and relay.outcome_at is not None
    texts = list(LogEntry.objects.filter(kind="relay").values_list("text", flat=True))
    assert len(texts) == 2 and f"#{relay.pk}" in texts[-1] and "Ambulance" not in texts[-1]


def test_it_builds_the_picture_and_sitrep_in_the_same_number_of_queries_for_more_points(
    cast: Cast,
) -> None:
    """The picture loads only some columns: a page that touched another would query per point."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from paraat.operations import services

    scene = make_scene(cast)
    client = _client(cast.cas)

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    def report_all() -> None:
        for activation in scene.incident.activations.select_related("point"):
            services.record_status(
                incident=scene.incident, point=activation.point, idempotency_key=f"q-{activation.pk}",
                state="open", channel="api", fuel_hours_left=5, power_source="generator", needs=["fuel"],
            )  # fmt: skip

    pages = [
        f"/operations/{scene.incident.pk}/?fragment=1",
        f"/operations/{scene.incident.pk}/sitrep/",
    ]
    report_all()
    before = [count(path) for path in pages]
    for i in range(4):
        make_point(cast, f"OSS-1{i}", dx=200 * (i + 1))
    services.activate(incident=scene.incident, user=cast.cas)
    report_all()
    assert [count(path) for path in pages] == before


def test_it_shows_a_closed_incident_as_it_was_with_nothing_to_act_on(cast: Cast) -> None:
    import datetime as dt

    from django.utils import timezone

    from paraat.operations import services
    from paraat.operations.constants import Phase

    scene = make_scene(cast)
    services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key="k1", state="open", channel="api",
        reported_at=timezone.now() - dt.timedelta(minutes=10),
    )  # fmt: skip
    services.set_phase(incident=scene.incident, phase=Phase.CLOSED, user=cast.cas)
    client = _client(cast.cas)
    url = reverse("operations:incident", args=[scene.incident.pk])
    page = client.get(url).content.decode()
    assert "gesloten op" in page and "OSS-01" in page
    for action in ("operations:activate", "operations:phase", "operations:deliver-injects"):
        assert reverse(action, args=[scene.incident.pk]) not in page
    assert "data-refresh-url" not in page and "Nu verversen" not in page
    answer = client.post(reverse("operations:deliver-injects", args=[scene.incident.pk]))
    assert answer.status_code == 302
    assert not LogEntry.objects.filter(incident=scene.incident, kind="inject").exists()
