"""The one owner of a point's state: events after commit, freshness, exercise never real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from paraat.alerts import nearby
from paraat.operations import events, picture, services, state
from paraat.operations.constants import Channel, Freshness, PointState
from paraat.operations.models import Incident
from paraat.operations.tests.factories import make_scene
from paraat.publicinfo import snapshot
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Iterator[list[events.StateChanged]]:
    found: list[events.StateChanged] = []
    events.register("test.heard", found.append)
    yield found
    events.unregister("test.heard")


def _report(scene: Any, key: str, point: Any = None, **kwargs: Any) -> Any:
    data: dict[str, Any] = {"state": PointState.OPEN, "channel": Channel.WEB, **kwargs}
    report, _created = services.record_status(
        incident=scene.incident, point=point or scene.a, idempotency_key=key, **data
    )
    return report


def test_it_sends_one_event_per_report_after_commit(
    cast: Cast, heard: list[events.StateChanged], django_capture_on_commit_callbacks: Any
) -> None:
    scene = make_scene(cast, exercise=False)
    heard.clear()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        _report(scene, "k1")
        assert heard == []  # nothing before the commit
    for callback in pending:
        callback()
    assert [(e.incident_id, e.point_ids, e.real, e.reason) for e in heard] == [
        (scene.incident.pk, (scene.a.pk,), True, "report")
    ]


def test_it_sends_nothing_for_a_report_that_was_rolled_back(
    cast: Cast, heard: list[events.StateChanged], django_capture_on_commit_callbacks: Any
) -> None:
    scene = make_scene(cast, exercise=False)
    heard.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _report(scene, "k1")
        raise RuntimeError("the request failed after the report")
    assert heard == []


def test_it_invalidates_the_public_snapshot_once_per_report(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    scene = make_scene(cast, exercise=False)
    calls: list[bool] = []
    real_invalidate = snapshot.invalidate

    def counting(*, places: bool = True) -> None:
        calls.append(places)
        real_invalidate(places=places)

    monkeypatch.setattr(snapshot, "invalidate", counting)
    with django_capture_on_commit_callbacks(execute=True):
        _report(scene, "k1")
    assert calls == [False]  # once, and only the situation


def test_it_never_invalidates_the_public_snapshot_for_an_exercise(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    scene = make_scene(cast, exercise=True)
    calls: list[bool] = []
    monkeypatch.setattr(snapshot, "invalidate", lambda *, places=True: calls.append(places))
    with django_capture_on_commit_callbacks(execute=True):
        _report(scene, "k1", state=PointState.FULL)
    assert calls == []


def test_it_calls_a_point_that_never_reported_no_report_yet_not_stale(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    _report(scene, "old", reported_at=timezone.now() - dt.timedelta(hours=3))
    view = picture.build(scene.incident, now=timezone.now() + dt.timedelta(seconds=5))
    rows = {row.point.code: row for row in view.rows}
    assert rows["OSS-02"].freshness == Freshness.NO_REPORT and not rows["OSS-02"].stale
    assert rows["OSS-01"].freshness == Freshness.STALE and rows["OSS-01"].stale
    assert [row.point.code for row in view.stale_rows] == ["OSS-01"]


def test_it_dates_a_state_from_its_change_not_from_the_reports_that_repeat_it(
    cast: Cast,
) -> None:
    scene = make_scene(cast, exercise=False)
    start = timezone.now() - dt.timedelta(hours=1)

    def at(minutes: int, key: str, state: str) -> None:
        _report(scene, key, state=state, reported_at=start + dt.timedelta(minutes=minutes))

    at(0, "a", PointState.OPEN)
    at(10, "b", PointState.OPEN)  # repeats the state: still open since minute 0
    assert state.real_states(cast.region)[scene.a.pk].since == start
    at(20, "c", PointState.FULL)
    at(30, "d", PointState.FULL)
    at(40, "e", PointState.OPEN)
    at(50, "f", PointState.OPEN)
    at(45, "g", PointState.OPEN)  # late, between two reports of the same state
    found = state.real_states(cast.region)
    assert found[scene.a.pk].since == start + dt.timedelta(minutes=40)
    assert found[scene.a.pk].reported_at == start + dt.timedelta(minutes=50)
    assert found[scene.b.pk].since is None  # activated, never reported


def test_it_keeps_exercise_reports_out_of_the_real_state(cast: Cast) -> None:
    exercise = make_scene(cast, exercise=True)
    _report(exercise, "ex", state=PointState.FULL)
    assert state.real_states(cast.region) == {}
    real = services.create_incident(
        region=cast.region, title="Echt", kind=exercise.incident.kind, is_exercise=False,
        municipalities=[cast.oss], user=cast.cas,
    )  # fmt: skip
    services.activate(incident=real, user=cast.cas)
    found = state.real_states(cast.region)
    assert found[exercise.a.pk].state is None  # activated in the real incident, no report yet
    assert found[exercise.a.pk].freshness == Freshness.NO_REPORT
    assert list(Incident.objects.real()) == [real]


def test_it_keeps_a_point_reported_full_in_an_exercise_in_a_real_alert(cast: Cast) -> None:
    scene = make_scene(cast, exercise=True)
    before = [p.code for p in nearby.nearest_open(cast.region, scene.a.lon, scene.a.lat, limit=3)]
    _report(scene, "full", state=PointState.FULL)
    _report(scene, "closed", point=scene.b, state=PointState.CLOSED)
    after = [p.code for p in nearby.nearest_open(cast.region, scene.a.lon, scene.a.lat, limit=3)]
    assert "OSS-01" in before and after == before


def test_it_leaves_a_point_reported_full_in_a_real_incident_out_of_alerts(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    _report(scene, "full", state=PointState.FULL)
    found = [p.code for p in nearby.nearest_open(cast.region, scene.a.lon, scene.a.lat, limit=3)]
    assert "OSS-01" not in found
