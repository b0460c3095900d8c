"""Every change to volunteers goes through here: the officer's form, self-registration, the point
lead's quick form, the import, the volunteer's own link and the retention job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality, Region
from paraat.community import availability, links, locate, messages
from paraat.community.constants import Organisation, Skill, VolunteerOrigin, VolunteerState
from paraat.community.models import Certificate, Shift, Volunteer, VolunteerSkill, new_secret
from paraat.core import audit
from paraat.core.constants import AuditAction
from paraat.supportpoints.models import SupportPoint

CONSENT_VERSION = "2026-12"
SPONTANEOUS_SHIFT_HOURS = 4


def _place(region: Region, data: Mapping[str, Any]) -> dict[str, Any]:
    """Postcode → municipality and coordinates; ValidationError on the postcode field."""
    postcode = locate.normalise_postcode(str(data.get("postcode") or ""))
    if postcode is None:
        raise ValidationError({"postcode": _("Give a Dutch postcode, such as 5341 or 5341 AB.")})
    found = locate.postcode_location(region, postcode)
    if found is None:
        raise ValidationError({"postcode": _("This postcode is not in the region.")})
    municipality, lon, lat = found
    x, y = locate.rd(lon, lat)
    return {"postcode": postcode, "municipality": municipality, "lon": lon, "lat": lat, "x_rd": x, "y_rd": y}  # fmt: skip


def _check(data: Mapping[str, Any]) -> None:
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("A name is required.")})
    if not data.get("email") and not data.get("phone"):
        raise ValidationError({"email": _("Give an e-mail address or a mobile number.")})
    unknown = set(data.get("skills") or ()) - set(Skill.values)
    if unknown:
        raise ValidationError({"skills": _("Unknown skill: %s") % ", ".join(sorted(unknown))})
    slots = set(data.get("availability") or ()) - set(availability.ALL_SLOTS)
    if slots:
        raise ValidationError(
            {"availability": _("Unknown time slot: %s") % ", ".join(sorted(slots))}
        )
    if data.get("organisation") and data["organisation"] not in Organisation.values:
        raise ValidationError({"organisation": _("Unknown organisation.")})


def _write(volunteer: Volunteer, data: Mapping[str, Any]) -> Volunteer:
    for field in ("name", "email", "phone", "address", "organisation", "availability", "away"):
        if field in data:
            value = data[field]
            setattr(volunteer, field, value.strip() if isinstance(value, str) else value)
    volunteer.full_clean(exclude=["points", "link_secret"])
    volunteer.save()
    if "skills" in data:
        wanted = set(data["skills"])
        volunteer.skills.exclude(skill__in=wanted).delete()
        have = set(volunteer.skills.values_list("skill", flat=True))
        VolunteerSkill.objects.bulk_create(
            VolunteerSkill(volunteer=volunteer, skill=s) for s in sorted(wanted - have)
        )
    if "certificates" in data:
        volunteer.certificates.all().delete()
        for cert in data["certificates"]:
            Certificate.objects.create(volunteer=volunteer, **cert)
    if data.get("new_certificate"):
        cert = data["new_certificate"]
        volunteer.certificates.filter(skill=cert["skill"]).delete()
        Certificate.objects.create(volunteer=volunteer, **cert)
    return volunteer


@transaction.atomic
def register_volunteer(
    *,
    region: Region,
    data: Mapping[str, Any],
    origin: str = VolunteerOrigin.OFFICER,
    within: set[int] | None = None,
) -> Volunteer:
    """Register a volunteer (officer's form or the import). Active at once: the officer vouches.
    ``within``: the municipalities the officer may register in (None: the whole region)."""
    _check(data)
    place = _place(region, data)
    if within is not None and place["municipality"].pk not in within:
        raise ValidationError({"postcode": _("This postcode is outside your municipalities.")})
    volunteer = Volunteer(
        region=region,
        origin=origin,
        state=VolunteerState.ACTIVE,
        last_active_at=timezone.now(),
        availability=list(availability.ALL_SLOTS),
        **place,
    )
    _write(volunteer, data)
    if data.get("points"):
        volunteer.points.set(data["points"])
    return volunteer


@transaction.atomic
def self_register(*, region: Region, data: Mapping[str, Any], consent: bool) -> Volunteer:
    """The public form: only with explicit consent, and only active once the e-mail is confirmed."""
    if not consent:
        raise ValidationError({"consent": _("Without your consent we cannot store your data.")})
    if not data.get("email"):
        raise ValidationError({"email": _("We need your e-mail address to confirm it.")})
    _check(data)
    place = _place(region, data)
    volunteer = Volunteer(
        region=region,
        origin=VolunteerOrigin.SELF,
        state=VolunteerState.UNCONFIRMED,
        consent_at=timezone.now(),
        consent_version=CONSENT_VERSION,
        last_active_at=timezone.now(),
        availability=list(availability.ALL_SLOTS),
        **place,
    )
    _write(volunteer, data)
    message = messages.confirmation(volunteer, links.confirm_token(volunteer))
    transaction.on_commit(lambda: messages.send(message))
    return volunteer


@transaction.atomic
def confirm_volunteer(*, volunteer: Volunteer) -> Volunteer:
    """The e-mail address works: the volunteer may now be asked."""
    volunteer.state = VolunteerState.ACTIVE
    volunteer.last_active_at = timezone.now()
    volunteer.save(update_fields=["state", "last_active_at"])
    message = messages.own_data_link(volunteer, links.volunteer_token(volunteer))
    transaction.on_commit(lambda: messages.send(message))
    return volunteer


@transaction.atomic
def update_volunteer(*, volunteer: Volunteer, data: Mapping[str, Any]) -> Volunteer:
    """A correction by the officer or by the volunteer herself; the postcode may move her."""
    merged = {
        "name": volunteer.name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "postcode": volunteer.postcode,
        **data,
    }
    _check(merged)
    if "postcode" in data:
        for field, value in _place(volunteer.region, data).items():
            setattr(volunteer, field, value)
    volunteer.last_active_at = timezone.now()
    volunteer.erase_notice_at = None
    return _write(volunteer, data)


@transaction.atomic
def assign_points(*, volunteer: Volunteer, points: Iterable[SupportPoint]) -> None:
    """Which points she helps at; only points of her own region."""
    chosen = list(points)
    if any(p.region_id != volunteer.region_id for p in chosen):
        raise ValidationError({"points": _("Points must be in the volunteer's region.")})
    volunteer.points.set(chosen)


@transaction.atomic
def erase_volunteer(*, volunteer: Volunteer) -> None:
    """Erase her personal data for good. Shifts and asks stay, without her, so counts still add up;
    the audit trail never held her contact details (see AUDIT_REDACTED_FIELDS)."""
    volunteer.delete()


@transaction.atomic
def renew_link(*, volunteer: Volunteer) -> Volunteer:
    """A new personal link; the old one stops working."""
    volunteer.link_secret = new_secret()
    volunteer.save(update_fields=["link_secret"])
    return volunteer


@transaction.atomic
def record_spontaneous(
    *, point: SupportPoint, incident: Any, name: str, phone: str, postcode: str, skills: list[str]
) -> Volunteer:
    """Someone turned up at a point: register her there and put her on duty now (a minute's work)."""
    volunteer = register_volunteer(
        region=point.region,
        data={"name": name, "phone": phone, "postcode": postcode, "skills": skills},
        origin=VolunteerOrigin.SPONTANEOUS,
    )
    volunteer.points.add(point)
    now = timezone.now()
    Shift.objects.create(
        incident=incident,
        point=point,
        volunteer=volunteer,
        starts_at=now,
        ends_at=now + dt.timedelta(hours=SPONTANEOUS_SHIFT_HOURS),
    )
    return volunteer


def log_view(*, volunteer: Volunteer, note: str) -> None:
    """Every view of a volunteer's contact details is logged (who, when, which volunteer)."""
    audit.record(action=AuditAction.VIEW, instance=volunteer, note=note)


def log_views(*, volunteers: Iterable[Volunteer], note: str) -> None:
    for volunteer in volunteers:
        audit.record(action=AuditAction.VIEW, instance=volunteer, note=note)


@transaction.atomic
def notify_expiring_certificates(*, today: dt.date, within_days: int = 30) -> int:
    """Tell the volunteer and her municipality's officers, once, that a certificate expires soon."""
    due = list(
        Certificate.objects.expiring(today, within_days)
        .filter(expiry_notice_sent_on__isnull=True)
        .select_related("volunteer__municipality")
    )
    outgoing = [m for cert in due for m in messages.certificate_expiring(cert)]
    Certificate.objects.filter(pk__in=[c.pk for c in due]).update(expiry_notice_sent_on=today)
    transaction.on_commit(lambda: [messages.send(m) for m in outgoing])
    return len(due)


@transaction.atomic
def apply_retention(*, now: dt.datetime) -> dict[str, int]:
    """Volunteers without activity for the retention period get notice; after the notice period
    they are erased. Any activity (answering, correcting) clears the notice."""
    idle_since = now - dt.timedelta(days=settings.PARAAT_VOLUNTEER_RETENTION_DAYS)
    notice_before = now - dt.timedelta(days=settings.PARAAT_VOLUNTEER_NOTICE_DAYS)
    to_erase = Volunteer.objects.filter(
        last_active_at__lt=idle_since, erase_notice_at__lt=notice_before
    )
    erased = 0
    for volunteer in to_erase:
        volunteer.delete()
        erased += 1
    to_notify = list(
        Volunteer.objects.filter(last_active_at__lt=idle_since, erase_notice_at__isnull=True)
    )
    outgoing = [messages.erase_notice(v, links.volunteer_token(v)) for v in to_notify]
    Volunteer.objects.filter(pk__in=[v.pk for v in to_notify]).update(erase_notice_at=now)
    transaction.on_commit(lambda: [messages.send(m) for m in outgoing])
    return {"notified": len(to_notify), "erased": erased}


def municipality_officer_emails(municipality: Municipality) -> list[str]:
    return [e for e in municipality.officers.values_list("email", flat=True) if e]


@transaction.atomic
def add_shift(
    *,
    incident: Any,
    point: SupportPoint,
    volunteer: Volunteer,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    handover: str = "",
) -> Shift:
    """Put a volunteer on the roster of a point for an incident or exercise."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A shift must end after it starts.")})
    if volunteer.region_id != point.region_id or incident.region_id != point.region_id:
        raise ValidationError(
            {"volunteer": _("Volunteer, point and incident must share a region.")}
        )
    return Shift.objects.create(
        incident=incident,
        point=point,
        volunteer=volunteer,
        starts_at=starts_at,
        ends_at=ends_at,
        handover=handover,
    )
