"""Call-outs as Ready2Help and HartslagNu do them: ask the nearest available volunteers with the
skill (and a valid certificate), stop when enough said yes, widen the radius in steps when too
few answer in time, and tell the rest they are not needed.

The cap holds under any number of simultaneous answers: an accept is one conditional UPDATE
(`accepted_count < needed`) that the database serialises, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.community import availability, links, locate, messages, ring
from paraat.community.constants import AskState, CalloutState, Channel, Skill, VolunteerState
from paraat.community.models import Ask, Callout, Shift, Volunteer

# Per ring, ask at most this many times the number still needed (nearest first).
ASK_FACTOR = 3


def _eligible(callout: Callout, now: dt.datetime, radius: float) -> list[tuple[int, float]]:
    """(volunteer id, distance) of those to ask next, nearest first, never anyone asked before."""
    x, y = locate.rd(callout.point.lon, callout.point.lat)
    rows = list(
        Volunteer.objects.in_region(callout.point.region_id)
        .filter(state=VolunteerState.ACTIVE)
        .with_skill(callout.skill, timezone.localdate(now))
        .within_box(x, y, radius)
        .exclude(asks__callout=callout)
        .values_list("pk", "x_rd", "y_rd", "availability", "away")
    )
    if not rows:
        return []
    local = timezone.localtime(now)
    ids = np.array([r[0] for r in rows])
    free = [availability.is_available(r[3], r[4], local) for r in rows]
    still = callout.needed - callout.accepted_count
    pending = callout.asks.filter(state=AskState.ASKED).count()
    per_ring = callout.asks_per_ring or ASK_FACTOR * still
    limit = max(per_ring - pending, 0)
    order, distances = ring.first_ring(
        [r[1] for r in rows], [r[2] for r in rows], free, (x, y), radius, limit
    )
    return [(int(ids[i]), float(d)) for i, d in zip(order, distances, strict=True)]


def _ask_ring(callout: Callout, now: dt.datetime) -> list[Ask]:
    found = _eligible(callout, now, callout.radius_m)
    start = callout.asks.count()
    volunteers = Volunteer.objects.in_bulk([pk for pk, _ in found])
    asks = [
        Ask(
            callout=callout,
            volunteer=volunteers[pk],
            order=start + n + 1,
            ring=callout.ring,
            distance_m=round(distance),
            channel=Channel.EMAIL if volunteers[pk].email else Channel.SMS,
            asked_at=now,
        )
        for n, (pk, distance) in enumerate(found)
    ]
    Ask.objects.bulk_create(asks)
    created = list(callout.asks.filter(ring=callout.ring, asked_at=now).select_related("volunteer"))
    outgoing = [messages.ask(a, links.ask_token(a)) for a in created]
    transaction.on_commit(lambda: [messages.send(m) for m in outgoing])
    return created


@transaction.atomic
def start_callout(
    *,
    incident: Any,
    point: Any,
    skill: str,
    needed: int,
    radius_m: int,
    max_radius_m: int | None = None,
    step_m: int | None = None,
    wait_minutes: int = 10,
    asks_per_ring: int | None = None,
    created_by: Any = None,
    help_request: Any = None,
    now: dt.datetime | None = None,
) -> Callout:
    """Ask the first ring now; `advance_callouts` widens it later if too few say yes."""
    if skill not in Skill.values:
        raise ValidationError({"skill": _("Unknown skill.")})
    if needed < 1 or radius_m < 1:
        raise ValidationError({"needed": _("Ask for at least one volunteer within some distance.")})
    if point.region_id != incident.region_id:
        raise ValidationError({"point": _("The point is not in the incident's region.")})
    now = now or timezone.now()
    callout = Callout.objects.create(
        incident=incident,
        point=point,
        help_request=help_request,
        skill=skill,
        needed=needed,
        radius_m=radius_m,
        max_radius_m=max(max_radius_m or radius_m * 4, radius_m),
        step_m=step_m or radius_m,
        wait_minutes=wait_minutes,
        asks_per_ring=asks_per_ring,
        created_by=created_by,
        ring=1,
        ring_started_at=now,
    )
    _ask_ring(callout, now)
    return callout


def _fill(callout_id: int, now: dt.datetime) -> None:
    """The cap is reached: close the call-out and tell those still asked they are not needed."""
    Callout.objects.filter(pk=callout_id).update(state=CalloutState.FILLED)
    waiting = list(
        Ask.objects.filter(callout_id=callout_id, state=AskState.ASKED).select_related(
            "volunteer", "callout__point"
        )
    )
    Ask.objects.filter(pk__in=[a.pk for a in waiting]).update(
        state=AskState.NOT_NEEDED, answered_at=now
    )
    outgoing = [messages.not_needed(a) for a in waiting if a.volunteer is not None]
    transaction.on_commit(lambda: [messages.send(m) for m in outgoing])


@transaction.atomic
def answer(*, ask: Ask, accept: bool, now: dt.datetime | None = None) -> str:
    """Record a yes or no from an ask's link, once. Returns the ask's state afterwards: accepted,
    declined, or not_needed when the call-out was full (also for a second click on the link)."""
    now = now or timezone.now()
    # Every answer to one call-out takes the call-out's row lock first, so they queue in one order
    # (no deadlock with `_fill`); on SQLite the IMMEDIATE transaction does the same.
    Callout.objects.select_for_update().filter(pk=ask.callout_id).first()
    claimed = Ask.objects.filter(pk=ask.pk, state=AskState.ASKED).update(
        state=AskState.DECLINED, answered_at=now
    )
    if not claimed:
        return str(Ask.objects.values_list("state", flat=True).get(pk=ask.pk))
    if ask.volunteer_id is not None:
        Volunteer.objects.filter(pk=ask.volunteer_id).update(
            last_active_at=now, erase_notice_at=None
        )
    if not accept:
        return AskState.DECLINED
    won = Callout.objects.filter(
        pk=ask.callout_id, state=CalloutState.OPEN, accepted_count__lt=F("needed")
    ).update(accepted_count=F("accepted_count") + 1)
    if not won:
        Ask.objects.filter(pk=ask.pk).update(state=AskState.NOT_NEEDED)
        return AskState.NOT_NEEDED
    Ask.objects.filter(pk=ask.pk).update(state=AskState.ACCEPTED)
    callout = Callout.objects.get(pk=ask.callout_id)
    Shift.objects.create(
        incident_id=callout.incident_id,
        point_id=callout.point_id,
        volunteer_id=ask.volunteer_id,
        starts_at=now,
        ends_at=now + dt.timedelta(hours=callout.shift_hours),
        callout=callout,
    )
    if callout.accepted_count >= callout.needed:
        _fill(callout.pk, now)
    return AskState.ACCEPTED


@transaction.atomic
def advance_callouts(*, now: dt.datetime | None = None) -> list[Callout]:
    """Widen every open call-out whose ring has waited long enough without enough answers."""
    now = now or timezone.now()
    widened = []
    for callout in Callout.objects.open().select_related("point", "incident").select_for_update():
        if callout.ring_started_at and now < callout.ring_started_at + dt.timedelta(
            minutes=callout.wait_minutes
        ):
            continue
        if callout.radius_m >= callout.max_radius_m:
            if not callout.asks.filter(state=AskState.ASKED).exists():
                callout.state = CalloutState.EXHAUSTED
                callout.save(update_fields=["state"])
            continue
        callout.radius_m = min(callout.radius_m + callout.step_m, callout.max_radius_m)
        callout.ring += 1
        callout.ring_started_at = now
        callout.save(update_fields=["radius_m", "ring", "ring_started_at"])
        _ask_ring(callout, now)
        widened.append(callout)
    return widened


@transaction.atomic
def close_callout(*, callout: Callout, now: dt.datetime | None = None) -> Callout:
    """The lead stops the call-out; whoever is still asked is told not to come."""
    now = now or timezone.now()
    _fill(callout.pk, now)
    Callout.objects.filter(pk=callout.pk).update(state=CalloutState.CLOSED)
    callout.refresh_from_db()
    return callout


@transaction.atomic
def hand_over_to_volunteers(
    *,
    request: Any,
    point: Any,
    skill: str,
    needed: int,
    radius_m: int,
    wait_minutes: int = 10,
    user: Any = None,
    now: dt.datetime | None = None,
) -> Callout:
    """Hand a help request to volunteers: a call-out from a point near the need, and the request
    assigned to that call-out through operations' own claim workflow (open or claimed → assigned,
    later done), so the logbook tells the same story as for any other assignee."""
    from paraat.operations.services import assign_request

    if point.region_id != request.incident.region_id:
        raise ValidationError({"point": _("The point is not in the incident's region.")})
    callout = start_callout(
        incident=request.incident, point=point, skill=skill, needed=needed, radius_m=radius_m,
        wait_minutes=wait_minutes, created_by=user, help_request=request, now=now,
    )  # fmt: skip
    assign_request(
        request=request, assignee=f"oproep #{callout.pk}: {needed} vrijwilliger(s)", user=user
    )
    return callout
