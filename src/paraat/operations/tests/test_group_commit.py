"""Reports that arrive together are stored in one transaction, each as it would be alone (issue 16).

``_store_group`` is what the group commit calls with the reports queued at one moment; here it
is called with a chosen group, so every case is certain to be in one. The threads at the end go
through ``record_status`` as requests do, so the reports really race for the group.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from paraat.operations import events, services
from paraat.operations.constants import Channel, PointState
from paraat.operations.models import Activation, LogEntry, StatusReport
from paraat.operations.services import reports
from paraat.operations.tests.factories import Scene, make_scene
from paraat.sync.models import Change
from paraat.testing.personas import Cast

NOW = timezone.now()


def _prepared(monkeypatch: pytest.MonkeyPatch, **given: Any) -> reports._Report:
    """The report ``record_status`` would hand to the group, not stored."""
    taken: list[reports._Report] = []
    with monkeypatch.context() as patch:
        patch.setattr(reports, "_submit", taken.append)
        services.record_status(channel=Channel.API, **given)
    return taken[0]


def _report(
    monkeypatch: pytest.MonkeyPatch, scene: Scene, point: Any, key: str, **given: Any
) -> Any:
    values = {"state": PointState.OPEN, "reported_at": NOW - dt.timedelta(minutes=10), **given}
    return _prepared(
        monkeypatch, incident=scene.incident, point=point, idempotency_key=key, **values
    )


@pytest.mark.django_db
def test_it_stores_a_group_as_each_report_would_be_stored_alone(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = make_scene(cast, exercise=False)
    earlier = NOW - dt.timedelta(minutes=30)
    old, _created = services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key="old", state=PointState.OPEN,
        channel=Channel.API, reported_at=earlier,
    )  # fmt: skip
    group = [
        _report(monkeypatch, scene, scene.a, "k1", state=PointState.FULL),
        _report(monkeypatch, scene, scene.b, "k2", state=PointState.LIMITED, visitors=40),
        _report(monkeypatch, scene, scene.a, "old", reported_at=earlier),  # a retry
        _report(monkeypatch, scene, scene.a, "old", reported_at=earlier, visitors=3),  # conflict
        _report(monkeypatch, scene, scene.a, "k1", state=PointState.FULL),  # twice in the group
        _report(monkeypatch, scene, scene.vught, "k4"),  # Vught is not in this incident
        # Older than k1: stored, but the point's latest report stays k1.
        _report(monkeypatch, scene, scene.a, "k3", reported_at=NOW - dt.timedelta(minutes=20)),
    ]
    outcomes = reports._store_group(group)

    k1, k2, retry, conflict, again, refused, k3 = outcomes
    assert isinstance(k1, tuple) and k1[1] is True and k1[0].state == PointState.FULL
    assert isinstance(k2, tuple) and k2[1] is True and k2[0].visitors == 40
    assert retry == (old, False)
    assert isinstance(conflict, services.IdempotencyConflict) and conflict.report == old
    assert again == (k1[0], False)
    assert isinstance(refused, ValidationError) and "point" in refused.message_dict
    assert isinstance(k3, tuple) and k3[1] is True
    latest = {
        a.point_id: a.latest_report_id
        for a in Activation.objects.filter(incident=scene.incident, point__in=[scene.a, scene.b])
    }
    assert latest == {scene.a.pk: k1[0].pk, scene.b.pk: k2[0].pk}
    assert set(StatusReport.objects.values_list("idempotency_key", flat=True)) == {
        "old", "k1", "k2", "k3"
    }  # fmt: skip
    assert LogEntry.objects.filter(kind="status").count() == 4
    journaled = set(
        Change.objects.filter(model="operations.statusreport").values_list("record_uid", flat=True)
    )
    assert journaled == {str(r.uid) for r in StatusReport.objects.all()}


def _journal(scene: Scene, key: str) -> dict[str, dict[str, Any]]:
    """The journal's fields for the report with ``key``, its logbook line and its activation's
    newest change, with what differs between two reports by design (key, times, rows) out."""
    report = StatusReport.objects.get(idempotency_key=key)
    line = LogEntry.objects.filter(kind="status").order_by("-id").first()
    activation = Activation.objects.get(incident=scene.incident, point=report.point)
    found = {}
    for name, uid in (("report", report.uid), ("line", line.uid), ("activation", activation.uid)):  # type: ignore[union-attr]
        change = Change.objects.filter(record_uid=str(uid)).order_by("-stamp").first()
        assert change is not None, f"no journal row for the {name}"
        fields = dict(change.fields)
        for moment in ("idempotency_key", "received_at", "created_at", "latest_report"):
            fields.pop(moment, None)
        found[name] = {"fields": fields, "base_names": sorted(change.base)}
    return found


@pytest.mark.django_db
def test_it_journals_a_group_as_the_saves_of_one_report_would(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group writes its rows in SQL of its own and tells the journal what it wrote; what
    the journal then holds is what the model saves' signals write for a report on its own."""
    scene = make_scene(cast, exercise=False)
    given = {
        "state": PointState.LIMITED,
        "visitors": 12,
        "needs": ["drinking_water"],
        "note": "koud",
    }
    alone = _report(monkeypatch, scene, scene.a, "alone", **given)
    reports._store_one(alone)
    by_saves = _journal(scene, "alone")
    grouped = _report(monkeypatch, scene, scene.b, "grouped", **given)
    reports._store_group([grouped])
    by_group = _journal(scene, "grouped")
    for name in ("report", "line"):
        by_saves[name]["fields"].pop("point")
        by_group[name]["fields"].pop("point")
        by_saves[name]["fields"]["params"] = by_group[name]["fields"]["params"] = None
        by_saves[name]["fields"]["text"] = by_group[name]["fields"]["text"] = None
    assert by_group == by_saves
    assert by_group["activation"]["fields"].keys() == {"opened_at", "first_report_at"}


def _group_statements(
    monkeypatch: pytest.MonkeyPatch, scene: Scene, size: int, tag: str
) -> list[str]:
    group = [
        _report(
            monkeypatch, scene, point, f"{tag}{i}", reported_at=NOW - dt.timedelta(seconds=size - i)
        )
        for i, point in enumerate([scene.a, scene.b] * (size // 2))
    ]
    with CaptureQueriesContext(connection) as queries:
        outcomes = reports._store_group(group)
    assert all(isinstance(o, tuple) and o[1] for o in outcomes)
    return [
        q["sql"] for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN"))
    ]  # fmt: skip


@pytest.mark.django_db
def test_it_costs_a_group_the_same_statements_whatever_its_size(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = make_scene(cast, exercise=False)
    services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key="first", state=PointState.OPEN,
        channel=Channel.API, reported_at=NOW - dt.timedelta(hours=1),
    )  # fmt: skip
    small = _group_statements(monkeypatch, scene, 10, "s")
    large = _group_statements(monkeypatch, scene, 40, "l")
    # The activations (on PostgreSQL and their latest reports' times), one insert of the
    # reports (a key stored before is left out by the insert itself), one update of the moved
    # activations' pointers (one statement, run for each), one insert of the logbook lines,
    # the journal's state and its one insert.
    expected = 6 if connection.vendor == "sqlite" else 7
    assert len(small) == expected, "\n".join(small)
    assert len(large) == expected, "\n".join(large)
    assert StatusReport.objects.count() == 51
    assert LogEntry.objects.filter(kind="status").count() == 51
    latest = Activation.objects.get(incident=scene.incident, point=scene.b).latest_report
    assert latest is not None and latest.idempotency_key == "l39"


@pytest.mark.django_db
def test_it_sends_one_event_for_the_points_of_a_group(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    scene = make_scene(cast, exercise=False)
    got: list[events.StateChanged] = []
    events.register("test-group", got.append)
    try:
        group = [
            _report(monkeypatch, scene, scene.a, "e1"),
            _report(monkeypatch, scene, scene.b, "e2"),
            _report(monkeypatch, scene, scene.a, "e3", reported_at=NOW - dt.timedelta(minutes=5)),
        ]
        with django_capture_on_commit_callbacks(execute=True):
            reports._store_group(group)
    finally:
        events.unregister("test-group")
    assert len(got) == 1
    assert set(got[0].point_ids) == {scene.a.pk, scene.b.pk} and got[0].real


@pytest.mark.django_db(transaction=True)
def test_it_answers_each_of_many_simultaneous_reporters_with_its_own_report(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    count = 16
    start = threading.Barrier(count)
    answers: dict[int, Any] = {}

    def send(i: int) -> None:
        try:
            start.wait(timeout=10)
            answers[i] = services.record_status(
                incident=scene.incident, point=[scene.a, scene.b][i % 2],
                idempotency_key=f"t{i}", state=PointState.OPEN, visitors=i, channel=Channel.API,
                reported_at=NOW - dt.timedelta(minutes=count - i),
            )  # fmt: skip
        except BaseException as exc:  # reported below
            answers[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for i in range(count):
        report, created = answers[i]
        assert (report.idempotency_key, report.visitors, created) == (f"t{i}", i, True)
    assert StatusReport.objects.count() == count
    assert LogEntry.objects.filter(kind="status").count() == count
    latest = dict(
        Activation.objects.filter(point__in=[scene.a, scene.b]).values_list(
            "point_id", "latest_report__idempotency_key"
        )
    )
    assert latest == {scene.a.pk: f"t{count - 2}", scene.b.pk: f"t{count - 1}"}
