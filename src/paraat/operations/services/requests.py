"""Help requests (claim, assign, done) and emergency reports relayed through a point."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.core import audit
from paraat.core.audit import acting_as
from paraat.core.constants import AuditAction
from paraat.operations.constants import (
    LogKind,
    Need,
    Phase,
    Priority,
    RequestOrigin,
    RequestStatus,
)
from paraat.operations.logtext import LogMessage
from paraat.operations.models import (
    EmergencyRelay,
    HelpRequest,
    Incident,
)
from paraat.operations.services.logbook import _name, log
from paraat.supportpoints.models import SupportPoint


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
    at: dt.datetime | None = None,
) -> HelpRequest:
    """Register what a point or the crisis team needs (``at``: when it was asked, default now)."""
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
        created_at=at or timezone.now(),
    )  # fmt: skip
    log(
        incident=incident,
        kind=LogKind.REQUEST,
        author=user,
        point=point,
        message=LogMessage.REQUEST_MADE,
        params={
            "priority": priority,
            "point": point.code if point else "",
            "need": kind,
            "description": description.strip()[:200],
        },
        at=request.created_at,
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
def claim_request(*, request: HelpRequest, user: Any, at: dt.datetime | None = None) -> HelpRequest:
    _transition(request, (RequestStatus.OPEN,), RequestStatus.CLAIMED)
    request.status, request.claimed_by, request.claimed_at = (
        RequestStatus.CLAIMED,
        user,
        at or timezone.now(),
    )
    request.save(update_fields=["status", "claimed_by", "claimed_at"])
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        message=LogMessage.REQUEST_CLAIMED,
        params={"number": request.pk, "name": _name(user)},
        at=request.claimed_at,
    )
    return request


@transaction.atomic
def assign_request(
    *, request: HelpRequest, assignee: str, user: Any, at: dt.datetime | None = None
) -> HelpRequest:
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
        at or timezone.now(),
    )
    request.save(update_fields=["status", "assigned_to", "assigned_at"])
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        message=LogMessage.REQUEST_ASSIGNED,
        params={"number": request.pk, "name": request.assigned_to},
        at=request.assigned_at,
    )
    return request


@transaction.atomic
def complete_request(
    *,
    request: HelpRequest,
    user: Any,
    outcome: str = "",
    cancelled: bool = False,
    at: dt.datetime | None = None,
) -> HelpRequest:
    target = RequestStatus.CANCELLED if cancelled else RequestStatus.DONE
    _transition(
        request, (RequestStatus.OPEN, RequestStatus.CLAIMED, RequestStatus.ASSIGNED), target
    )
    request.status, request.done_by, request.done_at, request.outcome = (
        target,
        user,
        at or timezone.now(),
        outcome.strip(),
    )
    request.save(update_fields=["status", "done_by", "done_at", "outcome"])
    log(
        incident=request.incident,
        kind=LogKind.REQUEST,
        author=user,
        point=request.point,
        message=LogMessage.REQUEST_CANCELLED if cancelled else LogMessage.REQUEST_DONE,
        params={"number": request.pk, "outcome": request.outcome},
        at=request.done_at,
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
        # Only a reference: residents' names, addresses and needs stay in the (erasable) report.
        message=LogMessage.RELAY_RECEIVED,
        params={"number": relay.pk, "point": point.code},
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
        message=LogMessage.RELAY_OUTCOME,
        params={"number": relay.pk},
    )
    return relay


def show_relays(*, relays: Any, user: Any, purpose: str) -> list[EmergencyRelay]:
    """Relayed reports hold residents' personal data: every one shown gets an audit entry."""
    shown = list(relays)
    with acting_as(user):
        for relay in shown:
            if relay.erased_at is None:
                audit.record(action=AuditAction.VIEW, instance=relay, note=purpose[:300])
    return shown


@transaction.atomic
def erase_relays(*, days: int, now: dt.datetime | None = None) -> int:
    """Erase what residents told in relayed reports of incidents closed ``days`` ago or more.

    The report stays (when, through which point, that it was handled); its text goes. The
    logbook never held that text, so nothing else needs to change. Returns how many were erased.
    """
    now = now or timezone.now()
    due = EmergencyRelay.objects.select_for_update().filter(
        erased_at__isnull=True,
        incident__closed_at__isnull=False,
        incident__closed_at__lte=now - dt.timedelta(days=days),
    )
    erased = 0
    with acting_as(None, label="retention"):
        for relay in due:
            relay.summary, relay.outcome, relay.erased_at = "", "", now
            relay.save(update_fields=["summary", "outcome", "erased_at"])
            erased += 1
    return erased
