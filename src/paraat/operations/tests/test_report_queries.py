"""What one status report costs the database, whichever way it comes in (issue 16).

A report's own write (from the service's first statement to its commit) is at most 5 statements:
lock the activation (with its latest report on SQLite), read the latest report (PostgreSQL only),
store the report, move the activation's pointer, write the logbook entry. No look-up of the key
before (the unique key refuses a retry), no audit entry for the pointer (the report is the
record), no query for the incident, point or author the caller already has.

The sync journal (paraat.sync.journal) writes one change per synced row on top of that; it is
paused for the first count and held separately, so a new query in either place shows here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from paraat.operations import services
from paraat.operations.models import LogEntry, StatusReport
from paraat.operations.statusline import StatusLine, make_line
from paraat.operations.tests.factories import Scene, make_point, make_scene
from paraat.sync import journal
from paraat.sync.models import Change
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

OWN_STATEMENTS = 5
# The sync journal adds two statements to the whole report: one read of the node id, the
# journal's newest stamp and the activation's field stamps, and one insert of its three changes
# (report, activation pointer, log entry). 6 on SQLite, 7 on PostgreSQL; 31/32 before.
JOURNAL_STATEMENTS = 2
WITH_JOURNAL = OWN_STATEMENTS + JOURNAL_STATEMENTS
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN")


def _report_statements(queries: list[dict[str, Any]]) -> list[str]:
    """The statements of the report's transaction: in a test the service's ``atomic`` is the first
    savepoint of the request; savepoints and BEGIN themselves are not counted."""
    sqls = [q["sql"] for q in queries]
    start = next(i for i, sql in enumerate(sqls) if sql.startswith("SAVEPOINT"))
    name = sqls[start].split()[1]
    end = sqls.index(f"RELEASE SAVEPOINT {name}", start)
    return [sql for sql in sqls[start + 1 : end] if not sql.startswith(TRANSACTION_CONTROL)]


def _line(code: str = "OSS-01", state: str = "LIMITED") -> str:
    moment = timezone.localtime() - dt.timedelta(minutes=5)
    return make_line(
        StatusLine(
            code,
            moment.time().replace(second=0, microsecond=0),
            state,
            frozenset({"DRINKING_WATER"}),
            40,
            12,
            frozenset(),
            moment.day,
        )
    )


def _phone_form(cast: Cast, scene: Scene) -> Callable[[str], Any]:
    client = Client()
    client.force_login(cast.cas)
    url = reverse("operations:report", args=[scene.incident.pk])

    def send(key: str) -> Any:
        body = {"point": "OSS-01", "idempotency_key": key, "state": "open"}
        return client.post(url, {**body, "comms_working": "unknown"})

    return send


def _api(cast: Cast, scene: Scene) -> Callable[[str], Any]:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(cast.cas)}")
    url = f"/api/v1/incidents/{scene.incident.pk}/reports/"

    def send(key: str) -> Any:
        body = {"point": "OSS-01", "idempotency_key": key, "state": "open"}
        return client.post(url, body, format="json")

    return send


def _radio(cast: Cast, scene: Scene) -> Callable[[str], Any]:
    client = Client()
    client.force_login(cast.cas)
    url = reverse("operations:line", args=[scene.incident.pk])
    states = iter(["LIMITED", "OPEN", "FULL", "CLOSED"])

    def send(key: str) -> Any:  # the line is its own key: each call sends another state
        return client.post(url, {"line": _line(state=next(states)), "confirmed": "True"})

    return send


WAYS = {"phone form": _phone_form, "API": _api, "radio line": _radio}


@contextmanager
def _journal_paused() -> Iterator[None]:
    with journal.applying():
        yield


@pytest.mark.parametrize("way", WAYS)
def test_it_stores_a_report_in_at_most_five_statements_of_its_own(cast: Cast, way: str) -> None:
    scene = make_scene(cast, exercise=False)
    send = WAYS[way](cast, scene)
    assert send("first").status_code in (201, 302)  # the point has a latest report from now on
    with _journal_paused(), CaptureQueriesContext(connection) as queries:
        answer = send("second")
    assert answer.status_code in (201, 302)
    statements = _report_statements(queries.captured_queries)
    assert len(statements) <= OWN_STATEMENTS, "\n".join(statements)
    assert not any("core_auditentry" in sql for sql in statements)
    assert StatusReport.objects.count() == 2
    assert LogEntry.objects.filter(kind="status").count() == 2  # the logbook still has both


@pytest.mark.parametrize("way", WAYS)
def test_it_holds_what_the_sync_journal_adds_to_a_report(cast: Cast, way: str) -> None:
    scene = make_scene(cast, exercise=False)
    send = WAYS[way](cast, scene)
    send("first")
    with CaptureQueriesContext(connection) as queries:
        send("second")
    statements = _report_statements(queries.captured_queries)
    assert len(statements) <= WITH_JOURNAL, "\n".join(statements)
    journal_statements = [sql for sql in statements if '"sync_' in sql]
    assert len(journal_statements) == JOURNAL_STATEMENTS, "\n".join(journal_statements)
    assert Change.objects.filter(model="operations.statusreport").count() == 2


def test_it_answers_a_retry_without_storing_or_logging_anything(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    send = _api(cast, scene)
    first = send("same")
    with CaptureQueriesContext(connection) as queries:
        again = send("same")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert not any(q["sql"].startswith("INSERT") and "logentry" in q["sql"] for q in queries)
    assert StatusReport.objects.count() == 1


def test_it_audits_the_checklist_but_not_the_pointers_a_report_moves(cast: Cast) -> None:
    from paraat.core.models import AuditEntry
    from paraat.operations import services
    from paraat.operations.models import Activation

    scene = make_scene(cast, exercise=False)
    activation = Activation.objects.get(incident=scene.incident, point=scene.a)
    entries = AuditEntry.objects.filter(model="operations.activation", object_pk=str(activation.pk))
    known = entries.count()
    _api(cast, scene)("pointer")
    activation.refresh_from_db()
    assert activation.latest_report is not None and activation.opened_at is not None
    assert entries.count() == known  # the report is the record of the pointer's move
    report = activation.latest_report
    assert (report.reporter, report.channel, report.idempotency_key) == (cast.cas, "api", "pointer")

    activation.first_report_at = None  # a full save that changes only derived fields: no entry
    activation.save()
    assert entries.count() == known
    services.tick_checklist(activation=activation, item="keys", done=True, user=cast.cas)
    assert entries.count() == known + 1
    assert entries.latest("pk").after["checklist"]["keys"] is True


def _points_made_by(send: Callable[[str], Any], key: str) -> int:
    """Support points made as model instances while the phone form takes one report."""
    from django.db.models.signals import post_init

    from paraat.supportpoints.models import SupportPoint

    made: list[object] = []

    def count(**_kw: object) -> None:
        made.append(1)

    post_init.connect(count, sender=SupportPoint, dispatch_uid="test-points-made")
    try:
        assert send(key).status_code == 302
    finally:
        post_init.disconnect(sender=SupportPoint, dispatch_uid="test-points-made")
    return len(made)


def test_it_reads_only_the_posted_point_when_the_phone_form_takes_a_report(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    send = _phone_form(cast, scene)
    send("warm")
    with CaptureQueriesContext(connection) as few:
        made_few = _points_made_by(send, "few")
    for i in range(20):
        make_point(cast, f"OSS-{100 + i}", dx=40 * (i + 1))
    services.activate(incident=scene.incident, user=cast.cas)
    with CaptureQueriesContext(connection) as many:
        made_many = _points_made_by(send, "many")
    assert made_few == made_many == 1  # the posted point, not the 24 it could have chosen
    assert len(many) == len(few)


def test_it_shows_every_point_again_when_the_posted_point_is_refused(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    client = Client()
    client.force_login(cast.cas)
    url = reverse("operations:report", args=[scene.incident.pk])
    body = {"point": "NOPE-1", "idempotency_key": "k", "state": "open", "comms_working": "unknown"}
    answer = client.post(url, body)
    assert answer.status_code == 400
    assert "OSS-01" in answer.content.decode() and "OSS-02" in answer.content.decode()
    assert not StatusReport.objects.exists()
