"""The inject button puts the timeline into an exercise, and never into a real incident."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from paraat.operations.models import Inject
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_plans_the_timeline_as_injects_in_an_exercise(cast: Cast) -> None:
    cache.clear()
    scene = make_scene(cast, exercise=True)
    client = Client()
    client.force_login(cast.cas)
    page = client.get("/outage-clock/?runs=200").content.decode()
    assert 'action="/outage-clock/injects/"' in page
    response = client.post(
        "/outage-clock/injects/",
        {"incident": scene.incident.pk, "runs": "200", "seed": "0", "scenario": "power-outage-nl"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/operations/{scene.incident.pk}/"
    injects = list(Inject.objects.filter(incident=scene.incident).order_by("offset"))
    assert len(injects) >= 10
    assert injects[0].source.startswith("tijdlijn power-outage-nl")
    assert any(i.title.startswith("Besluitpunt") for i in injects)
    assert all(i.due_at == scene.incident.started_at + i.offset for i in injects)


def test_it_offers_no_real_incident(cast: Cast) -> None:
    cache.clear()
    scene = make_scene(cast, exercise=False)
    client = Client()
    client.force_login(cast.rianne)
    response = client.post("/outage-clock/injects/", {"incident": scene.incident.pk})
    assert response.status_code == 302
    assert not Inject.objects.exists()
