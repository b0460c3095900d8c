"""The operators' picture costs the same number of queries for 5 active points as for 50, with
several reports and open help requests per point (issue 16): page, refresh fragment and API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from paraat.operations import picture, services
from paraat.operations.constants import PointState
from paraat.operations.models import Activation
from paraat.operations.tests.factories import Scene, make_point, make_scene
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _grow_to(cast: Cast, scene: Scene, active: int) -> None:
    """Add points in Oss until ``active`` are activated, each with two reports and a request."""
    have = Activation.objects.filter(incident=scene.incident).count()
    for i in range(have, active):
        make_point(cast, f"OSS-{100 + i}", dx=40 * (i + 1))
    services.activate(incident=scene.incident, user=cast.cas)
    activations = Activation.objects.filter(incident=scene.incident).select_related("point")
    for activation in activations:
        if activation.latest_report_id is not None:
            continue
        for n, state in enumerate(("open", "full")):
            services.record_status(
                incident=scene.incident, point=activation.point, state=state, channel="api",
                idempotency_key=f"grow-{activation.pk}-{n}", fuel_hours_left=6, needs=["fuel"],
                power_source="generator",
            )  # fmt: skip
        services.create_help_request(
            incident=scene.incident, kind="fuel", description="Diesel", point=activation.point,
            user=cast.cas,
        )  # fmt: skip
    assert activations.count() == active


def test_it_shows_the_picture_in_the_same_number_of_queries_for_5_and_50_points(
    cast: Cast,
) -> None:
    scene = make_scene(cast, exercise=False)
    browser = Client()
    browser.force_login(cast.cas)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key(cast.cas)}")
    incident = scene.incident.pk
    ways = {
        "page": lambda: browser.get(f"/operations/{incident}/"),
        "refresh": lambda: browser.get(f"/operations/{incident}/?fragment=1"),
        "municipality groups": lambda: browser.get(f"/operations/{incident}/?group=municipality"),
        "API": lambda: api.get(f"/api/v1/incidents/{incident}/picture/"),
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, get in ways.items():
            get()  # warm: sessions, token and caches settle on the first request
            with CaptureQueriesContext(connection) as queries:
                answer = get()
            assert answer.status_code == 200, name
            found[name] = len(queries)
        return found

    _grow_to(cast, scene, 5)
    with_5 = counts()
    _grow_to(cast, scene, 50)
    with_50 = counts()
    assert with_50 == with_5
    assert len(api.get(f"/api/v1/incidents/{incident}/picture/").json()["points"]) == 50


def test_it_builds_the_picture_from_plain_rows_not_model_instances(cast: Cast) -> None:
    from django.db.models.signals import post_init

    from paraat.operations.models import StatusReport
    from paraat.supportpoints.models import SupportPoint

    scene = make_scene(cast, exercise=False)
    _grow_to(cast, scene, 20)
    made: list[str] = []

    def count(sender: type, **_kw: object) -> None:
        made.append(sender.__name__)

    for model in (Activation, StatusReport, SupportPoint):
        post_init.connect(count, sender=model, dispatch_uid=f"test-{model.__name__}")
    try:
        view = picture.build(scene.incident)
    finally:
        for model in (Activation, StatusReport, SupportPoint):
            post_init.disconnect(sender=model, dispatch_uid=f"test-{model.__name__}")
    assert len(view.rows) == 20 and all(row.report is not None for row in view.rows)
    # Only the points of the open help requests (the list beside the picture) are instances.
    assert made.count("Activation") == made.count("StatusReport") == 0
    assert made.count("SupportPoint") == len(view.open_requests)
    row = view.rows[0]
    assert row.point.municipality.name == "Oss" and row.report.get_state_display() == str(
        PointState.FULL.label
    )
    assert row.fuel_hours is not None and row.activation.checklist_done == 0
