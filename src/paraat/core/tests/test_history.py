"""The change history reads as sentences: label old → new, by whom, when (paraat.core.history)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from paraat.core import audit, history
from paraat.core.models import AuditEntry
from paraat.supportpoints import services
from paraat.supportpoints.constants import Lifecycle
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
MOMENT = dt.datetime(2026, 12, 3, 14, 2, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _changed_point(cast: Cast) -> AuditEntry:
    point = SupportPointFactory(region=cast.region, capacity=120, lifecycle=Lifecycle.CANDIDATE)
    cast.rianne.first_name, cast.rianne.last_name = "Janneke", "de Vries"
    cast.rianne.save()
    with audit.acting_as(cast.rianne):
        services.save_point(
            region=cast.region,
            point=point,
            data={
                "capacity": 150,
                "lifecycle": Lifecycle.DESIGNATED,
                "wheelchair_accessible": True,
            },
        )
    entry = AuditEntry.objects.for_object(point).newest_first().first()
    assert entry is not None
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=MOMENT)
    entry.refresh_from_db()
    return entry


def test_it_writes_a_change_as_a_dutch_sentence(cast: Cast) -> None:
    entry = _changed_point(cast)
    with translation.override("nl"):
        text = history.sentence(entry)
    assert "capaciteit (mensen tegelijk) 120 → 150" in text
    assert "fase Kandidaat → Aangewezen" in text
    assert "toegankelijk voor rolstoelen – → ja" in text
    assert text.endswith(", door J. de Vries, 3 december 14:02")


def test_it_writes_the_same_change_in_english(cast: Cast) -> None:
    entry = _changed_point(cast)
    with translation.override("en"):
        text = history.sentence(entry)
    assert "capacity (people at once) 120 → 150" in text
    assert "lifecycle Candidate → Designated" in text
    assert text.endswith(", by J. de Vries, 3 December 14:02")


def test_it_shows_the_sentences_on_the_point_page_and_the_audit_trail(cast: Cast) -> None:
    entry = _changed_point(cast)
    client = Client()
    client.force_login(cast.rianne)
    code = SupportPoint.objects.get(pk=entry.object_pk).code
    point_page = client.get(f"/points/{code}/").content.decode()
    trail = client.get("/audit/").content.decode()
    for page in (point_page, trail):
        assert "capaciteit (mensen tegelijk) 120 → 150" in page
        assert "<code>capacity</code>" not in page
