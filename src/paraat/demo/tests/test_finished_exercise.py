"""The demo holds one finished exercise, so that every operations page and report has content."""

from __future__ import annotations

import pytest
from django.test import Client

from paraat.accounts.models import User
from paraat.core.audit import acting_as
from paraat.core.models import AuditEntry
from paraat.demo.loaders import LOADERS
from paraat.operations import demo as operations_demo
from paraat.operations.constants import Channel, Phase, RequestStatus
from paraat.operations.models import HelpRequest, Incident, LogEntry, StatusReport

pytestmark = pytest.mark.django_db


def _load_up_to_operations() -> None:
    with acting_as(None, "demo"):
        for name, loader in LOADERS:
            loader()
            if name == "operations":
                return


def test_it_loads_a_closed_exercise_once_and_every_page_of_it_has_content() -> None:
    # One test: loading the demo region takes most of a minute.
    _load_up_to_operations()
    incident = Incident.objects.get(title=operations_demo.TITLE)
    assert incident.is_exercise
    assert incident.phase == Phase.CLOSED
    assert not Incident.objects.real().filter(pk=incident.pk).exists()
    reports = StatusReport.objects.filter(incident=incident)
    assert set(reports.values_list("channel", flat=True)) == set(Channel.values)
    assert set(HelpRequest.objects.filter(incident=incident).values_list("status", flat=True)) == {
        RequestStatus.DONE,
        RequestStatus.CANCELLED,
    }
    # Every step is in the logbook at the time it happened, within the exercise day.
    times = list(LogEntry.objects.filter(incident=incident).values_list("created_at", flat=True))
    assert incident.closed_at is not None
    assert all(incident.started_at <= t <= incident.closed_at for t in times)
    assert AuditEntry.objects.filter(model="operations.helprequest").exists()
    counts = (reports.count(), LogEntry.objects.filter(incident=incident).count())

    with acting_as(None, "demo"):
        again = operations_demo.load()

    assert again == ["oefening al aanwezig"]
    assert Incident.objects.filter(title=operations_demo.TITLE).count() == 1
    assert (reports.count(), LogEntry.objects.filter(incident=incident).count()) == counts

    # Every operations page and report of the exercise answers, with its content.
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    pages = {
        "": reports.first().point.code,  # type: ignore[union-attr]
        "log/": "Evaluatie",
        "requests/": "Drinkwater voor 60 bezoekers",
        "sitrep/": "OEFENING",
        "metrics/": incident.title,
        "checklist/": incident.title,
    }
    for page, text in pages.items():
        response = client.get(f"/operations/{incident.pk}/{page}")
        assert response.status_code == 200, page
        assert text in response.content.decode(), page
    pdf = client.get(f"/operations/{incident.pk}/sitrep/?format=pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    listing = client.get("/operations/").content.decode()
    assert incident.title in listing
