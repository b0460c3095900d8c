"""Every change to vital and care partners, their contacts and their power-dependent clients; and
the one read of those clients' counts, summed per area with small counts suppressed.

The audit trail records each change through the model signals; contact persons' personal fields
are redacted there (`PartnerContact.AUDIT_REDACTED_FIELDS`), and each view of them is logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from paraat.areas.models import Area, Municipality, Region, suppress
from paraat.community.constants import PartnerKind, PowerDependency
from paraat.community.models import Partner, PartnerContact, PowerDependentClients
from paraat.core import audit
from paraat.core.constants import AuditAction

FIELDS = (
    "name",
    "kind",
    "control_room_phone",
    "fallback_phone",
    "radio_channel",
    "sends_liaison",
    "agreement",
    "agreement_signed_on",
    "agreement_review_on",
    "backup_hours_min",
    "backup_hours",
    "backup_hours_max",
    "promises",
)
TEXT_FIELDS = ("control_room_phone", "fallback_phone", "radio_channel", "agreement", "promises")


def _clean(region: Region, data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = _("A name is required.")
    if data.get("kind") not in PartnerKind.values:
        errors["kind"] = _("Choose what kind of partner this is.")
    municipality = data.get("municipality")
    if municipality is not None and (
        not isinstance(municipality, Municipality) or municipality.region_id != region.pk
    ):
        errors["municipality"] = _("Choose a municipality of the region.")
    low, likely, high = (data.get(f) for f in ("backup_hours_min", "backup_hours", "backup_hours_max"))  # fmt: skip
    if any(v is not None and v < 0 for v in (low, likely, high)):
        errors["backup_hours"] = _("A duration cannot be negative.")
    elif likely is None and (low is not None or high is not None):
        errors["backup_hours"] = _("Give the likely duration as well.")
    elif likely is not None and not (low or 0) <= likely <= (likely if high is None else high):
        errors["backup_hours"] = _("The likely value must lie between the minimum and the maximum.")
    signed, review = data.get("agreement_signed_on"), data.get("agreement_review_on")
    if signed and review and review < signed:
        errors["agreement_review_on"] = _("The review cannot come before the signing.")
    if errors:
        raise ValidationError(errors)
    clean = {f: data.get(f) for f in FIELDS}
    for field in (*TEXT_FIELDS, "name"):
        clean[field] = str(clean[field] or "").strip()
    clean["sends_liaison"] = bool(clean["sends_liaison"])
    clean["municipality"] = municipality
    return clean


@transaction.atomic
def register_partner(*, region: Region, data: Mapping[str, Any]) -> Partner:
    """A coordinator or officer records a partner of the region."""
    return Partner.objects.create(region=region, **_clean(region, data))


@transaction.atomic
def update_partner(*, partner: Partner, data: Mapping[str, Any]) -> Partner:
    """A correction; a new backup figure changes the outage clock at once (it reads it live)."""
    for field, value in _clean(partner.region, data).items():
        setattr(partner, field, value)
    partner.save()
    return partner


@transaction.atomic
def add_contact(*, partner: Partner, data: Mapping[str, Any]) -> PartnerContact:
    """A person to reach at the partner, e.g. the liaison who comes to the coordination point."""
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("A name is required.")})
    if not data.get("phone") and not data.get("email"):
        raise ValidationError({"phone": _("Give an e-mail address or a mobile number.")})
    return PartnerContact.objects.create(
        partner=partner,
        name=name,
        role=str(data.get("role") or "").strip(),
        phone=str(data.get("phone") or "").strip(),
        email=str(data.get("email") or "").strip(),
        is_liaison=bool(data.get("is_liaison")),
    )


@transaction.atomic
def remove_contact(*, contact: PartnerContact) -> None:
    """Erase a contact person for good (the audit trail never held her details)."""
    contact.delete()


def log_contact_views(*, contacts: Iterable[PartnerContact], note: str) -> None:
    """Every view of a partner contact's details is logged, as for volunteers."""
    for contact in contacts:
        audit.record(action=AuditAction.VIEW, instance=contact, note=note[:300])


@transaction.atomic
def record_power_dependent(
    *, partner: Partner, area: Area, dependency: str, count: int
) -> PowerDependentClients | None:
    """A care partner's count of clients in an area who depend on power at home; 0 removes it.
    Only counts per area are stored, never who they are (domain.md §5)."""
    if partner.kind != PartnerKind.CARE:
        raise ValidationError({"dependency": _("Only care providers record clients.")})
    if area.municipality.region_id != partner.region_id:
        raise ValidationError({"area": _("Areas must be in the region.")})
    if dependency not in PowerDependency.values:
        raise ValidationError({"dependency": _("Unknown dependency.")})
    if count < 0:
        raise ValidationError({"count": _("A count cannot be negative.")})
    existing = PowerDependentClients.objects.filter(
        partner=partner, area=area, dependency=dependency
    ).first()
    if count == 0:
        if existing is not None:
            existing.delete()
        return None
    if existing is None:
        return PowerDependentClients.objects.create(
            partner=partner, area=area, dependency=dependency, count=count
        )
    existing.count = count
    existing.save(update_fields=["count", "updated_at"])
    return existing


def power_dependent_rows(
    counts: QuerySet[PowerDependentClients], threshold: int | None = None
) -> list[dict[str, Any]]:
    """Clients who depend on power at home, summed per area over care partners, as every output
    shows them: a count below the small-count threshold is None, and when one kind in an area is
    hidden all kinds of that area are, so the total cannot give it back. Largest areas first."""
    limit = settings.PARAAT_SMALL_COUNT_THRESHOLD if threshold is None else threshold
    summed = (
        counts.filter(partner__kind=PartnerKind.CARE)
        .values("area__code", "area__name", "area__kind", "area__municipality__name", "dependency")
        .annotate(n=Sum("count"))
        .order_by()
    )
    areas: dict[str, dict[str, Any]] = {}
    for row in summed:
        area = areas.setdefault(row["area__code"], {
            "area": row["area__code"], "name": row["area__name"], "kind": row["area__kind"],
            "municipality": row["area__municipality__name"], "by_kind": {}})  # fmt: skip
        area["by_kind"][row["dependency"]] = row["n"]
    rows = []
    for area in areas.values():
        raw = area.pop("by_kind")
        total = sum(raw.values())
        if total == 0:
            continue
        shown = {k: suppress(raw.get(k, 0), limit) for k in PowerDependency.values}
        hidden = any(v is None for v in shown.values())
        rows.append({**area, "total": suppress(total, limit),
                     **{k: None if hidden else v for k, v in shown.items()},
                     "suppressed": hidden or suppress(total, limit) is None})  # fmt: skip
    rows.sort(key=lambda r: (-(r["total"] or 0), r["area"]))
    return rows


def power_dependent_in_region(region: Region) -> list[dict[str, Any]]:
    """Per area of the region, over all its care partners (the outage clock's table)."""
    return power_dependent_rows(
        PowerDependentClients.objects.filter(partner__region=region), region.small_count_limit
    )
