"""The logbook's system lines are read in the reader's language; the record keeps the line as
written (issue 18)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from paraat.operations import services
from paraat.operations.constants import Channel, LogKind, Need
from paraat.operations.logtext import LogMessage
from paraat.operations.models import LogEntry
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _report_line(cast: Cast) -> LogEntry:
    scene = make_scene(cast)
    services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key="k1", state="limited",
        channel=Channel.API, visitors=40, fuel_hours_left=7.5, needs=[Need.DRINKING_WATER],
        reporter=cast.pim,
    )  # fmt: skip
    return LogEntry.objects.get(kind=LogKind.STATUS)


def test_it_writes_a_report_line_once_and_reads_it_in_either_language(cast: Cast) -> None:
    line = _report_line(cast)
    assert line.message == LogMessage.STATUS_REPORT
    assert line.text == "OSS-01: beperkt open; 40 bezoekers; brandstof 7.5 uur; nodig: Drinkwater (via API)"  # fmt: skip
    with translation.override("en"):
        assert line.shown_text == (
            "OSS-01: limited; 40 visitors; fuel 7.5 h; needs: Drinking water (via API)"
        )
    with translation.override("nl"):
        assert line.shown_text == line.text


def test_it_shows_the_logbook_in_english_without_a_dutch_system_line(cast: Cast) -> None:
    scene = make_scene(cast)
    services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key="k1", state="open",
        channel=Channel.WEB, visitors=1, reporter=cast.cas,
    )  # fmt: skip
    services.log(incident=scene.incident, text="Aggregaat OSS-01 draait", author=cast.cas)
    client = Client()
    client.force_login(cast.cas)
    url = reverse("operations:log", args=[scene.incident.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Exercise created: Stroomuitval Oss (Oss)" in english
    assert "3 points activated: " in english and "OSS-01: open; 1 visitor (via " in english
    assert "aangemaakt" not in english and "geactiveerd" not in english
    assert "Aggregaat OSS-01 draait" in english  # what a person typed stays as typed
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Oefening aangemaakt: Stroomuitval Oss (Oss)" in dutch
    assert "OSS-01: open; 1 bezoeker (via " in dutch


def test_it_shows_a_line_it_cannot_render_as_it_was_written(cast: Cast) -> None:
    scene = make_scene(cast)
    newer = services.log(incident=scene.incident, text="Van een nieuwere versie")
    future = LogEntry(message="from_a_newer_version", params={}, text="Van een nieuwere versie")
    odd = LogEntry(message=LogMessage.POINTS_ACTIVATED, params={"count": "veel"}, text="Zoals toen")
    with translation.override("en"):
        assert future.shown_text == "Van een nieuwere versie"
        assert odd.shown_text == "Zoals toen"
        assert LogEntry.objects.get(pk=newer.pk).shown_text == "Van een nieuwere versie"
