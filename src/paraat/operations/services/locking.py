"""The write lock and the locked reads of a status report (operations.services.reports).

On SQLite one report's transaction writes at a time (``one_writer``); the point's activation is
read under that lock, or ``FOR UPDATE`` on PostgreSQL, with the time of its latest report, so
simultaneous reports of one point take turns and each compares itself with the latest one
committed before it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterable, Iterator
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows: there threads of one process still take turns
    fcntl = None  # type: ignore[assignment]

from django.db import connection
from django.utils import timezone

from paraat.core import changes, rows
from paraat.operations.models import Activation, Incident, StatusReport
from paraat.supportpoints.models import SupportPoint

_sqlite_writes = threading.Lock()
_lock_files: dict[str, int] = {}


@contextlib.contextmanager
def one_writer() -> Iterator[None]:
    """On SQLite, let one report write at a time: one thread per process, one process per file.

    SQLite allows one writer; a writer that collides waits in SQLite's busy handler, which sleeps
    in growing steps (1, 2, 5, 10, ... 100 ms) whether or not the lock was freed meanwhile: under
    load the CPU then idles while reports wait. Threads queue on a lock of the process, processes
    (the server's workers) on an advisory lock of a file next to the database, which the kernel
    hands to the next waiter the moment it is released.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with _sqlite_writes:
        fd = _lock_file()
        if fd is None:
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_file() -> int | None:
    """This process's descriptor of the database's write-lock file (None for an in-memory
    database, or where there is no ``fcntl``). Called under ``_sqlite_writes``."""
    name = str(connection.settings_dict["NAME"])
    if fcntl is None or name.startswith("file:") or name == ":memory:":
        return None
    # Per process: a descriptor inherited through a fork shares its lock with the parent's.
    key = f"{os.getpid()}:{name}"
    fd = _lock_files.get(key)
    if fd is None:
        fd = os.open(name + ".write-lock", os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[key] = fd
    return fd


def locked_activation(
    incident: Incident, point: SupportPoint
) -> tuple[Activation | None, tuple[dt.datetime, int] | None]:
    """The point's activation, locked for this transaction, and (reported_at, id) of its latest
    report; (None, None) when the point is not activated (see ``locked``)."""
    return locked(incident, {point.pk: point}).get((incident.pk, point.pk), (None, None))


Locked = dict[tuple[int, int], tuple[Activation, tuple[dt.datetime, int] | None]]


def locked_activations(pairs: Iterable[tuple[Incident, SupportPoint]]) -> Locked:
    """``locked_activation`` for several (incident, point): one query per incident among them
    (in practice one)."""
    points: dict[int, tuple[Incident, dict[int, SupportPoint]]] = {}
    for incident, point in pairs:
        points.setdefault(incident.pk, (incident, {}))[1][point.pk] = point
    found: Locked = {}
    for incident, of_incident in points.values():
        found.update(locked(incident, of_incident))
    return found


def locked(incident: Incident, points: dict[int, SupportPoint]) -> Locked:
    """The activations of ``points`` in ``incident``, locked for this transaction, each with
    (reported_at, id) of its latest report, by (incident id, point id).

    On SQLite the transaction began IMMEDIATE (the write lock is held before the first read), so
    a join sees every committed report and the latest one comes in the same query. PostgreSQL
    locks the rows in the order of their ids (two groups that lock the same activations never
    wait for each other in a circle) and reads a join in the statement's snapshot, taken before
    the locks were granted: the latest reports are read after the locks, in one more statement
    (``_add_latest``). The statements are written once per database and number of points
    (``_activations_sql``): building them through the ORM for every report cost more CPU than
    the rest of the report's reads and writes together.
    """
    found: Locked = {}
    sql = _activations_sql(len(points))
    with connection.cursor() as cursor:
        cursor.execute(sql, [incident.pk, *sorted(points)])
        found_rows = cursor.fetchall()
    width = rows.width(Activation)
    for row in found_rows:
        activation = rows.instance(Activation, row)
        assert activation is not None
        latest: tuple[dt.datetime, int] | None = None
        moment = row[width] if len(row) > width else None
        if moment is not None and activation.latest_report_id is not None:
            latest = (_aware(moment), activation.latest_report_id)
        # The caller's incident and point: the log entry and the event need no query for them.
        activation.incident, activation.point = incident, points[activation.point_id]
        changes.locked(activation)  # its save below reads nothing to find what it changed
        found[(incident.pk, activation.point_id)] = (activation, latest)
    if connection.vendor != "sqlite":
        _add_latest(found)
    return found


_ACTIVATIONS_SQL: dict[tuple[str, int], str] = {}


def _activations_sql(count: int) -> str:
    """SELECT of the activations of ``count`` points of one incident, locked: with their latest
    reports' times on SQLite (see ``locked``), ``FOR UPDATE`` on PostgreSQL. Names come from
    the models, values are parameters."""
    key = (connection.vendor, count)
    sql = _ACTIVATIONS_SQL.get(key)
    if sql is not None:
        return sql
    table, columns = rows.table(Activation), rows.columns(Activation, "a")
    where = "WHERE a.incident_id = %s AND a.point_id IN ({})".format(", ".join(["%s"] * count))
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT {columns}, r.reported_at AS latest_reported_at FROM {table} a "
            f"LEFT JOIN {rows.table(StatusReport)} r ON r.id = a.latest_report_id {where} "
            "ORDER BY a.id"
        )
    else:
        sql = f"SELECT {columns} FROM {table} a {where} ORDER BY a.id FOR UPDATE"
    _ACTIVATIONS_SQL[key] = sql
    return sql


def _add_latest(found: Locked) -> None:
    """The latest report's time of each locked activation, read after the locks (PostgreSQL):
    it then sees the report of a transaction that held a lock before."""
    wanted = sorted({a.latest_report_id for a, _latest in found.values() if a.latest_report_id})
    if not wanted:
        return
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, reported_at FROM {rows.table(StatusReport)} WHERE id IN ({marks})", wanted
        )
        times = dict(cursor.fetchall())
    for key, (activation, _latest) in found.items():
        report_id = activation.latest_report_id
        if report_id is not None and report_id in times:
            found[key] = (activation, (_aware(times[report_id]), report_id))


def _aware(moment: Any) -> dt.datetime:
    """A time read outside the ORM (SQLite gives naive UTC, or text) as an aware datetime."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return moment
