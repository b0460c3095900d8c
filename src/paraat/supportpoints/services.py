"""Every change to support points goes through here: forms, the API, imports and the demo alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.areas.locate import area_at, municipality_at
from paraat.areas.models import Region
from paraat.core import audit
from paraat.core.constants import AuditAction
from paraat.geo import crs as geocrs
from paraat.operations.statusline import RESERVED_CODES  # pure: codes read well on radio
from paraat.supportpoints import norm_engine
from paraat.supportpoints.constants import CommsKind, Lifecycle, Service, TaskStatus, Tier
from paraat.supportpoints.facts import point_facts
from paraat.supportpoints.models import (
    CommsMeans,
    Contact,
    Inspection,
    NormProfile,
    PointService,
    ReadinessTask,
    SupportPoint,
)

POINT_FIELDS = (
    "code", "name", "tier", "lifecycle", "building_type", "street", "house_number", "postcode", "city",
    "lon", "lat", "capacity", "wheelchair_accessible", "open_within_minutes", "notes", "source",
    "generator_kw", "mobile_generator_connection", "battery_kwh", "solar_kw", "power_need_kw",
    "fuel_litres", "fuel_consumption_lph", "generator_last_test",
)  # fmt: skip


# Upper bounds of what a support point can plausibly have; a larger number is a typing or file
# error (capacity 10^30), refused with the same message on SQLite and PostgreSQL.
PLAUSIBLE_MAXIMUM: dict[str, float] = {
    "capacity": 100_000,
    "open_within_minutes": 7 * 24 * 60,
    "generator_kw": 100_000,
    "battery_kwh": 1_000_000,
    "solar_kw": 100_000,
    "power_need_kw": 100_000,
    "fuel_litres": 1_000_000,
    "fuel_consumption_lph": 10_000,
}


def _clean_point(point: SupportPoint) -> None:
    """Field validation plus the rules that span fields; raises ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    try:
        point.full_clean(
            exclude=[
                "region",
                "municipality",
                "area",
                "coordination_point",
                "norm_result",
                "norm_gaps",
            ]
        )
    except ValidationError as exc:
        errors.update({k: [str(m) for m in v] for k, v in exc.message_dict.items()})
    for name, maximum in PLAUSIBLE_MAXIMUM.items():
        value = getattr(point, name)
        if isinstance(value, int | float) and value > maximum:
            errors[name] = [
                _("%(value)s is not plausible here: at most %(maximum)s.")
                % {"value": f"{value:g}", "maximum": f"{maximum:g}"}
            ]
    located = isinstance(point.lon, int | float) and isinstance(point.lat, int | float)
    inside = located and (
        geocrs.NL_BOUNDS_WGS84[0] <= point.lon <= geocrs.NL_BOUNDS_WGS84[2]
        and geocrs.NL_BOUNDS_WGS84[1] <= point.lat <= geocrs.NL_BOUNDS_WGS84[3]
    )
    if located and not errors.get("lon") and not errors.get("lat") and not inside:
        errors.setdefault("lon", []).append(
            _("The location is outside the Netherlands (longitude/latitude in WGS84).")
        )
    code = (point.code or "").strip()
    if code and not all(ch.isalnum() or ch in "-_" for ch in code):
        errors.setdefault("code", []).append(
            _("Use only letters, digits, hyphens and underscores in the code.")
        )
    if code.upper() in RESERVED_CODES:
        errors.setdefault("code", []).append(
            _(
                "The code %(code)s reads as a word of the radio status line (a state or the"
                " format version); choose another code."
            )
            % {"code": code.upper()}
        )
    for name in (
        "generator_kw",
        "battery_kwh",
        "solar_kw",
        "power_need_kw",
        "fuel_litres",
        "fuel_consumption_lph",
    ):
        value = getattr(point, name)
        if value is not None and value < 0:
            errors.setdefault(name, []).append(_("Must be zero or more."))
    if point.tier == Tier.CANDIDATE and point.lifecycle not in (
        Lifecycle.CANDIDATE,
        Lifecycle.RETIRED,
    ):
        errors.setdefault("lifecycle", []).append(
            _("A candidate site is a candidate or retired; change its tier to designate it.")
        )
    if errors:
        raise ValidationError(errors)


def _place(point: SupportPoint, region: Region) -> None:
    municipality = municipality_at(region, point.lon, point.lat)
    if municipality is None:
        raise ValidationError(
            {
                "lon": [
                    _("The location is not inside a municipality of %(region)s.")
                    % {"region": region.name}
                ]
            }
        )
    point.municipality = municipality
    point.area = area_at(municipality, point.lon, point.lat)


def _check_coordination(point: SupportPoint, coordination_code: str | None) -> None:
    if coordination_code:
        parent = SupportPoint.objects.filter(
            region=point.region, code=coordination_code, tier=Tier.COORDINATION
        ).first()
        if parent is None:
            raise ValidationError(
                {
                    "coordination_point": [
                        _("No coordination point with code %(code)s in this region.")
                        % {"code": coordination_code}
                    ]
                }
            )
        point.coordination_point = parent
    elif coordination_code is not None:
        point.coordination_point = None
    if point.tier == Tier.LOCAL and point.coordination_point is None:
        raise ValidationError(
            {
                "coordination_point": [
                    _("Every emergency support point belongs to one coordination point.")
                ]
            }
        )
    if point.tier != Tier.LOCAL:
        point.coordination_point = None


@transaction.atomic
def save_point(
    *,
    region: Region,
    data: Mapping[str, Any],
    point: SupportPoint | None = None,
    coordination_code: str | None = None,
    allowed_municipalities: set[int] | None = None,
) -> SupportPoint:
    """Register a new point or change one. Municipality and area follow from the location.

    ``data`` holds any of POINT_FIELDS; fields not given keep their value. Raises ValidationError
    (keyed by field) and changes nothing when anything is wrong. ``allowed_municipalities`` keeps
    an officer's point inside the municipalities he works for (None: anywhere in the region).
    """
    unknown = set(data) - set(POINT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    target = point or SupportPoint(region=region)
    for name, value in data.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    target.code = (target.code or "").strip().upper()
    for axis in ("lon", "lat"):  # 7 decimals is 1 cm: an exported file imports to the same point
        if isinstance(getattr(target, axis), float):
            setattr(target, axis, round(getattr(target, axis), 7))
    _clean_point(target)
    duplicate = (
        SupportPoint.objects.filter(region=region, code=target.code).exclude(pk=target.pk).exists()
    )
    if duplicate:
        raise ValidationError(
            {"code": [_("Code %(code)s is already used in this region.") % {"code": target.code}]}
        )
    _place(target, region)
    if allowed_municipalities is not None and target.municipality_id not in allowed_municipalities:
        raise ValidationError(
            {
                "lon": [
                    _(
                        "This location is in %(municipality)s, outside the municipalities you work for."
                    )
                    % {"municipality": target.municipality.name}
                ]
            }
        )
    _check_coordination(target, coordination_code)
    target.save()
    reassess(point=target)
    return target


@transaction.atomic
def set_services(
    *, point: SupportPoint, services: Mapping[str, Mapping[str, Any]], replace: bool = False
) -> None:
    """Set rows of the services matrix: {service: {available, as_of, quantity, note}}."""
    for name, values in services.items():
        if name not in Service.values:
            raise ValidationError({"services": [_("Unknown service %(name)s.") % {"name": name}]})
        quantity = values.get("quantity")
        if quantity is not None and quantity < 0:
            raise ValidationError({"services": [_("A quantity cannot be negative.")]})
        PointService.objects.update_or_create(
            point=point,
            service=name,
            defaults={
                "available": bool(values.get("available", True)),
                "as_of": values.get("as_of") or timezone.localdate(),
                "quantity": quantity,
                "note": values.get("note", "") or "",
            },
        )
    if replace:
        for row in PointService.objects.filter(point=point).exclude(service__in=list(services)):
            row.delete()
    reassess(point=point)


@transaction.atomic
def set_comms(
    *,
    point: SupportPoint,
    kinds: Iterable[str],
    details: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Make the point's communication means exactly ``kinds``."""
    wanted = list(dict.fromkeys(kinds))
    for kind in wanted:
        if kind not in CommsKind.values:
            raise ValidationError(
                {"comms": [_("Unknown means of communication %(kind)s.") % {"kind": kind}]}
            )
    for row in CommsMeans.objects.filter(point=point).exclude(kind__in=wanted):
        row.delete()
    for kind in wanted:
        extra = (details or {}).get(kind, {})
        CommsMeans.objects.update_or_create(
            point=point,
            kind=kind,
            defaults={
                "description": extra.get("description", ""),
                "last_tested": extra.get("last_tested"),
            },
        )
    reassess(point=point)


@transaction.atomic
def save_contact(
    *, point: SupportPoint, data: Mapping[str, Any], contact: Contact | None = None
) -> Contact:
    target = contact or Contact(point=point)
    for name in ("role", "name", "phone", "email", "available_24_7"):
        if name in data:
            setattr(target, name, data[name])
    try:
        target.full_clean(exclude=["point"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    target.save()
    reassess(point=point)
    return target


@transaction.atomic
def remove_contact(*, contact: Contact) -> None:
    point = contact.point
    contact.delete()
    reassess(point=point)


@transaction.atomic
def replace_contacts(*, point: SupportPoint, contacts: Iterable[Mapping[str, Any]]) -> None:
    """Used by imports: the file's list of contacts becomes the point's list."""
    for old in Contact.objects.filter(point=point):
        old.delete()
    for data in contacts:
        save_contact(point=point, data=data)
    reassess(point=point)


def log_contact_view(*, point: SupportPoint, purpose: str) -> None:
    """Every view of key holders' personal data is written to the audit trail."""
    audit.record(action=AuditAction.VIEW, instance=point, note=f"contacts: {purpose}"[:300])


def current_rules(region: Region) -> tuple[NormProfile | None, list[norm_engine.Rule]]:
    """The rules points are assessed against: the version the region's settings choose."""
    profile = NormProfile.objects.planned_for(region)
    raw = profile.rules if profile is not None else norm_engine.load_profile()["rules"]
    return profile, norm_engine.parse_rules(raw)


def assessment(
    point: SupportPoint, rules: list[norm_engine.Rule] | None = None
) -> norm_engine.Assessment:
    if rules is None:
        _profile, rules = current_rules(point.region)
    return norm_engine.assess(rules, point_facts(point))


def reassess(
    *, point: SupportPoint, rules: list[norm_engine.Rule] | None = None
) -> norm_engine.Assessment:
    """Recompute the stored norm result after any change to the point or its norm profile."""
    result = assessment(point, rules)
    if (
        point.norm_result != result.result
        or point.norm_gaps != result.gaps
        or point.norm_checked_at is None
    ):
        point.norm_result = result.result
        point.norm_gaps = result.gaps
        point.norm_checked_at = timezone.now()
        point.save(update_fields=["norm_result", "norm_gaps", "norm_checked_at", "updated_at"])
    return result


@transaction.atomic
def ensure_norm_profile(*, region: Region) -> NormProfile:
    """Seed the region with the default profile from the repository file (version 1)."""
    profile = NormProfile.objects.current_for(region)
    if profile is not None:
        return profile
    data = norm_engine.load_profile()
    return NormProfile.objects.create(
        region=region, version=1, name=data["name"], rules=data["rules"], note=_("Default profile")
    )


@transaction.atomic
def save_norm_profile(
    *,
    region: Region,
    rules: list[dict[str, Any]],
    note: str,
    user: Any = None,
    name: str | None = None,
) -> NormProfile:
    """A new version of the region's norm profile; every point is assessed again against it."""
    try:
        parsed = norm_engine.parse_rules(rules)
    except norm_engine.NormProfileError as exc:
        raise ValidationError({"rules": [str(exc)]}) from None
    current = NormProfile.objects.current_for(region)
    profile = NormProfile.objects.create(
        region=region,
        version=(current.version + 1) if current else 1,
        name=name or (current.name if current else norm_engine.load_profile()["name"]),
        rules=rules,
        note=note,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if region.norm_profile_version:
        return profile  # the region plans against a chosen version: results stay as they are
    reassess_region(region=region, rules=parsed)
    return profile


@transaction.atomic
def reassess_region(*, region: Region, rules: list[norm_engine.Rule] | None = None) -> int:
    """Assess every point of the region again (a new norm version, or the region's settings
    chose another one); returns how many points."""
    if rules is None:
        _profile, rules = current_rules(region)
    count = 0
    for point in SupportPoint.objects.in_region(region).prefetch_related(
        "services", "comms", "contacts"
    ):
        reassess(point=point, rules=rules)
        count += 1
    return count


@transaction.atomic
def record_inspection(
    *,
    point: SupportPoint,
    visited_on: dt.date,
    inspector: Any,
    checklist: Mapping[str, bool],
    findings: str = "",
    tasks: Iterable[Mapping[str, Any]] = (),
    generator_tested: bool = False,
) -> Inspection:
    """A readiness visit. Findings become tasks with owner and due date; a test run updates the point."""
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": [_("A visit cannot be in the future.")]})
    inspection = Inspection.objects.create(
        point=point,
        visited_on=visited_on,
        inspector=inspector if getattr(inspector, "is_authenticated", False) else None,
        checklist=dict(checklist),
        findings=findings,
    )
    for task in tasks:
        description = str(task.get("description", "")).strip()
        owner = str(task.get("owner", "")).strip()
        due = task.get("due_date")
        if not description or not owner or due is None:
            raise ValidationError(
                {"tasks": [_("Every finding needs a description, an owner and a due date.")]}
            )
        ReadinessTask.objects.create(
            point=point, inspection=inspection, description=description, owner=owner, due_date=due
        )
    if generator_tested and (
        point.generator_last_test is None or point.generator_last_test < visited_on
    ):
        point.generator_last_test = visited_on
        point.save(update_fields=["generator_last_test", "updated_at"])
    reassess(point=point)
    return inspection


@transaction.atomic
def complete_task(*, task: ReadinessTask) -> ReadinessTask:
    if task.status != TaskStatus.DONE:
        task.status = TaskStatus.DONE
        task.done_at = timezone.now()
        task.save(update_fields=["status", "done_at"])
    return task


@transaction.atomic
def set_leads(*, point: SupportPoint, users: Iterable[Any]) -> None:
    point.leads.set(list(users))
