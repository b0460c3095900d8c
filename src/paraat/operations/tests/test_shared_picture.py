"""The picture that screens poll is shared for a few seconds and rebuilt behind them (issue 16)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from paraat.operations import picture, services
from paraat.operations.constants import Channel, PointState
from paraat.operations.tests.factories import make_scene
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db(transaction=True)  # the rebuild runs in a thread of its own


@pytest.fixture(autouse=True)
def _shared_for_a_second(settings: Any) -> Iterator[None]:
    settings.PARAAT_PICTURE_MAX_AGE_SECONDS = 1
    picture.forget_shared()
    yield
    picture.forget_shared()


def _state_of(view: picture.Picture, code: str) -> str:
    return next(row.state for row in view.rows if row.point.code == code)


def _report(scene: Any, key: str, state: str) -> None:
    services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key=key, state=state,
        channel=Channel.API,
    )  # fmt: skip


def test_it_shares_the_picture_until_it_is_old_then_rebuilds_it_behind_the_screens(
    cast: Cast,
) -> None:
    scene = make_scene(cast, exercise=False)
    _report(scene, "first", PointState.OPEN)
    first = picture.shared(scene.incident)
    assert _state_of(first, "OSS-01") == PointState.OPEN
    _report(scene, "second", PointState.FULL)
    assert picture.shared(scene.incident) is first, "within its age every screen gets the same"
    assert _state_of(picture.build(scene.incident), "OSS-01") == PointState.FULL
    time.sleep(1.1)
    assert picture.shared(scene.incident) is first, "the old one once more while it is rebuilt"
    deadline = time.monotonic() + 10
    view = first
    while view is first and time.monotonic() < deadline:
        time.sleep(0.05)
        view = picture.shared(scene.incident)
    assert view is not first, "the rebuild replaced it"
    assert _state_of(view, "OSS-01") == PointState.FULL
    assert view.now > first.now


def test_it_keeps_a_picture_per_scope(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    whole = picture.shared(scene.incident)
    vught = picture.shared(scene.incident, municipality_ids={cast.vught.pk})
    assert vught is not whole
    assert [row.point.code for row in vught.rows] == []  # the incident activated Oss's points
    assert {row.point.code for row in whole.rows} == {"CP-OSS", "OSS-01", "OSS-02"}
    assert picture.shared(scene.incident, municipality_ids={cast.vught.pk}) is vught


def test_it_serves_the_shared_picture_over_the_api_and_builds_a_closed_one_as_it_closed(
    cast: Cast,
) -> None:
    scene = make_scene(cast, exercise=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(cast.cas)}")
    url = f"/api/v1/incidents/{scene.incident.pk}/picture/"
    first = client.get(url).json()
    _report(scene, "api", PointState.CLOSED)
    assert client.get(url).json()["generated_at"] == first["generated_at"]
    services.set_phase(incident=scene.incident, phase="closed", user=cast.cas)
    closed = client.get(url).json()
    scene.incident.refresh_from_db()
    assert closed["generated_at"] == scene.incident.closed_at.isoformat()
    shown = {p["code"]: p["state"] for p in closed["points"]}
    assert shown["OSS-01"] == PointState.CLOSED
