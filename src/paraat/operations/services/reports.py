"""Status reports, stored exactly once per idempotency key whichever way they came in."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paraat.core import audit, changes, groupcommit, rows
from paraat.operations import events, logtext, state
from paraat.operations.constants import (
    Channel,
    LogKind,
    Need,
    Phase,
    PointState,
    PowerSource,
)
from paraat.operations.logtext import LogMessage
from paraat.operations.models import Activation, Incident, LogEntry, StatusReport
from paraat.operations.services import locking
from paraat.operations.services.logbook import _name, entry
from paraat.supportpoints.constants import Service
from paraat.supportpoints.models import SupportPoint

logger = logging.getLogger(__name__)


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

    Outside a transaction of the caller, reports that arrive at the same moment are stored
    together, in one transaction (``PARAAT_REPORT_GROUP_COMMIT``, ``_store_group``); each caller
    is answered once the transaction that holds its report has committed.
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
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("Unknown channel.")]})
    authenticated = getattr(reporter, "is_authenticated", False)
    report = _Report(
        incident=incident, point=point, key=key, body=body,
        values={
            **body, "reported_at": reported_at or timezone.now(),
            "reporter": reporter if authenticated else None,
            "reporter_name": reporter_name or _name(reporter, ""), "channel": channel,
            "raw_line": raw_line[:200], "received_at": received_at or timezone.now(),
        },
        language=translation.get_language(), actor=audit.current(),
    )  # fmt: skip
    return _submit(report)


def _submit(report: _Report) -> tuple[StatusReport, bool]:
    """Store ``report`` with the others arriving now, or on its own inside a caller's
    transaction (that transaction's commit is the caller's, not the group's)."""
    if connection.in_atomic_block or not settings.PARAAT_REPORT_GROUP_COMMIT:
        return _store_one(report)
    report.prepare()
    return _group_of(connection.alias).submit(report)


@dataclass(eq=False)
class _Report:
    """A report checked on its own, to be stored: ``body`` is what a retry must repeat,
    ``values`` every field of the row but its incident, point and key."""

    incident: Incident
    point: SupportPoint
    key: str
    body: dict[str, Any]
    values: dict[str, Any]
    language: str | None  # of the request: its messages and log line, whichever thread writes
    actor: Any  # whom the audit trail names for its changes (``audit.current``)
    # Made in the sender's thread, before the write lock (``prepare``): the row, its logbook
    # line and what the sync journal records of both.
    row: StatusReport | None = None
    line: LogEntry | None = None
    row_values: Any = None
    line_values: Any = None

    def prepare(self) -> None:
        """Make the report's row and logbook line, and their journal values, as the group
        commit stores them; in the sender's thread, so the writer holds the lock for less."""
        self.row = StatusReport(
            incident=self.incident, point=self.point, idempotency_key=self.key, **self.values
        )
        with translation.override(self.language):
            self.line = _log_line(self.row)
        self.row_values = changes.values(self.row)
        self.line_values = changes.values(self.line)


def _store_one(report: _Report) -> tuple[StatusReport, bool]:
    """Store one report in its own transaction (or the caller's)."""
    try:
        # The sync journal's rows of the report, the activation and the log entry go in one
        # insert at the end of the transaction (paraat.sync.journal.batch, through core.changes).
        with locking.one_writer(), transaction.atomic(), changes.batch():
            # Lock the point's activation first: simultaneous reports of one point then take
            # turns, and each compares itself with the latest report committed before it.
            activation, latest = locking.locked_activation(report.incident, report.point)
            try:
                _check(report, activation)
            except ValidationError:
                # A retry of a stored report counts even when it could not be stored now (the
                # incident closed since): the key is looked up only on this rare path.
                existing = StatusReport.objects.filter(idempotency_key=report.key).first()
                if existing is None:
                    raise
                return _same_report(existing, report), False
            assert activation is not None
            stored, event = _create(report, activation, latest)
    except IntegrityError:
        # The key was stored before (a retry), or by another request in the meantime: that counts.
        existing = StatusReport.objects.filter(idempotency_key=report.key).first()
        if existing is None:
            raise
        return _same_report(existing, report), False
    # Sent after the write lock is released (at once, or when an outer transaction commits):
    # the receivers (the public pages) never hold up the next report.
    if event is not None:
        events.send_on_commit(event)
    return stored, True


def _check(report: _Report, activation: Activation | None) -> None:
    values = report.values
    _validate_report(
        incident=report.incident, point=report.point, activated=activation is not None,
        state=values["state"], services_available=values["services_available"],
        needs=values["needs"], visitors=values["visitors"],
        fuel_hours_left=values["fuel_hours_left"], power_source=values["power_source"],
        reported_at=values["reported_at"],
    )  # fmt: skip


def _create(
    report: _Report, activation: Activation, latest: tuple[dt.datetime, int] | None
) -> tuple[StatusReport, events.StateChanged | None]:
    """Insert the report (no look-up of the key before: the unique key refuses a retry, as an
    IntegrityError), and move the activation's pointers."""
    with translation.override(report.language), audit.restoring(report.actor):
        stored = StatusReport.objects.create(
            incident=report.incident, point=report.point, idempotency_key=report.key,
            **report.values,
        )  # fmt: skip
        return stored, _after_report(stored, activation, latest)


_groups: dict[str, groupcommit.Group[_Report, tuple[StatusReport, bool]]] = {}
_groups_lock = threading.Lock()


def _group_of(alias: str) -> groupcommit.Group[_Report, tuple[StatusReport, bool]]:
    """The group commit of this process for the database ``alias`` (one per forked worker)."""
    key = f"{os.getpid()}:{alias}"
    with _groups_lock:
        group = _groups.get(key)
        if group is None:
            group = _groups[key] = groupcommit.Group(_store_group, most=GROUP_MOST)
        return group


GROUP_MOST = 64  # reports in one transaction at most


def _store_group(
    reports: Sequence[_Report],
) -> list[tuple[StatusReport, bool] | BaseException]:
    """Store reports that arrived together: one write lock, one transaction, one commit.

    Every report is checked as ``_store_one`` checks it, against the activation as the reports
    before it in the group left it. A report the group does not store (its key was used before
    or twice in the group, its point is not activated, it is refused) is then stored, or refused,
    on its own by ``_store_one``, so its answer is the same as without the group; so is every
    report of a group that a database error stopped (another process stored the same key).

    Under the lock only statements run, written once (``core.rows``): the rows, the logbook
    lines and their journal values were made in the senders' threads (``_Report.prepare``);
    the saves' signals are replaced by telling the journal what was written (``changes.saved``).
    """
    outcomes: list[tuple[StatusReport, bool] | BaseException | None] = [None] * len(reports)
    alone: list[int] = []
    sent: list[events.StateChanged] = []
    for report in reports:
        if report.row is None:  # not prepared by its sender (``_submit`` prepares it)
            report.prepare()
    try:
        with locking.one_writer(), transaction.atomic(), changes.batch():
            locked = locking.locked_activations(
                (report.incident, report.point) for report in reports
            )
            sent = _store_checked(reports, locked, alone, outcomes)
    except DatabaseError:
        logger.warning("a group of %d reports is stored one by one", len(reports), exc_info=True)
        outcomes, alone, sent = [None] * len(reports), list(range(len(reports))), []
    for event in _joined(sent):
        events.send_on_commit(event)
    for i in sorted(alone):
        try:
            with translation.override(reports[i].language):
                outcomes[i] = _store_one(reports[i])
        except Exception as exc:  # this report's own answer (refused, a retry, or a conflict)
            outcomes[i] = exc
    return outcomes  # type: ignore[return-value]


def _store_checked(
    reports: Sequence[_Report],
    locked: locking.Locked,
    alone: list[int],
    outcomes: list[Any],
) -> list[events.StateChanged]:
    """Check the group's reports in order; insert those that pass in one statement (a key
    stored before, or twice in the group, is left out: those go to ``alone``), move each
    activation's pointers as the reports did one after the other (one update statement for
    every moved activation), and insert their logbook lines in one statement."""
    passed: list[tuple[int, _Report]] = []
    keys: set[str] = set()
    for i, report in enumerate(reports):
        if report.key in keys:  # twice in the group: the second is a retry of the first
            alone.append(i)
            continue
        activation = locked.get((report.incident.pk, report.point.pk), (None, None))[0]
        try:
            _check(report, activation)
        except ValidationError:
            alone.append(i)
            continue
        keys.add(report.key)
        passed.append((i, report))
    rows_ = [report.row for _i, report in passed if report.row is not None]
    stored = {id(row) for row in rows.insert(StatusReport, rows_, skip_taken="idempotency_key")}
    moved: dict[int, tuple[Activation, set[str]]] = {}
    lines: list[LogEntry] = []
    sent: list[events.StateChanged] = []
    for i, report in passed:
        row = report.row
        assert row is not None and report.line is not None
        if id(row) not in stored:  # its key was taken: a retry, answered on its own
            alone.append(i)
            continue
        changes.saved(row, created=True, values=report.row_values)
        key = (report.incident.pk, report.point.pk)
        activation = locked[key][0]
        changed = _move_pointers(row, activation, locked[key][1])
        if "latest_report" in changed:
            locked[key] = (activation, (row.reported_at, row.pk))
            sent.append(_event(row))
        if changed:
            moved.setdefault(activation.pk, (activation, set()))[1].update(changed)
        lines.append(report.line)
        outcomes[i] = (row, True)
    _update_pointers([activation for activation, _fields in moved.values()])
    for activation, fields in moved.values():
        changes.saved(activation, created=False, fields=fields)
    rows.insert(LogEntry, lines)
    for i, report in passed:
        if outcomes[i] is not None:
            changes.saved(report.line, created=True, values=report.line_values)
    return sent


_POINTERS = ("first_report_at", "opened_at", "latest_report")
_UPDATE_SQL: dict[str, str] = {}


def _update_pointers(activations: list[Activation]) -> None:
    """Write the pointers of the moved ``activations`` (they are derived fields: no audit
    entry, as for their ``save(update_fields=...)``), one statement for all of them."""
    if not activations:
        return
    fields = [Activation._meta.get_field(name) for name in _POINTERS]
    sql = _UPDATE_SQL.get(connection.vendor)
    if sql is None:
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)  # type: ignore[union-attr]
        sql = _UPDATE_SQL[connection.vendor] = (
            f"UPDATE {rows.table(Activation)} SET {assignments} WHERE id = %s"  # noqa: S608 (names from the model)
        )
    params = [
        [
            *(f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields),  # type: ignore[union-attr]
            a.pk,
        ]
        for a in activations
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _joined(sent: list[events.StateChanged]) -> list[events.StateChanged]:
    """One event per incident for the points whose latest report changed in a group."""
    joined: dict[tuple[int, int, bool, str], list[int]] = {}
    for event in sent:
        points = joined.setdefault(
            (event.region_id, event.incident_id, event.real, event.reason), []
        )
        points.extend(p for p in event.point_ids if p not in points)
    return [
        events.StateChanged(region_id=r, incident_id=i, real=real, point_ids=tuple(p), reason=why)
        for (r, i, real, why), p in joined.items()
    ]


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


def _same_report(existing: StatusReport, report: _Report) -> StatusReport:
    """The stored report for a retry; a key reused for other content is refused, never ignored."""
    incident, point = report.incident, report.point
    if existing.incident_id != incident.pk or existing.point_id != point.pk:
        raise ValidationError(
            {"idempotency_key": [_("This key was already used for another report.")]}
        )
    existing.incident, existing.point = incident, point  # the same rows: no query for them
    if any(getattr(existing, name) != value for name, value in report.body.items()):
        raise IdempotencyConflict(existing)
    return existing


def _after_report(
    report: StatusReport, activation: Activation, latest: tuple[dt.datetime, int] | None
) -> events.StateChanged | None:
    """Keep the activation's first, opened and latest report (the activation row is locked) and
    write the logbook line; the event to send once committed when the latest report changed."""
    changed = _move_pointers(report, activation, latest)
    if changed:
        activation.save(update_fields=changed)
    _log_line(report).save(force_insert=True)
    return _event(report) if "latest_report" in changed else None


def _move_pointers(
    report: StatusReport, activation: Activation, latest: tuple[dt.datetime, int] | None
) -> list[str]:
    """Move the activation's first, opened and latest report for ``report`` (not saved); the
    fields it changed. ``latest`` is the latest report committed before this one's lock
    (``locking.locked``), or stored before it in the same group."""
    changed = []
    if activation.first_report_at is None or report.reported_at < activation.first_report_at:
        activation.first_report_at = report.reported_at
        changed.append("first_report_at")
    if report.state in (PointState.OPEN, PointState.LIMITED, PointState.FULL) and (
        activation.opened_at is None or report.reported_at < activation.opened_at
    ):
        activation.opened_at = report.reported_at
        changed.append("opened_at")
    if latest is None or (report.reported_at, report.pk) >= latest:
        activation.latest_report = report
        changed.append("latest_report")
    return changed


def _event(report: StatusReport) -> events.StateChanged:
    return events.StateChanged(
        region_id=report.incident.region_id,
        incident_id=report.incident_id,
        real=state.reaches_residents(report.incident),
        point_ids=(report.point_id,),
        reason="report",
    )


def _log_line(report: StatusReport) -> LogEntry:
    """The logbook's line for ``report``, not yet stored."""
    return entry(
        incident=report.incident,
        kind=LogKind.STATUS,
        message=LogMessage.STATUS_REPORT,
        params={
            "point": report.point.code,
            "state": report.state,
            "visitors": report.visitors,
            "fuel_hours": report.fuel_hours_left,
            "needs": list(report.needs),
            "note": report.note[:200],
            "channel": report.channel,
        },  # fmt: skip
        author=report.reporter,
        author_name=report.reporter_name or logtext.in_house(logtext.REPORT),
        point=report.point,
        at=report.received_at,
    )
