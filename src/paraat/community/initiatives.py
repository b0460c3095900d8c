"""Every change to citizen initiatives: the officer's form, the public form, the import, approval."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.areas.models import Area, Municipality, Region
from paraat.community.constants import InitiativeKind, InitiativeState, Offer
from paraat.community.models import Initiative
from paraat.geo import geojson

FIELDS = ("name", "kind", "contact_name", "contact_phone", "contact_email", "offers", "reachable")


def _clean(region: Region, data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = _("A name is required.")
    if data.get("kind") not in InitiativeKind.values:
        errors["kind"] = _("Choose what kind of initiative this is.")
    if not str(data.get("contact_name") or "").strip():
        errors["contact_name"] = _("Name a contact person.")
    if not data.get("contact_phone") and not data.get("contact_email"):
        errors["contact_phone"] = _("Give an e-mail address or a mobile number.")
    unknown = set(data.get("offers") or ()) - set(Offer.values)
    if unknown:
        errors["offers"] = _("Unknown offer: %s") % ", ".join(sorted(unknown))
    municipality = data.get("municipality")
    if not isinstance(municipality, Municipality) or municipality.region_id != region.pk:
        errors["municipality"] = _("Choose a municipality of the region.")
    areas = list(data.get("areas") or ())
    if any(a.municipality.region_id != region.pk for a in areas):
        errors["areas"] = _("Areas must be in the region.")
    drawn = data.get("geometry")
    if drawn:
        try:
            shape = geojson.from_geojson(drawn)
            if shape.geom_type not in ("Polygon", "MultiPolygon") or not shape.is_valid:
                raise ValueError
            drawn = geojson.to_geojson(shape)
        except (ValueError, TypeError, KeyError, shapely.errors.GEOSException):
            errors["geometry"] = _("Draw a valid polygon (GeoJSON, WGS84).")
    if errors:
        raise ValidationError(errors)
    return {**{f: data.get(f) or ("" if f != "offers" else []) for f in FIELDS},
            "municipality": municipality, "areas": areas, "geometry": drawn or None}  # fmt: skip


@transaction.atomic
def register_initiative(
    *, region: Region, data: Mapping[str, Any], approved: bool = False, approved_by: Any = None
) -> Initiative:
    """An officer's registration or import is approved at once; a public one waits for an officer."""
    clean = _clean(region, data)
    areas = clean.pop("areas")
    initiative = Initiative(region=region, **clean)
    if approved or approved_by is not None:
        initiative.state = InitiativeState.APPROVED
        initiative.reviewed_by = approved_by
        initiative.reviewed_at = timezone.now()
    initiative.save()
    initiative.areas.set(areas)
    if data.get("points"):
        initiative.points.set(data["points"])
    return initiative


@transaction.atomic
def review_initiative(*, initiative: Initiative, approve: bool, user: Any) -> Initiative:
    """The officer's decision on a public registration; only approved ones show on map and table."""
    initiative.state = InitiativeState.APPROVED if approve else InitiativeState.REJECTED
    initiative.reviewed_by = user
    initiative.reviewed_at = timezone.now()
    initiative.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return initiative


def areas_by_code(region: Region, codes: list[str]) -> tuple[list[Area], list[str]]:
    found = {a.code: a for a in Area.objects.filter(municipality__region=region, code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]


@transaction.atomic
def hand_over_request(*, request: Any, initiative: Initiative, user: Any) -> Any:
    """Hand a help request to an approved initiative through operations' own claim workflow
    (assigned, then done by whoever reports back), so the logbook tells the same story."""
    from paraat.operations.services import assign_request

    if (
        initiative.state != InitiativeState.APPROVED
        or initiative.region_id != request.incident.region_id
    ):
        raise ValidationError(
            {"initiative": _("Only an approved initiative of the region can take it.")}
        )
    return assign_request(
        request=request, assignee=f"{initiative.name} (initiatief #{initiative.pk})", user=user
    )
