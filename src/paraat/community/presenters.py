"""What the community pages show, assembled from reads (no writes here)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from paraat.community import access, availability, roster
from paraat.community.constants import AskState, CalloutState, Skill
from paraat.community.models import Callout, Partner, PartnerContact, Volunteer


def skill_labels(codes: list[str]) -> list[str]:
    labels = dict(Skill.choices)
    return [str(labels.get(c, c)) for c in codes]


def volunteer_view(volunteer: Volunteer) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "skills": skill_labels(sorted(volunteer.skills.values_list("skill", flat=True))),
        "certificates": [
            {
                "skill": skill_labels([c.skill])[0],
                "issuer": c.issuer,
                "expires_on": c.expires_on,
                "valid": c.expires_on >= today,
            }
            for c in volunteer.certificates.all()
        ],
        "points": list(volunteer.points.order_by("code")),
        "away": availability.format_away(volunteer.away),
        "slots": len(volunteer.availability),
    }


def form_initial(volunteer: Volunteer) -> dict[str, Any]:
    return {
        "name": volunteer.name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "postcode": volunteer.postcode,
        "address": volunteer.address,
        "skills": list(volunteer.skills.values_list("skill", flat=True)),
        "organisation": volunteer.organisation,
        "availability": volunteer.availability,
        "away": availability.format_away(volunteer.away),
    }


def export(volunteer: Volunteer) -> dict[str, Any]:
    """Everything Paraat holds about her (the AVG right of access and portability)."""
    return {
        "name": volunteer.name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "postcode": volunteer.postcode,
        "address": volunteer.address,
        "municipality": volunteer.municipality.name,
        "organisation": volunteer.organisation,
        "skills": sorted(volunteer.skills.values_list("skill", flat=True)),
        "certificates": [
            {"skill": c.skill, "issuer": c.issuer, "expires_on": c.expires_on.isoformat()}
            for c in volunteer.certificates.all()
        ],
        "availability": volunteer.availability,
        "away": volunteer.away,
        "points": sorted(volunteer.points.values_list("code", flat=True)),
        "registered": volunteer.created_at.isoformat(),
        "consent": volunteer.consent_at.isoformat() if volunteer.consent_at else None,
        "consent_version": volunteer.consent_version,
        "last_active": volunteer.last_active_at.isoformat(),
        "shifts": [
            {"point": s.point.code, "from": s.starts_at.isoformat(), "until": s.ends_at.isoformat()}
            for s in volunteer.shifts.select_related("point")
        ],
        "asked": [
            {"callout": a.callout_id, "asked_at": a.asked_at.isoformat(), "answer": a.state}
            for a in volunteer.asks.all()
        ],
    }


def roster_context(user: Any, point: Any, incident: Any) -> dict[str, Any]:
    """The roster; names only for those who may see the volunteers' details (``shown`` is logged)."""
    if incident is None:
        return {"point": point, "incident": None, "roster": None, "callouts": [], "shown": []}
    current = roster.roster_for(point, incident)
    people = [s.volunteer for s in current.on_duty + current.due + current.later if s.volunteer]
    shown = [v for v in {v.pk: v for v in people}.values() if access.can_view_contacts(user, v)]
    visible = {v.pk for v in shown}
    return {
        "point": point,
        "incident": incident,
        "roster": current,
        "visible": visible,
        "short": len(current.on_duty) < current.minimum,
        "callouts": list(Callout.objects.filter(point=point, incident=incident)),
        "shown": shown,
    }


def callout_context(user: Any, callout: Callout) -> dict[str, Any]:
    asks = list(callout.asks.select_related("volunteer__municipality"))
    shown = [
        a.volunteer for a in asks if a.volunteer and access.can_view_contacts(user, a.volunteer)
    ]
    counts = {state: sum(1 for a in asks if a.state == state) for state in AskState.values}
    return {
        "callout": callout,
        "asking": callout.state == CalloutState.OPEN,
        "asks": asks,
        "visible": {v.pk for v in shown},
        "counts": counts,
        "skill": skill_labels([callout.skill])[0],
        "shown": shown,
    }


def partner_document(
    partner: Partner, *, contacts: list[PartnerContact] | None, clients: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """A partner as the API and `paraat partners --json` give it. ``contacts`` only when the
    reader may see them (the caller logs the view); ``clients`` already suppressed."""
    today = timezone.localdate()
    low_likely_high = partner.backup_range()
    doc: dict[str, Any] = {
        "id": partner.pk,
        "name": partner.name,
        "kind": partner.kind,
        "municipality": partner.municipality.code if partner.municipality else None,
        "control_room_phone": partner.control_room_phone,
        "fallback_phone": partner.fallback_phone,
        "radio_channel": partner.radio_channel,
        "sends_liaison": partner.sends_liaison,
        "agreement": {
            "title": partner.agreement,
            "signed_on": partner.agreement_signed_on.isoformat()
            if partner.agreement_signed_on
            else None,
            "review_on": partner.agreement_review_on.isoformat()
            if partner.agreement_review_on
            else None,
            "review_overdue": partner.review_overdue(today),
        },  # fmt: skip
        "backup_hours": None
        if low_likely_high is None
        else dict(zip(("min", "likely", "max"), low_likely_high, strict=True)),
        "promises": partner.promises,
    }
    if contacts is not None:
        doc["contacts"] = [
            {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email,
             "is_liaison": c.is_liaison}
            for c in contacts
        ]  # fmt: skip
    if clients is not None:
        doc["power_dependent"] = clients
    return doc
