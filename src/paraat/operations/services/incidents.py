"""Incidents and exercises: start, activate points with their opening checklist, phases, injects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.operations import events, logtext, state
from paraat.operations.constants import (
    OPENING_CHECKLIST,
    LogKind,
    Phase,
)
from paraat.operations.logtext import LogMessage
from paraat.operations.models import (
    Activation,
    Incident,
    Inject,
)
from paraat.operations.services.logbook import log
from paraat.supportpoints.models import SupportPoint


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
    at: dt.datetime | None = None,
) -> Incident:
    """Start an incident or exercise in ``municipalities`` (``at``: when it was made, default now)."""
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
    log(
        incident=incident,
        kind=LogKind.PHASE,
        message=LogMessage.INCIDENT_CREATED,
        params={
            "exercise": is_exercise,
            "title": incident.title,
            "municipalities": [m.name for m in municipalities],
        },
        author=user,
        highlight=True,
        at=at,
    )
    _state_changed(incident, reason="incident")
    return incident


def _state_changed(incident: Incident, *, reason: str, points: Iterable[int] = ()) -> None:
    events.send_on_commit(
        events.StateChanged(
            region_id=incident.region_id,
            incident_id=incident.pk,
            real=state.reaches_residents(incident),
            point_ids=tuple(points),
            reason=reason,
        )
    )


def points_in_area(incident: Incident) -> Any:
    """The active points (designated or prepared) in the incident's municipalities: who can take part."""
    return (
        SupportPoint.objects.in_region(incident.region)
        .active()
        .filter(municipality__in=incident.municipalities.all())
        .select_related("municipality")
        .order_by("municipality__name", "code")
    )


@transaction.atomic
def activate(
    *,
    incident: Incident,
    user: Any = None,
    points: Iterable[SupportPoint] | None = None,
    at: dt.datetime | None = None,
) -> list[Activation]:
    """Select the points (all active points in the area, or the chosen ones). Notifies nobody.

    ``at`` dates an activation that happened earlier (the demo's finished exercise); default now.
    """
    if incident.phase == Phase.CLOSED:
        raise ValidationError({"incident": [_("This incident is closed.")]})
    area = list(incident.municipalities.values_list("pk", flat=True))
    chosen = list(points_in_area(incident) if points is None else points)
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
    now = at or timezone.now()
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
            message=LogMessage.POINTS_ACTIVATED,
            params={
                "count": len(made),
                "codes": [a.point.code for a in made[:30]],
                "more": len(made) > 30,
            },
            author=user,
            at=now,
        )
        _state_changed(incident, reason="activation", points=[a.point_id for a in made])
    if incident.phase == Phase.ALERTING:
        set_phase(incident=incident, phase=Phase.SCALING_UP, user=user, at=now)
    return made


@transaction.atomic
def set_phase(
    *, incident: Incident, phase: str, user: Any = None, at: dt.datetime | None = None
) -> Incident:
    """Move the incident to ``phase`` (``at``: when that happened, default now); closing is final."""
    if phase not in Phase.values:
        raise ValidationError({"phase": [_("Unknown phase.")]})
    if incident.phase == phase:
        return incident
    if incident.phase == Phase.CLOSED:
        raise ValidationError(
            {"phase": [_("A closed incident cannot be reopened; start a new one.")]}
        )
    incident.phase = phase
    moment = at or timezone.now()
    incident.closed_at = moment if phase == Phase.CLOSED else None
    incident.save(update_fields=["phase", "closed_at"])
    log(
        incident=incident,
        kind=LogKind.PHASE,
        message=LogMessage.PHASE,
        params={"phase": phase},
        author=user,
        highlight=True,
        at=moment,
    )
    _state_changed(incident, reason="phase")
    return incident


@transaction.atomic
def tick_checklist(
    *,
    activation: Activation,
    item: str,
    done: bool,
    user: Any = None,
    at: dt.datetime | None = None,
) -> Activation:
    """Tick (or untick) an item of a point's opening checklist; the logbook says who and when."""
    activation = (
        Activation.objects.select_for_update().select_related("point").get(pk=activation.pk)
    )
    if item not in activation.checklist:
        raise ValidationError({"item": [_("Unknown checklist item.")]})
    if activation.checklist[item] == done:
        return activation
    activation.checklist = {**activation.checklist, item: done}
    activation.save(update_fields=["checklist"])
    log(
        incident=activation.incident,
        kind=LogKind.ACTIVATION,
        author=user,
        point=activation.point,
        message=LogMessage.CHECKLIST,
        params={
            "point": activation.point.code,
            "item": item,
            "done": done,
            "done_count": activation.checklist_done,
            "total": len(activation.checklist),
        },
        at=at,
    )
    return activation


@transaction.atomic
def schedule_injects(
    *,
    incident: Incident,
    injects: Iterable[tuple[dt.timedelta, str, str]],
    source: str = "",
    user: Any = None,
    at: dt.datetime | None = None,
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
            message=LogMessage.INJECTS_PLANNED,
            params={"count": len(made), "source": source or ""},
            author=user,
            at=at,
        )
    return made


@transaction.atomic
def deliver_due_injects(*, incident: Incident, now: dt.datetime | None = None) -> list[Inject]:
    """Deliver every inject whose time has come: it is written to the logbook, marked as exercise.
    A closed exercise takes none: its logbook is the record of what happened."""
    if incident.phase == Phase.CLOSED:
        raise ValidationError({"incident": [_("This incident is closed.")]})
    moment = now or timezone.now()
    due = list(Inject.objects.select_for_update().filter(incident=incident).due(moment))
    for inject in due:
        inject.delivered_at = moment
        inject.save(update_fields=["delivered_at"])
        hours = inject.offset.total_seconds() / 3600
        log(
            incident=incident,
            kind=LogKind.INJECT,
            author_name=logtext.in_house(logtext.EXERCISE_CONTROL),
            highlight=True,
            at=moment,
            message=LogMessage.INJECT_DUE,
            params={"hours": hours, "title": inject.title, "message": inject.message},
        )
    return due
