"""Every change during a disruption goes through here, and each writes a logbook entry.

``record_status`` is the one way a status report is stored, whichever way it came in (phone
form, API or a one-line radio message): exactly once per idempotency key, so a retried
submission never duplicates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.operations.constants import (
    OPENING_CHECKLIST,
    Channel,
    LogKind,
    Need,
    Phase,
    PointState,
    PowerSource,
    Priority,
    RequestOrigin,
    RequestStatus,
)
from paraat.operations.models import (
    Activation,
    EmergencyRelay,
    HelpRequest,
    Incident,
    Inject,
    LogEntry,
    StatusReport,
)
from paraat.supportpoints.constants import Service
from paraat.supportpoints.models import SupportPoint

STATE_NL = {
    PointState.OPEN: "open",
    PointState.LIMITED: "beperkt open",
    PointState.FULL: "vol",
    PointState.CLOSED: "dicht",
}


def _name(user: Any, fallback: str = "systeem") -> str:
    if getattr(user, "is_authenticated", False):
        return str(user.get_full_name() or user.get_username())
    return fallback


def log(
    *,
    incident: Incident,
    text: str,
    kind: str = LogKind.NOTE,
    author: Any = None,
    author_name: str = "",
    point: SupportPoint | None = None,
    corrects: LogEntry | None = None,
    highlight: bool = False,
    at: dt.datetime | None = None,
) -> LogEntry:
    """Append to the incident's logbook (the only way entries are written)."""
    return LogEntry.objects.create(
        incident=incident,
        created_at=at or timezone.now(),
        author=author if getattr(author, "is_authenticated", False) else None,
        author_name=author_name or _name(author),
        kind=kind,
        text=text,
        point=point,
        corrects=corrects,
        highlight=highlight,
    )


@transaction.atomic
def correct_log_entry(*, entry: LogEntry, text: str, author: Any) -> LogEntry:
    """A correction is a new entry that refers to the old one; the old one stays as it was."""
    if not text.strip():
        raise ValidationError({"text": [_("Write what the correction is.")]})
    return log(
        incident=entry.incident,
        text=text,
        kind=LogKind.CORRECTION,
        author=author,
        point=entry.point,
        corrects=entry,
    )


@transaction.atomic
def create_incident(
    *,
    region: Any,
    title: str,
    kind: str,
    is_exercise: bool,
    municipalities: Iterable[Any],
    started_at: dt.datetime | None = None,
    user: Any = None,
) -> Incident:
    municipalities = list(municipalities)
    if not municipalities:
        raise ValidationError({"municipalities": [_("Choose at least one municipality.")]})
    if any(m.region_id != region.pk for m in municipalities):
        raise ValidationError({"municipalities": [_("All municipalities must be in the region.")]})
    incident = Incident.objects.create(
        region=region,
        title=title.strip(),
        kind=kind,
        is_exercise=is_exercise,
        started_at=started_at or timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    incident.municipalities.set(municipalities)
    label = _("Exercise") if is_exercise else _("Incident")
    log(
        incident=incident,
        kind=LogKind.PHASE,
        author=user,
        text=f"{label} aangemaakt: {incident.title} ({', '.join(m.name for m in municipalities)})",
        highlight=True,
    )
    return incident


@transaction.atomic
def activate(
    *, incident: Incident, user: Any = None, points: Iterable[SupportPoint] | None = None
) -> list[Activation]:
    """Select the points (all active points in the area, or the chosen ones). Notifies nobody."""
    if incident.phase == Phase.CLOSED:
        raise ValidationError({"incident": [_("This incident is closed.")]})
    area = list(incident.municipalities.values_list("pk", flat=True))
    pool = SupportPoint.objects.in_region(incident.region).active().filter(municipality_id__in=area)
    chosen = list(pool if points is None else points)
    outside = [p.code for p in chosen if p.municipality_id not in area or not p.is_active]
    if outside:
        raise ValidationError(
            {
                "points": [
                    _("Not active in the incident's area: %(codes)s")
                    % {"codes": ", ".join(outside)}
                ]
            }
        )
    now = timezone.now()
    made: list[Activation] = []
    for point in chosen:
        activation, created = Activation.objects.get_or_create(
            incident=incident,
            point=point,
            defaults={
                "activated_at": now,
                "activated_by": user if getattr(user, "is_authenticated", False) else None,
                "checklist": {item: False for item in OPENING_CHECKLIST},
            },
        )
        if created:
            made.append(activation)
    if made:
        log(
            incident=incident,
            kind=LogKind.ACTIVATION,
            author=user,
            text=f"{len(made)} punten geactiveerd: {', '.join(a.point.code for a in made[:30])}{' …' if len(made) > 30 else ''}",
        )
    if incident.phase == Phase.ALERTING:
        set_phase(incident=incident, phase=Phase.SCALING_UP, user=user)
    return made


@transaction.atomic
def set_phase(*, incident: Incident, phase: str, user: Any = None) -> Incident:
    if phase not in Phase.values:
        raise ValidationError({"phase": [_("Unknown phase.")]})
    if incident.phase == phase:
        return incident
    if incident.phase == Phase.CLOSED:
        raise ValidationError(
            {"phase": [_("A closed incident cannot be reopened; start a new one.")]}
        )
    incident.phase = phase
    incident.closed_at = timezone.now() if phase == Phase.CLOSED else None
    incident.save(update_fields=["phase", "closed_at"])
    log(
        incident=incident,
        kind=LogKind.PHASE,
        author=user,
        text=f"Fase: {Phase(phase).label}",
        highlight=True,
    )
    return incident


@transaction.atomic
def tick_checklist(
    *, activation: Activation, item: str, done: bool, user: Any = None
) -> Activation:
    if item not in activation.checklist:
        raise ValidationError({"item": [_("Unknown checklist item.")]})
    activation.checklist = {**activation.checklist, item: done}
    activation.save(update_fields=["checklist"])
    return activation


_sqlite_writes = threading.Lock()


@contextlib.contextmanager
def _one_writer() -> Iterator[None]:
    """On SQLite, let one thread per process write at a time.

    SQLite allows one writer; threads that collide wait in its busy handler, which sleeps in
    growing steps and makes latency jump under load. Queueing in-process costs nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with _sqlite_writes:
        yield


def line_key(line: str) -> str:
    """The idempotency key of a one-line message: the same line keyed in twice is one report."""
    normalised = " ".join(line.upper().split())
    return "line:" + hashlib.sha256(normalised.encode()).hexdigest()[:40]


def _validate_report(
    *,
    incident: Incident,
    point: SupportPoint,
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
    if not Activation.objects.filter(incident=incident, point=point).exists():
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
    comms_working: bool | None = None,
    needs: Iterable[str] = (),
    note: str = "",
    reporter: Any = None,
    reporter_name: str = "",
    reported_at: dt.datetime | None = None,
    raw_line: str = "",
) -> tuple[StatusReport, bool]:
    """Store a status report exactly once; returns (report, created).

    A retry with the same key returns the stored report and changes nothing. A key that was used
    for another point or incident is refused.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 80:
        raise ValidationError(
            {"idempotency_key": [_("An idempotency key of 1 to 80 characters is required.")]}
        )
    existing = StatusReport.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _same_report(existing, incident, point), False
    services_list = sorted(set(services_available))
    needs_list = sorted(set(needs))
    when = reported_at or timezone.now()
    _validate_report(
        incident=incident,
        point=point,
        state=state,
        services_available=services_list,
        needs=needs_list,
        visitors=visitors,
        fuel_hours_left=fuel_hours_left,
        power_source=power_source,
        reported_at=when,
    )
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("Unknown channel.")]})
    try:
        with _one_writer(), transaction.atomic():
            report = StatusReport.objects.create(
                incident=incident, point=point, idempotency_key=key, state=state, services_available=services_list,
                visitors=visitors, power_source=power_source, fuel_hours_left=fuel_hours_left, comms_working=comms_working,
                needs=needs_list, note=note, reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
                reporter_name=reporter_name or _name(reporter, ""), channel=channel, reported_at=when, raw_line=raw_line[:200],
            )  # fmt: skip
            _after_report(report)
    except IntegrityError:
        # Another request stored the same key in the meantime: that one counts.
        existing = StatusReport.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _same_report(existing, incident, point), False
    return report, True


def _same_report(existing: StatusReport, incident: Incident, point: SupportPoint) -> StatusReport:
    if existing.incident_id != incident.pk or existing.point_id != point.pk:
        raise ValidationError(
            {"idempotency_key": [_("This key was already used for another report.")]}
        )
    return existing


def _after_report(report: StatusReport) -> None:
    activation = (
        Activation.objects.select_for_update(of=("self",))
        .select_related("latest_report")
        .get(incident=report.incident, point=report.point)
    )
    changed = []
    if activation.first_report_at is None or report.reported_at < activation.first_report_at:
        activation.first_report_at = report.reported_at
        changed.append("first_report_at")
    if report.state in (PointState.OPEN, PointState.LIMITED, PointState.FULL) and (
        activation.opened_at is None or report.reported_at < activation.opened_at
    ):
        activation.opened_at = report.reported_at
        changed.append("opened_at")
    latest = activation.latest_report
    if latest is None or (report.reported_at, report.pk) >= (latest.reported_at, latest.pk):
        activation.latest_report = report
        changed.append("latest_report")
    if changed:
        activation.save(update_fields=changed)
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


@transaction.atomic
def create_help_request(
    *,
    incident: Incident,
    kind: str,
    description: str,
    user: Any = None,
    point: SupportPoint | None = None,
    priority: str = Priority.NORMAL,
    idempotency_key: str | None = None,
) -> HelpRequest:
    if idempotency_key:
        existing = HelpRequest.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    errors: dict[str, list[str]] = {}
    if kind not in Need.values:
        errors["kind"] = [_("Unknown kind of request.")]
    if priority not in Priority.values:
        errors["priority"] = [_("Unknown priority.")]
    if not description.strip():
        errors["description"] = [_("Describe what is needed.")]
    if incident.phase == Phase.CLOSED:
        errors["incident"] = [_("This incident is closed.")]
    if errors:
        raise ValidationError(errors)
    request = HelpRequest.objects.create(
        incident=incident, point=point, origin=RequestOrigin.POINT if point else RequestOrigin.CRISIS_TEAM, kind=kind, priority=priority,
        description=description.strip(), created_by=user if getattr(user, "is_authenticated", False) else None, idempotency_key=idempotency_key or None,
    )  # fmt: skip
    where = f"{point.code}: " if point else ""
    log(
        incident=incident,
        kind=LogKind.REQUEST,
        author=user,
        point=point,
        text=f"Hulpvraag ({Priority(priority).label.lower()}) {where}{Need(kind).label}: {description.strip()[:200]}",
    )
    return request


def _transition(request: HelpRequest, allowed: tuple[str, ...], target: str) -> None:
    if request.status not in allowed:
        raise ValidationError(
            {
                "status": [
                    _("This request is %(status)s and cannot become %(target)s.")
                    % {
                        "status": request.get_status_display(),
                        "target": RequestStatus(target).label,
                    }
                ]
            }
        )


@transaction.atomic
def claim_request(*, request: HelpRequest, user: Any) -> HelpRequest:
    _transition(request, (RequestStatus.OPEN,), RequestStatus.CLAIMED)
    request.status, request.claimed_by, request.claimed_at = (
        RequestStatus.CLAIMED,
        user,
        timezone.now(),
    )
    request.save(update_fields=["status", "claimed_by", "claimed_at"])
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        text=f"Hulpvraag #{request.pk} opgepakt door {_name(user)}",
    )
    return request


@transaction.atomic
def assign_request(*, request: HelpRequest, assignee: str, user: Any) -> HelpRequest:
    _transition(
        request,
        (RequestStatus.OPEN, RequestStatus.CLAIMED, RequestStatus.ASSIGNED),
        RequestStatus.ASSIGNED,
    )
    if not assignee.strip():
        raise ValidationError({"assigned_to": [_("Say who carries it out.")]})
    request.status, request.assigned_to, request.assigned_at = (
        RequestStatus.ASSIGNED,
        assignee.strip(),
        timezone.now(),
    )
    request.save(update_fields=["status", "assigned_to", "assigned_at"])
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        text=f"Hulpvraag #{request.pk} toegewezen aan {request.assigned_to}",
    )
    return request


@transaction.atomic
def complete_request(
    *, request: HelpRequest, user: Any, outcome: str = "", cancelled: bool = False
) -> HelpRequest:
    target = RequestStatus.CANCELLED if cancelled else RequestStatus.DONE
    _transition(
        request, (RequestStatus.OPEN, RequestStatus.CLAIMED, RequestStatus.ASSIGNED), target
    )
    request.status, request.done_by, request.done_at, request.outcome = (
        target,
        user,
        timezone.now(),
        outcome.strip(),
    )
    request.save(update_fields=["status", "done_by", "done_at", "outcome"])
    verb = "ingetrokken" if cancelled else "afgerond"
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        text=f"Hulpvraag #{request.pk} {verb}{': ' + request.outcome if request.outcome else ''}",
    )
    return request


@transaction.atomic
def relay_emergency_report(
    *,
    incident: Incident,
    point: SupportPoint,
    summary: str,
    user: Any,
    received_at: dt.datetime | None = None,
) -> EmergencyRelay:
    if not summary.strip():
        raise ValidationError({"summary": [_("Write what was reported.")]})
    relay = EmergencyRelay.objects.create(
        incident=incident,
        point=point,
        summary=summary.strip(),
        received_at=received_at or timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    log(
        incident=incident,
        kind=LogKind.RELAY,
        author=user,
        point=point,
        highlight=True,
        text=f"Noodmelding via {point.code}: {relay.summary[:200]}",
    )
    return relay


@transaction.atomic
def record_relay_outcome(*, relay: EmergencyRelay, outcome: str, user: Any) -> EmergencyRelay:
    if not outcome.strip():
        raise ValidationError({"outcome": [_("Write the outcome.")]})
    relay.outcome, relay.outcome_at = outcome.strip(), timezone.now()
    relay.save(update_fields=["outcome", "outcome_at"])
    log(
        incident=relay.incident,
        kind=LogKind.RELAY,
        author=user,
        point=relay.point,
        text=f"Afhandeling noodmelding #{relay.pk}: {relay.outcome[:200]}",
    )
    return relay


@transaction.atomic
def schedule_injects(
    *,
    incident: Incident,
    injects: Iterable[tuple[dt.timedelta, str, str]],
    source: str = "",
    user: Any = None,
) -> list[Inject]:
    """Plan scripted messages for an exercise at their simulated time after its start.

    Only exercises take injects: a real incident must never show scripted messages.
    """
    if not incident.is_exercise:
        raise ValidationError({"incident": [_("Injects are for exercises only.")]})
    made = []
    for offset, title, message in injects:
        if offset < dt.timedelta(0):
            raise ValidationError({"offset": [_("An inject cannot come before the start.")]})
        made.append(
            Inject.objects.create(
                incident=incident,
                offset=offset,
                due_at=incident.started_at + offset,
                title=title[:200],
                message=message,
                source=source[:100],
            )
        )
    if made:
        log(
            incident=incident,
            kind=LogKind.INJECT,
            author=user,
            text=f"{len(made)} oefeninjects gepland{' uit ' + source if source else ''}",
        )
    return made


@transaction.atomic
def deliver_due_injects(*, incident: Incident, now: dt.datetime | None = None) -> list[Inject]:
    """Deliver every inject whose time has come: it is written to the logbook, marked as exercise."""
    moment = now or timezone.now()
    due = list(Inject.objects.select_for_update().filter(incident=incident).due(moment))
    for inject in due:
        inject.delivered_at = moment
        inject.save(update_fields=["delivered_at"])
        hours = inject.offset.total_seconds() / 3600
        log(
            incident=incident,
            kind=LogKind.INJECT,
            author_name="oefenleiding",
            highlight=True,
            at=moment,
            text=f"[OEFENING] T+{hours:g} uur — {inject.title}: {inject.message}",
        )
    return due


def record_line(
    *, incident: Incident, line: str, reporter: Any = None, reference: dt.datetime | None = None
) -> tuple[StatusReport, bool]:
    """Store a one-line status message keyed in by an operator (raises StatusLineError if refused).

    The idempotency key is a hash of the normalised line, so the same line keyed in twice is one report.
    """
    from paraat.operations.statusline import parse_line

    parsed = parse_line(line, reference=reference or timezone.now())
    point = SupportPoint.objects.filter(
        region=incident.region, code=parsed.status.point_code
    ).first()
    if point is None:
        raise ValidationError(
            {
                "line": [
                    _("There is no point with code %(code)s in this region.")
                    % {"code": parsed.status.point_code}
                ]
            }
        )
    status = parsed.status
    return record_status(
        incident=incident,
        point=point,
        idempotency_key=line_key(parsed.line),
        state=status.state.lower(),
        channel=Channel.LINE,
        services_available=[s.lower() for s in status.services],
        visitors=status.visitors,
        fuel_hours_left=None if status.fuel_hours is None else float(status.fuel_hours),
        needs=[n.lower() for n in status.needs],
        reporter=reporter,
        reported_at=parsed.at,
        raw_line=parsed.line,
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
