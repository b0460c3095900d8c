"""Status reports, stored exactly once per idempotency key whichever way they came in."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows: there threads of one process still take turns
    fcntl = None  # type: ignore[assignment]

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.core import changes, rows
from paraat.operations import events, state
from paraat.operations.constants import (
    Channel,
    LogKind,
    Need,
    Phase,
    PointState,
    PowerSource,
)
from paraat.operations.models import (
    Activation,
    Incident,
    StatusReport,
)
from paraat.operations.services.logbook import STATE_NL, _name, log
from paraat.supportpoints.constants import Service
from paraat.supportpoints.models import SupportPoint

_sqlite_writes = threading.Lock()
_lock_files: dict[str, int] = {}


@contextlib.contextmanager
def _one_writer() -> Iterator[None]:
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


def line_key(*, incident: Incident, line: str, at: dt.datetime) -> str:
    """The idempotency key of a one-line message: the same line for the same incident and moment
    keyed in twice is one report; the same words on a later day or in another incident are new."""
    normalised = " ".join(line.upper().split())
    text = f"{incident.pk}|{at.astimezone(dt.UTC).isoformat()}|{normalised}"
    return "line:" + hashlib.sha256(text.encode()).hexdigest()[:40]


# A report may be dated a little before the incident started (a point that opened on its own as
# the power failed), never days before: the year 0001 once got in and skewed the exercise metrics.
EARLIEST_BEFORE_START = dt.timedelta(hours=12)


class IdempotencyConflict(ValidationError):
    """The key was used before for a report with a different content (the API answers 409)."""

    def __init__(self, report: StatusReport) -> None:
        super().__init__(
            {
                "idempotency_key": [
                    _(
                        "This key was already used for a report with a different content; "
                        "send a new report with a new key."
                    )
                ]
            }
        )
        self.report = report


def _moment(when: dt.datetime) -> str:
    """Day-month-year and time in the local zone; the year in four digits (0001 stays 0001)."""
    local = timezone.localtime(when)
    return f"{local.day:02d}-{local.month:02d}-{local.year:04d} {local:%H:%M}"


def _validate_report(
    *,
    incident: Incident,
    point: SupportPoint,
    activated: bool,
    state: str,
    services_available: list[str],
    needs: list[str],
    visitors: int | None,
    fuel_hours_left: float | None,
    power_source: str,
    reported_at: dt.datetime,
) -> None:
    errors: dict[str, list[str]] = {}
    if incident.phase == Phase.CLOSED:
        errors["incident"] = [_("This incident is closed.")]
    if not activated:
        errors["point"] = [
            _("Point %(code)s is not activated in this incident.") % {"code": point.code}
        ]
    if state not in PointState.values:
        errors["state"] = [_("Unknown state.")]
    unknown_services = [s for s in services_available if s not in Service.values]
    if unknown_services:
        errors["services_available"] = [
            _("Unknown services: %(names)s") % {"names": ", ".join(unknown_services)}
        ]
    unknown_needs = [n for n in needs if n not in Need.values]
    if unknown_needs:
        errors["needs"] = [_("Unknown needs: %(names)s") % {"names": ", ".join(unknown_needs)}]
    if visitors is not None and visitors < 0:
        errors["visitors"] = [_("Cannot be negative.")]
    if fuel_hours_left is not None and not 0 <= fuel_hours_left <= 10_000:
        errors["fuel_hours_left"] = [_("Must be between 0 and 10,000 hours.")]
    if power_source and power_source not in PowerSource.values:
        errors["power_source"] = [_("Unknown power source.")]
    if timezone.is_naive(reported_at):
        errors["reported_at"] = [_("The time needs a time zone.")]
    elif reported_at > timezone.now() + dt.timedelta(minutes=5):
        errors["reported_at"] = [_("The time of the report is in the future.")]
    elif reported_at < incident.started_at - EARLIEST_BEFORE_START:
        errors["reported_at"] = [
            _(
                "The time of the report (%(when)s) is long before the incident started "
                "(%(start)s): check the date."
            )
            % {"when": _moment(reported_at), "start": _moment(incident.started_at)}
        ]
    if errors:
        raise ValidationError(errors)


def record_status(
    *,
    incident: Incident,
    point: SupportPoint,
    idempotency_key: str,
    state: str,
    channel: str,
    services_available: Iterable[str] = (),
    visitors: int | None = None,
    power_source: str = "",
    fuel_hours_left: float | None = None,
    fuel_litres_left: float | None = None,
    comms_working: bool | None = None,
    needs: Iterable[str] = (),
    note: str = "",
    reporter: Any = None,
    reporter_name: str = "",
    reported_at: dt.datetime | None = None,
    raw_line: str = "",
    received_at: dt.datetime | None = None,
) -> tuple[StatusReport, bool]:
    """Store a status report exactly once; returns (report, created).

    ``received_at`` is when the server got it (default now; the demo's finished exercise dates it).

    A retry with the same key returns the stored report and changes nothing. A key that was used
    for another point or incident is refused. Fuel may be given in litres (what the tank gauge
    shows): it is turned into hours with the point's consumption in litres per hour.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 80:
        raise ValidationError(
            {"idempotency_key": [_("An idempotency key of 1 to 80 characters is required.")]}
        )
    services_list = sorted(set(services_available))
    needs_list = sorted(set(needs))
    if fuel_litres_left is not None and fuel_hours_left is None:
        fuel_hours_left = fuel_hours_from_litres(point=point, litres=fuel_litres_left)
    body: dict[str, Any] = {
        "state": state, "services_available": services_list, "visitors": visitors,
        "power_source": power_source, "fuel_hours_left": fuel_hours_left,
        "fuel_litres_left": fuel_litres_left, "comms_working": comms_working,
        "needs": needs_list, "note": note,
    }  # fmt: skip
    if reported_at is not None:
        body["reported_at"] = reported_at
    when = reported_at or timezone.now()
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("Unknown channel.")]})
    try:
        # The sync journal's rows of the report, the activation and the log entry go in one
        # insert at the end of the transaction (paraat.sync.journal.batch, through core.changes).
        with _one_writer(), transaction.atomic(), changes.batch():
            # Lock the point's activation first: simultaneous reports of one point then take
            # turns, and each compares itself with the latest report committed before it.
            activation, latest = _locked_activation(incident, point)
            try:
                _validate_report(
                    incident=incident, point=point, activated=activation is not None, state=state,
                    services_available=services_list, needs=needs_list, visitors=visitors,
                    fuel_hours_left=fuel_hours_left, power_source=power_source, reported_at=when,
                )  # fmt: skip
            except ValidationError:
                # A retry of a stored report counts even when it could not be stored now (the
                # incident closed since): the key is looked up only on this rare path.
                existing = StatusReport.objects.filter(idempotency_key=key).first()
                if existing is None:
                    raise
                return _same_report(existing, incident, point, body), False
            assert activation is not None
            # No look-up of the key before: the unique key refuses a retry (IntegrityError below),
            # so a new report costs no query for it.
            report = StatusReport.objects.create(
                incident=incident, point=point, idempotency_key=key, state=state, services_available=services_list,
                visitors=visitors, power_source=power_source, fuel_hours_left=fuel_hours_left, fuel_litres_left=fuel_litres_left, comms_working=comms_working,
                needs=needs_list, note=note, reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
                reporter_name=reporter_name or _name(reporter, ""), channel=channel, reported_at=when, raw_line=raw_line[:200],
                received_at=received_at or timezone.now(),
            )  # fmt: skip
            event = _after_report(report, activation, latest)
    except IntegrityError:
        # The key was stored before (a retry), or by another request in the meantime: that counts.
        existing = StatusReport.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _same_report(existing, incident, point, body), False
    # Sent after the write lock is released (at once, or when an outer transaction commits):
    # the receivers (the public pages) never hold up the next report.
    if event is not None:
        events.send_on_commit(event)
    return report, True


def _locked_activation(
    incident: Incident, point: SupportPoint
) -> tuple[Activation | None, tuple[dt.datetime, int] | None]:
    """The point's activation, locked for this transaction, and when safe (reported_at, id) of
    its latest report.

    On SQLite the transaction began IMMEDIATE (the write lock is held before the first read), so
    a join sees every committed report and the latest one comes in the same query. PostgreSQL
    reads a join in the statement's snapshot, taken before the lock was granted: the latest report
    is read after the lock, in its own statement (``_after_report``). The statement is written
    once per database (``_activation_sql``): building it through the ORM for every report cost
    more CPU than the rest of the report's reads and writes together.
    """
    sql = rows.sql_for(_ACTIVATION_SQL, _activation_sql)
    found = list(Activation.objects.raw(sql, [incident.pk, point.pk]))
    if not found:
        return None, None
    activation = found[0]
    latest: tuple[dt.datetime, int] | None = None
    moment = getattr(activation, "latest_reported_at", None)
    if moment is not None and activation.latest_report_id is not None:
        latest = (_aware(moment), activation.latest_report_id)
    # The caller's incident and point: the log entry and the event need no query for them.
    activation.incident, activation.point = incident, point
    changes.locked(activation)  # its save below reads nothing to find what it changed
    return activation, latest


_ACTIVATION_SQL: dict[str, str] = {}


def _activation_sql() -> str:
    """SELECT of an activation by incident and point, locked: with its latest report's time on
    SQLite (see ``_locked_activation``), ``FOR UPDATE`` on PostgreSQL. Names come from the models,
    values are parameters."""
    where = "WHERE a.incident_id = %s AND a.point_id = %s"
    if connection.vendor == "sqlite":
        return (
            f"SELECT {rows.columns(Activation, 'a')}, r.reported_at AS latest_reported_at "
            f"FROM {rows.table(Activation)} a LEFT JOIN {rows.table(StatusReport)} r "
            f"ON r.id = a.latest_report_id {where}"
        )
    return (
        f"SELECT {rows.columns(Activation, 'a')} FROM {rows.table(Activation)} a {where} FOR UPDATE"  # noqa: E501
    )


def _aware(moment: Any) -> dt.datetime:
    """A time read outside the ORM (SQLite gives naive UTC, or text) as an aware datetime."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def fuel_hours_from_litres(*, point: SupportPoint, litres: float) -> float:
    """Litres in the tank, in hours at the point's consumption (from the point's registration)."""
    if not 0 <= litres <= 1_000_000:
        raise ValidationError({"fuel_litres_left": [_("Must be between 0 and 1,000,000 litres.")]})
    consumption = point.fuel_consumption_lph
    if not consumption or consumption <= 0:
        raise ValidationError(
            {
                "fuel_litres_left": [
                    _("Point %(code)s has no fuel consumption registered: give the fuel in hours.")
                    % {"code": point.code}
                ]
            }
        )
    return round(min(litres / consumption, 10_000), 1)


def _same_report(
    existing: StatusReport, incident: Incident, point: SupportPoint, body: dict[str, Any]
) -> StatusReport:
    """The stored report for a retry; a key reused for other content is refused, never ignored."""
    if existing.incident_id != incident.pk or existing.point_id != point.pk:
        raise ValidationError(
            {"idempotency_key": [_("This key was already used for another report.")]}
        )
    existing.incident, existing.point = incident, point  # the same rows: no query for them
    if any(getattr(existing, name) != value for name, value in body.items()):
        raise IdempotencyConflict(existing)
    return existing


_LATEST_SQL = f"SELECT reported_at FROM {StatusReport._meta.db_table} WHERE id = %s"


def _after_report(
    report: StatusReport, activation: Activation, latest: tuple[dt.datetime, int] | None
) -> events.StateChanged | None:
    """Keep the activation's first, opened and latest report (the activation row is locked);
    the event to send once committed when the point's latest report changed."""
    changed = []
    if activation.first_report_at is None or report.reported_at < activation.first_report_at:
        activation.first_report_at = report.reported_at
        changed.append("first_report_at")
    if report.state in (PointState.OPEN, PointState.LIMITED, PointState.FULL) and (
        activation.opened_at is None or report.reported_at < activation.opened_at
    ):
        activation.opened_at = report.reported_at
        changed.append("opened_at")
    # On PostgreSQL, read the latest report in its own statement, after the lock was granted: it
    # then sees the report of a transaction that held the lock before (a join in the locking
    # query did not). SQLite had it joined already (``_locked_activation``).
    if latest is None and activation.latest_report_id is not None:
        with connection.cursor() as cursor:
            cursor.execute(_LATEST_SQL, [activation.latest_report_id])
            row = cursor.fetchone()
        if row is not None:
            latest = (_aware(row[0]), activation.latest_report_id)
    if latest is None or (report.reported_at, report.pk) >= latest:
        activation.latest_report = report
        changed.append("latest_report")
    if changed:
        activation.save(update_fields=changed)
    event = None
    if "latest_report" in changed:
        event = events.StateChanged(
            region_id=report.incident.region_id,
            incident_id=report.incident_id,
            real=state.reaches_residents(report.incident),
            point_ids=(report.point_id,),
            reason="report",
        )
    parts = [f"{report.point.code}: {STATE_NL.get(PointState(report.state), report.state)}"]
    if report.visitors is not None:
        parts.append(f"{report.visitors} bezoekers")
    if report.fuel_hours_left is not None:
        parts.append(f"brandstof {report.fuel_hours_left:g} uur")
    if report.needs:
        parts.append("nodig: " + ", ".join(str(Need(n).label) for n in report.needs))
    if report.note:
        parts.append(report.note[:200])
    log(
        incident=report.incident,
        kind=LogKind.STATUS,
        author=report.reporter,
        author_name=report.reporter_name or "melding",
        point=report.point,
        at=report.received_at,
        text=f"{'; '.join(parts)} (via {Channel(report.channel).label})",
    )
    return event


class _RegionPoints:
    """The region's points as the codec's ``known_points``: ``code in points`` reads that one
    point (one query, kept), instead of every code of the region and then the point again."""

    def __init__(self, region_id: int) -> None:
        self.region_id = region_id
        self.found: dict[str, SupportPoint | None] = {}

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        if code not in self.found:
            self.found[code] = SupportPoint.objects.filter(
                region_id=self.region_id, code=code
            ).first()
        return self.found[code] is not None


def read_line(
    *, incident: Incident, line: str, reference: dt.datetime | None = None
) -> tuple[Any, SupportPoint]:
    """Parse a keyed-in line against the region's points, without storing it: what the operator
    reads back before the point lead confirms. Raises StatusLineError if refused."""
    from paraat.operations.statusline import parse_line

    known = _RegionPoints(incident.region_id)
    parsed = parse_line(line, reference=reference or timezone.now(), known_points=known)
    point = known.found.get(parsed.status.point_code)
    if point is None:  # the codec checked the code; a point's code never changes in between
        point = SupportPoint.objects.get(
            region_id=incident.region_id, code=parsed.status.point_code
        )
    return parsed, point


def record_line(
    *,
    incident: Incident,
    line: str,
    reporter: Any = None,
    reference: dt.datetime | None = None,
    received_at: dt.datetime | None = None,
) -> tuple[StatusReport, bool]:
    """Store a one-line status message the point lead has confirmed (raises StatusLineError if
    refused). The same line for the same incident and moment is one report (see ``line_key``)."""
    parsed, point = read_line(incident=incident, line=line, reference=reference)
    status = parsed.status
    return record_status(
        incident=incident,
        point=point,
        idempotency_key=line_key(incident=incident, line=parsed.line, at=parsed.at),
        state=status.state.lower(),
        channel=Channel.LINE,
        services_available=[s.lower() for s in status.services],
        visitors=status.visitors,
        fuel_hours_left=None if status.fuel_hours is None else float(status.fuel_hours),
        needs=[n.lower() for n in status.needs],
        reporter=reporter,
        reported_at=parsed.at,
        raw_line=parsed.line,
        received_at=received_at,
    )


def card_line(*, point: SupportPoint, now: dt.datetime | None = None) -> str:
    """The line printed on a point's instruction card: its code, the services it offers, its fuel."""
    from paraat.operations.statusline import StatusLine, make_line
    from paraat.supportpoints.facts import autonomy_hours

    moment = timezone.localtime(now or timezone.now())
    offered = frozenset(s.service.upper() for s in point.services.all() if s.available)
    hours, _note = autonomy_hours(point)
    return make_line(
        StatusLine(
            point_code=point.code,
            time=moment.time().replace(second=0, microsecond=0),
            day=moment.day,
            state="OPEN",
            services=offered,
            fuel_hours=None if hours is None else int(hours),
        )
    )
