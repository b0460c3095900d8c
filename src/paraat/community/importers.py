"""Import volunteers from CSV or XLSX: every row is checked first, then all are stored or none.

Columns (Dutch or English names): naam/name, email/e-mail, telefoon/phone, postcode,
adres/address, vaardigheden/skills (codes, separated by , or ;), organisatie/organisation,
certificaten/certificates (``skill:issuer:YYYY-MM-DD``, several separated by |) and
punten/points (support point codes).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_noop

from paraat.areas.models import Region
from paraat.community import services
from paraat.community.constants import Organisation, Skill, VolunteerOrigin
from paraat.geo.readers import Problem, ReadError, read_features
from paraat.supportpoints.models import SupportPoint

COLUMNS = {
    "name": ("naam", "name"),
    "email": ("email", "e-mail", "e_mail"),
    "phone": ("telefoon", "phone", "mobiel", "mobile"),
    "postcode": ("postcode",),
    "address": ("adres", "address"),
    "skills": ("vaardigheden", "skills"),
    "organisation": ("organisatie", "organisation"),
    "certificates": ("certificaten", "certificates"),
    "points": ("punten", "points"),
}
REQUIRED = ("name", "postcode")


def _columns(file: str, header: list[str]) -> dict[str, str]:
    lowered = {h.lower().strip(): h for h in header if h}
    found = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in lowered:
                found[key] = lowered[name]
                break
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in found]
    if missing:
        raise ReadError([Problem(file, 1, m, gettext_noop("column missing")) for m in missing])
    return found


def _split(value: Any) -> list[str]:
    return [p.strip() for p in str(value or "").replace(";", ",").split(",") if p.strip()]


def _row(
    file: str, line: int, raw: dict[str, Any], cols: dict[str, str], points: dict[str, SupportPoint]
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []

    def cell(key: str) -> str:
        value = raw.get(cols[key]) if key in cols else None
        return "" if value is None else str(value).strip()

    data: dict[str, Any] = {k: cell(k) for k in ("name", "email", "phone", "postcode", "address")}
    skills = _split(cell("skills"))
    bad = [s for s in skills if s not in Skill.values]
    if bad:
        problems.append(
            Problem(
                file,
                line,
                cols.get("skills"),
                gettext_noop("unknown skill: %(skills)s"),
                {"skills": ", ".join(bad)},
            )
        )
    data["skills"] = [s for s in skills if s in Skill.values]
    organisation = cell("organisation") or Organisation.NONE
    if organisation not in Organisation.values:
        problems.append(
            Problem(
                file,
                line,
                cols.get("organisation"),
                gettext_noop("unknown organisation '%(name)s'"),
                {"name": organisation},
            )
        )
    data["organisation"] = organisation
    certificates = []
    for part in [p for p in cell("certificates").split("|") if p.strip()]:
        bits = [b.strip() for b in part.split(":")]
        try:
            skill, issuer, until = bits
            expires = dt.date.fromisoformat(until)
        except ValueError:
            problems.append(
                Problem(
                    file,
                    line,
                    cols.get("certificates"),
                    gettext_noop("'%(value)s' is not skill:issuer:YYYY-MM-DD"),
                    {"value": part},
                )
            )
            continue
        if skill not in Skill.values:
            problems.append(
                Problem(
                    file,
                    line,
                    cols.get("certificates"),
                    gettext_noop("unknown skill '%(skill)s'"),
                    {"skill": skill},
                )
            )
            continue
        certificates.append({"skill": skill, "issuer": issuer, "expires_on": expires})
    data["certificates"] = certificates
    codes = [c.upper() for c in _split(cell("points"))]
    unknown = [c for c in codes if c not in points]
    if unknown:
        problems.append(
            Problem(
                file,
                line,
                cols.get("points"),
                gettext_noop("unknown point: %(codes)s"),
                {"codes": ", ".join(unknown)},
            )
        )
    data["points"] = [points[c] for c in codes if c in points]
    return data, problems


def import_volunteers(
    *, path: str | Path, region: Region, display_name: str | None = None
) -> dict[str, int]:
    """All rows or none; a ReadError lists every problem with file, row and field."""
    table = read_features(path, display_name=display_name)
    cols = _columns(table.file, table.columns)
    points = {p.code: p for p in SupportPoint.objects.in_region(region)}
    rows: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    for line, raw in zip(table.row_numbers, table.rows, strict=True):
        data, found = _row(table.file, line, raw, cols, points)
        problems.extend(found)
        rows.append((line, data))
    if problems:
        raise ReadError(problems)
    # Raising inside the outer block rolls back every row stored before the problem was found.
    with transaction.atomic():
        for line, data in rows:
            try:
                with transaction.atomic():
                    services.register_volunteer(
                        region=region, data=data, origin=VolunteerOrigin.IMPORT
                    )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    column = cols.get(field, field)
                    problems.extend(Problem(table.file, line, column, str(m)) for m in messages)
        if problems:
            raise ReadError(problems)
    return {"created": len(rows)}


INITIATIVE_COLUMNS = {
    "name": ("naam", "name"),
    "kind": ("soort", "kind"),
    "municipality": ("gemeente", "municipality"),
    "contact_name": ("contactpersoon", "contact"),
    "contact_phone": ("telefoon", "phone"),
    "contact_email": ("email", "e-mail"),
    "offers": ("aanbod", "offers"),
    "reachable": ("bereikbaar", "reachable"),
    "areas": ("gebieden", "areas"),
    "points": ("punten", "points"),
}


def import_initiatives(
    *, path: str | Path, region: Region, display_name: str | None = None
) -> dict[str, int]:
    """Approved initiatives from CSV or XLSX (an officer's list); all rows or none.

    Columns: naam, soort (network, food_bank, church, ...), gemeente (CBS code or name),
    contactpersoon, telefoon, email, aanbod (codes), bereikbaar, gebieden (area codes), punten.
    """
    from paraat.areas.models import Municipality
    from paraat.community import initiatives

    table = read_features(path, display_name=display_name)
    lowered = {h.lower().strip(): h for h in table.columns if h}
    cols = {
        k: next((lowered[n] for n in names if n in lowered), "")
        for k, names in INITIATIVE_COLUMNS.items()
    }
    missing = [
        INITIATIVE_COLUMNS[k][0]
        for k in ("name", "kind", "municipality", "contact_name")
        if not cols[k]
    ]
    if missing:
        raise ReadError(
            [Problem(table.file, 1, m, gettext_noop("column missing")) for m in missing]
        )
    municipalities = {}
    for m in Municipality.objects.in_region(region):
        municipalities[m.code.upper()] = m
        municipalities[m.name.upper()] = m
    points = {p.code: p for p in SupportPoint.objects.in_region(region)}
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, raw in zip(table.row_numbers, table.rows, strict=True):
        cell = {
            k: ("" if not c or raw.get(c) is None else str(raw.get(c)).strip())
            for k, c in cols.items()
        }
        data: dict[str, Any] = {
            k: cell[k]
            for k in ("name", "kind", "contact_name", "contact_phone", "contact_email", "reachable")
        }
        data["offers"] = _split(cell["offers"])
        data["municipality"] = municipalities.get(cell["municipality"].upper())
        if data["municipality"] is None:
            problems.append(
                Problem(
                    table.file,
                    line,
                    cols["municipality"],
                    gettext_noop("unknown municipality '%(code)s'"),
                    {"code": cell["municipality"]},
                )
            )
        areas, unknown = initiatives.areas_by_code(
            region, [c.upper() for c in _split(cell["areas"])]
        )
        if unknown:
            problems.append(
                Problem(
                    table.file,
                    line,
                    cols["areas"],
                    gettext_noop("unknown area: %(codes)s"),
                    {"codes": ", ".join(unknown)},
                )
            )
        data["areas"] = areas
        codes = [c.upper() for c in _split(cell["points"])]
        if [c for c in codes if c not in points]:
            problems.append(
                Problem(
                    table.file,
                    line,
                    cols["points"],
                    gettext_noop("unknown point: %(codes)s"),
                    {"codes": ", ".join(c for c in codes if c not in points)},
                )
            )
        data["points"] = [points[c] for c in codes if c in points]
        rows.append((line, data))
    if problems:
        raise ReadError(problems)
    with transaction.atomic():
        for line, data in rows:
            try:
                with transaction.atomic():
                    initiatives.register_initiative(region=region, data=data, approved=True)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    problems.extend(
                        Problem(table.file, line, cols.get(field) or field, str(m))
                        for m in messages
                    )
        if problems:
            raise ReadError(problems)
    return {"created": len(rows)}
