"""State changes for geography: loading a region, importing municipalities and areas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from shapely.geometry.base import BaseGeometry

from paraat.areas import logo
from paraat.areas.constants import ImportKind
from paraat.areas.importers import AreaRecord, parse_areas
from paraat.areas.models import Area, Municipality, Region
from paraat.core import audit
from paraat.core.constants import AuditAction
from paraat.geo import geojson
from paraat.geo.readers import Problem, ReadError, read_features

KIND_LABELS: dict[str, str] = {
    ImportKind.MUNICIPALITY: "gemeenten",
    ImportKind.WIJK: "wijken",
    ImportKind.BUURT: "buurten",
    ImportKind.PC4: "postcodegebieden (4 cijfers)",
    ImportKind.PC6: "postcodegebieden (6 cijfers)",
    ImportKind.GRID: "rastercellen",
}


@dataclass
class ImportResult:
    file: str
    kind: str
    created: int
    updated: int
    crs: int
    warnings: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "created": self.created,
            "updated": self.updated,
            "crs": self.crs,
            "warnings": [p.as_dict() for p in self.warnings],
        }

    def summary(self) -> str:
        label = KIND_LABELS.get(self.kind, self.kind)
        text = f"{self.file}: {self.created} {label} toegevoegd, {self.updated} bijgewerkt (EPSG:{self.crs})"
        if self.warnings:
            text += f", {len(self.warnings)} waarschuwing(en)"
        return text


def _geo_fields(geom: BaseGeometry) -> dict[str, Any]:
    return {"geometry": geojson.to_geojson(geom), **geojson.bbox_and_point(geom)}


@transaction.atomic
def ensure_region(*, code: str, name: str, geometry: BaseGeometry | None = None) -> Region:
    """Create the safety region, or update its name and outline; idempotent."""
    fields: dict[str, Any] = {"name": name}
    if geometry is not None:
        fields.update(_geo_fields(geometry))
    region, created = Region.objects.get_or_create(
        code=code, defaults={**fields, "geometry": fields.get("geometry", {})}
    )
    if not created:
        changed = [k for k, v in fields.items() if getattr(region, k) != v]
        for key in changed:
            setattr(region, key, fields[key])
        if changed:
            region.save(update_fields=changed)
    return region


# A domain name (vrbn.nl) or an address at one (alerts@vrbn.nl): CAP's sender is domain-based.
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
SENDER = re.compile(rf"^(?:[a-z0-9._%+-]+@)?{_DOMAIN}$")


@transaction.atomic
def set_alert_identity(*, region: Region, sender: str, web: str, contact: str) -> Region:
    """How the region signs its CAP alerts: a domain-based sender, the web page and contact that
    every alert carries (unless the alert names its own page). Empty values fall back to the
    installation's defaults; new alerts use the new values, published ones keep theirs."""
    errors = _apply_alert_identity(region, sender=sender, web=web, contact=contact)
    if errors:
        raise ValidationError(errors)
    region.save(update_fields=["cap_sender", "cap_web", "cap_contact"])
    return region


def _apply_alert_identity(
    region: Region, *, sender: str, web: str, contact: str
) -> dict[str, list[str]]:
    region.cap_sender = sender.strip().lower()
    region.cap_web = web.strip()
    region.cap_contact = " ".join(contact.split())
    errors: dict[str, list[str]] = {}
    if region.cap_sender and not SENDER.match(region.cap_sender):
        errors["cap_sender"] = [
            _("Use the region's domain or an address at it, e.g. vrbn.nl or alerts@vrbn.nl.")
        ]
    if region.cap_web:
        try:
            URLValidator(schemes=["https", "http"])(region.cap_web)
        except ValidationError:
            errors["cap_web"] = [_("Give the full address of the page, starting with https://.")]
    for name in ("cap_sender", "cap_web", "cap_contact"):
        if len(getattr(region, name)) > 200:
            errors.setdefault(name, []).append(_("At most 200 characters."))
    return errors


SETTINGS_FIELDS = [
    "cap_sender",
    "cap_web",
    "cap_contact",
    "public_intro_nl",
    "public_intro_en",
    "default_threshold_m",
    "default_capacity",
    "small_count_threshold",
    "norm_profile_version",
]


@transaction.atomic
def update_region_settings(
    *,
    region: Region,
    sender: str,
    web: str,
    contact: str,
    public_intro_nl: str,
    public_intro_en: str,
    default_threshold_m: float | None,
    default_capacity: int | None,
    small_count_threshold: int | None,
    norm_profile_version: int | None = None,
    logo_content: bytes | None = None,
    remove_logo: bool = False,
) -> Region:
    """The coordinator's settings of the region, saved at once so the audit trail holds one entry
    with every changed value. Empty numbers mean the installation's defaults. The small-count
    threshold may only be raised above the national one (PARAAT_SMALL_COUNT_THRESHOLD): a region
    can hide more for privacy, never less. ``logo_content`` is a new logo (see set_region_logo);
    a bad logo refuses the whole form, so nothing is half-saved."""
    errors = _apply_alert_identity(region, sender=sender, web=web, contact=contact)
    national = int(settings.PARAAT_SMALL_COUNT_THRESHOLD)
    if small_count_threshold is not None and small_count_threshold < national:
        errors["small_count_threshold"] = [
            _("The national threshold is %(national)s: a region may raise it, never lower it.")
            % {"national": national}
        ]
    if default_threshold_m is not None and not 0 < default_threshold_m <= 50_000:
        errors["default_threshold_m"] = [_("Give a distance between 1 and 50,000 metres.")]
    if default_capacity is not None and default_capacity < 1:
        errors["default_capacity"] = [_("Give at least 1 resident per point.")]
    if norm_profile_version is not None and norm_profile_version not in norm_versions(region):
        errors["norm_profile_version"] = [
            _("The region has no version %(version)s of its norm profile.")
            % {"version": norm_profile_version}
        ]
    max_kb = int(settings.PARAAT_LOGO_MAX_KB)
    extension = ""
    if logo_content is not None:
        try:
            extension = logo.check(logo_content, max_bytes=max_kb * 1024)
        except logo.LogoError as error:
            errors["logo"] = [_logo_problem(error.code, max_kb)]
    if errors:
        raise ValidationError(errors)
    fields = list(SETTINGS_FIELDS)
    if logo_content is not None or (remove_logo and region.logo):
        # In the same save as the other settings: one audit entry holds every change.
        region.logo = logo.store(region.code, logo_content, extension) if logo_content else ""
        fields.append("logo")
        kept = region.logo
        transaction.on_commit(lambda: logo.remove_others(region.code, kept))
    norm_changed = region.norm_profile_version != norm_profile_version
    region.norm_profile_version = norm_profile_version
    region.public_intro_nl = public_intro_nl.strip()
    region.public_intro_en = public_intro_en.strip()
    region.default_threshold_m = default_threshold_m
    region.default_capacity = default_capacity
    region.small_count_threshold = small_count_threshold
    region.save(update_fields=fields)
    if norm_changed:
        from paraat.supportpoints import services as point_services

        point_services.reassess_region(region=region)
    return region


def norm_versions(region: Region) -> dict[int, str]:
    """The versions of the region's norm profile it may plan against, newest first."""
    from paraat.supportpoints.models import NormProfile

    return {
        profile.version: str(profile)
        for profile in NormProfile.objects.filter(region=region).order_by("-version")
    }


@transaction.atomic
def set_region_logo(*, region: Region, content: bytes) -> Region:
    """A new logo for the region's public site and pages: PNG or JPEG, checked by its content and
    size (PARAAT_LOGO_MAX_KB). The old file goes once the new one is committed."""
    max_kb = int(settings.PARAAT_LOGO_MAX_KB)
    try:
        extension = logo.check(content, max_bytes=max_kb * 1024)
    except logo.LogoError as error:
        raise ValidationError({"logo": [_logo_problem(error.code, max_kb)]}) from None
    region.logo = logo.store(region.code, content, extension)
    region.save(update_fields=["logo"])
    kept = region.logo
    transaction.on_commit(lambda: logo.remove_others(region.code, kept))
    return region


@transaction.atomic
def remove_region_logo(*, region: Region) -> Region:
    """No logo any more (the audit trail keeps that there was one)."""
    region.logo = ""
    region.save(update_fields=["logo"])
    transaction.on_commit(lambda: logo.remove_others(region.code, ""))
    return region


def _logo_problem(code: str, max_kb: int) -> str:
    if code == "too_large":
        return _("The logo is larger than %(kb)s KB. Make it smaller.") % {"kb": max_kb}
    if code == "empty":
        return _("The file is empty.")
    if code == "broken":
        return _("The file starts like a PNG or JPEG image but is damaged.")
    return _("The logo must be a PNG or JPEG image.")


def import_areas(
    *,
    path: str | Path,
    region: Region,
    kind: str | None = None,
    crs: int | None = None,
    display_name: str | None = None,
    population_year: int | None = None,
) -> ImportResult:
    """Import municipalities or areas from a file: every row validated first, then all or nothing.

    Re-importing updates rows by code instead of duplicating them. Raises ReadError with every
    problem (file, row, field) and leaves the database as it was.
    """
    table = read_features(path, display_name=display_name)
    parsed = parse_areas(table, kind=kind, crs=crs)
    with transaction.atomic():
        if parsed.kind == ImportKind.MUNICIPALITY:
            created, updated = _write_municipalities(
                table.file, region, parsed.records, population_year
            )
        else:
            created, updated = _write_areas(
                table.file, region, parsed.kind, parsed.records, population_year
            )
        audit.record(
            action=AuditAction.IMPORT,
            instance=region,
            after={"file": table.file, "kind": parsed.kind, "created": created, "updated": updated},
            note=f"import {table.file}",
        )
    return ImportResult(
        file=table.file,
        kind=parsed.kind,
        created=created,
        updated=updated,
        crs=parsed.crs,
        warnings=parsed.warnings,
    )


def _population_fields(record: AreaRecord, year: int | None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        key: record.counts.get(key)
        for key in ("population", "age_0_14", "age_15_64", "age_65_plus", "age_75_plus")
    }
    fields["vulnerability"] = record.vulnerability
    fields["population_year"] = year
    return fields


def _save(model_cls: type[Any], lookup: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Create or update one row through save(), so the audit trail sees it; True when created."""
    instance = model_cls.objects.filter(**lookup).first()
    if instance is None:
        model_cls.objects.create(**lookup, **fields)
        return True
    changed = [k for k, v in fields.items() if getattr(instance, k) != v]
    if changed:
        for key in changed:
            setattr(instance, key, fields[key])
        instance.save(update_fields=changed)
    return False


def _write_municipalities(
    file: str, region: Region, records: list[AreaRecord], year: int | None
) -> tuple[int, int]:
    others = {
        m.code: m.region
        for m in Municipality.objects.filter(code__in=[r.code for r in records])
        .exclude(region=region)
        .select_related("region")
    }
    if others:
        # A municipality belongs to one region: importing it into another must not move it.
        raise ReadError(
            [
                Problem(
                    file,
                    record.row,
                    "gm_code",
                    gettext_noop(
                        "municipality %(code)s already belongs to region %(region)s (%(name)s)"
                    ),
                    {
                        "code": record.code,
                        "region": others[record.code].code,
                        "name": others[record.code].name,
                    },
                )
                for record in records
                if record.code in others
            ]
        )
    created = updated = 0
    for record in records:
        fields = {
            "region": region,
            "name": record.name or record.code,
            **_geo_fields(record.geometry),
            **_population_fields(record, year),
        }
        if _save(Municipality, {"code": record.code}, fields):
            created += 1
        else:
            updated += 1
    return created, updated


def _write_areas(
    file: str, region: Region, kind: str, records: list[AreaRecord], year: int | None
) -> tuple[int, int]:
    municipalities = {m.code: m for m in Municipality.objects.in_region(region)}
    if not municipalities:
        raise ReadError(
            [
                Problem(
                    file,
                    None,
                    None,
                    gettext_noop("load the region's municipalities first (--kind municipality)"),
                )
            ]
        )
    problems: list[Problem] = []
    resolved: list[tuple[AreaRecord, Municipality]] = []
    located = _locator(municipalities)
    for record in records:
        municipality = municipalities.get(record.municipality_code or "") or located(
            record.geometry
        )
        if municipality is None:
            message = (
                gettext_noop("municipality %(code)s is not known in region %(region)s")
                if record.municipality_code
                else gettext_noop(
                    "the area lies in no municipality of region %(region)s; give gm_code"
                )
            )
            problems.append(
                Problem(
                    file,
                    record.row,
                    "gm_code",
                    message,
                    {"code": record.municipality_code, "region": region.name},
                )
            )
            continue
        resolved.append((record, municipality))
    if problems:
        raise ReadError(problems)
    created = updated = 0
    for record, municipality in resolved:
        fields = {
            "name": record.name,
            "municipality": municipality,
            **_geo_fields(record.geometry),
            **_population_fields(record, year),
        }
        if _save(Area, {"kind": kind, "code": record.code}, fields):
            created += 1
        else:
            updated += 1
    return created, updated


def _locator(municipalities: dict[str, Municipality]) -> Any:
    """Find the municipality that contains an area's representative point."""
    from shapely import STRtree

    items = [(m, geojson.from_geojson(m.geometry)) for m in municipalities.values() if m.geometry]
    tree = STRtree([g for _, g in items])

    def locate(geom: BaseGeometry) -> Municipality | None:
        point = geom.representative_point()
        for index in tree.query(point, predicate="intersects"):
            return items[int(index)][0]
        return None

    return locate
