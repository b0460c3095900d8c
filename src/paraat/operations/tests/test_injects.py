"""Exercise injects: planned at a simulated time, delivered to the logbook when due, exercises only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from paraat.operations import services
from paraat.operations.constants import LogKind
from paraat.operations.models import LogEntry
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_delivers_injects_when_their_time_has_come(cast: Cast) -> None:
    scene = make_scene(cast, exercise=True)
    start = scene.incident.started_at
    services.schedule_injects(
        incident=scene.incident,
        injects=[
            (dt.timedelta(hours=2), "Mobiel netwerk valt weg", "De meeste zendmasten zijn uit."),
            (dt.timedelta(hours=24), "Drinkwater", "Druk valt weg op hoge verdiepingen."),
        ],
        source="tijdlijn",
        user=cast.cas,
    )
    assert (
        services.deliver_due_injects(incident=scene.incident, now=start + dt.timedelta(hours=1))
        == []
    )
    first = services.deliver_due_injects(incident=scene.incident, now=start + dt.timedelta(hours=3))
    assert [i.title for i in first] == ["Mobiel netwerk valt weg"]
    assert (
        services.deliver_due_injects(incident=scene.incident, now=start + dt.timedelta(hours=3))
        == []
    )
    entry = LogEntry.objects.filter(kind=LogKind.INJECT, highlight=True).get()
    assert entry.text.startswith("[OEFENING] T+2 uur")


def test_it_refuses_injects_for_a_real_incident(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    with pytest.raises(ValidationError):
        services.schedule_injects(
            incident=scene.incident, injects=[(dt.timedelta(hours=1), "x", "y")]
        )
