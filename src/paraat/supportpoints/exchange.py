"""Import and export of support points: CSV, XLSX, GeoJSON and GeoPackage, round trip.

One flat row per point. Export writes what import reads, so a file exported from one Paraat
imports into another with the same points, services and norm results (contacts only when the
exporting user may see them, and the export is then logged).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from paraat.areas.models import Region
from paraat.geo import cells, writers
from paraat.geo import crs as geocrs
from paraat.geo.readers import FeatureTable, Problem, ReadError, parse_number, read_features
from paraat.supportpoints import services
from paraat.supportpoints.constants import (
    BuildingType,
    CommsKind,
    ContactRole,
    Lifecycle,
    Service,
    Tier,
)
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.models import SupportPoint

TEXT_FIELDS = (
    "code",
    "name",
    "tier",
    "lifecycle",
    "building_type",
    "street",
    "house_number",
    "postcode",
    "city",
    "notes",
    "source",
)
INT_FIELDS = ("capacity", "open_within_minutes")
FLOAT_FIELDS = (
    "generator_kw",
    "battery_kwh",
    "solar_kw",
    "power_need_kw",
    "fuel_litres",
    "fuel_consumption_lph",
)
BOOL_FIELDS = ("wheelchair_accessible", "mobile_generator_connection")
DATE_FIELDS = ("generator_last_test",)
EXPORT_ONLY = ("municipality", "power_autonomy_hours", "norm_result", "norm_gaps")
YES = {"ja", "yes", "true", "1", "j", "y", "waar"}
NO = {"nee", "no", "false", "0", "n", "onwaar"}
FORMATS = {".csv", ".xlsx", ".geojson", ".json", ".gpkg"}


def columns(include_contacts: bool) -> list[str]:
    cols = [
        *TEXT_FIELDS[:9],
        "lon",
        "lat",
        *INT_FIELDS,
        *BOOL_FIELDS,
        "coordination_point",
        *FLOAT_FIELDS,
        *DATE_FIELDS,
    ]
    cols += TEXT_FIELDS[9:]
    for service in Service.values:
        cols += [f"service_{service}", f"service_{service}_as_of"]
    cols += ["service_drinking_water_litres", "comms"]
    if include_contacts:
        cols.append("contacts")
    return cols + list(EXPORT_ONLY)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nee")


def point_row(point: SupportPoint, include_contacts: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        name: getattr(point, name) for name in (*TEXT_FIELDS, *INT_FIELDS, *FLOAT_FIELDS)
    }
    row.update({name: _yes_no(getattr(point, name)) for name in BOOL_FIELDS})
    row["generator_last_test"] = (
        point.generator_last_test.isoformat() if point.generator_last_test else ""
    )
    row["lon"], row["lat"] = point.lon, point.lat
    row["coordination_point"] = point.coordination_point.code if point.coordination_point else ""
    by_service = {s.service: s for s in point.services.all()}
    for service in Service.values:
        entry = by_service.get(service)
        row[f"service_{service}"] = "" if entry is None else _yes_no(entry.available)
        row[f"service_{service}_as_of"] = (
            entry.as_of.isoformat() if entry is not None and entry.as_of else ""
        )
    water = by_service.get(Service.DRINKING_WATER)
    row["service_drinking_water_litres"] = water.quantity if water is not None else None
    row["comms"] = ",".join(sorted(c.kind for c in point.comms.all()))
    if include_contacts:
        row["contacts"] = json.dumps(
            [
                {
                    "role": c.role,
                    "name": c.name,
                    "phone": c.phone,
                    "email": c.email,
                    "available_24_7": c.available_24_7,
                }
                for c in point.contacts.all()
            ],
            ensure_ascii=False,
        )
    row["municipality"] = point.municipality.code
    row["power_autonomy_hours"] = autonomy_hours(point)[0]
    row["norm_result"] = point.norm_result
    row["norm_gaps"] = ",".join(point.norm_gaps)
    return row


def export_points(
    points: Iterable[SupportPoint], path: str | Path, *, include_contacts: bool = False
) -> int:
    """Write points to a file; the format follows from the extension. Returns the number written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            _("unknown format %(suffix)s; use %(formats)s")
            % {"suffix": suffix, "formats": ", ".join(sorted(FORMATS))}
        )
    points = list(points)
    rows = [point_row(p, include_contacts) for p in points]
    cols = columns(include_contacts)
    if include_contacts:
        for point in points:
            services.log_contact_view(point=point, purpose=f"export {path.name}")
    if suffix == ".csv":
        path.write_text(writers.csv_text(cols, rows), encoding="utf-8", newline="")
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "noodsteunpunten"
        sheet.append(cols)
        for row in rows:
            sheet.append(cells.xlsx_row(sheet, [row.get(k) for k in cols]))
        book.save(path)
    elif suffix in (".geojson", ".json"):
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                "properties": {k: r.get(k) for k in cols if k not in ("lon", "lat")},
            }
            for r in rows
        ]
        path.write_text(
            json.dumps(
                {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1
            ),
            encoding="utf-8",
        )
    else:
        _write_gpkg(path, rows, [c for c in cols if c not in ("lon", "lat")])
    return len(rows)


def _write_gpkg(path: Path, rows: Sequence[dict[str, Any]], cols: list[str]) -> None:
    import pyogrio
    import shapely

    if path.exists():
        path.unlink()
    geometry = np.array(
        [shapely.to_wkb(shapely.Point(r["lon"], r["lat"])) for r in rows], dtype=object
    )
    numeric = (
        set(INT_FIELDS)
        | set(FLOAT_FIELDS)
        | {"service_drinking_water_litres", "power_autonomy_hours"}
    )
    data = []
    for col in cols:
        if col in numeric:
            data.append(
                np.array(
                    [np.nan if r.get(col) is None else float(r[col]) for r in rows], dtype=float
                )
            )
        else:
            data.append(
                np.array(["" if r.get(col) is None else str(r[col]) for r in rows], dtype=object)
            )
    pyogrio.raw.write(
        path,
        geometry,
        data,
        fields=cols,
        geometry_type="Point",
        crs="EPSG:4326",
        driver="GPKG",
        layer="noodsteunpunten",
    )


# --- import -------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _bool(value: Any) -> bool | None:
    text = _text(value).lower()
    if text == "":
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("'%(value)s' is not yes or no") % {"value": value})


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - only the date is kept
        except ValueError:
            continue
    raise ValueError(_("'%(value)s' is not a date (use YYYY-MM-DD)") % {"value": value})


def _row_data(
    row: dict[str, Any], lon: float, lat: float
) -> tuple[
    dict[str, Any],
    str,
    dict[str, dict[str, Any]],
    list[str] | None,
    list[dict[str, Any]] | None,
    list[tuple[str, str]],
]:
    """Convert one row; returns the parts and a list of (field, message) problems."""
    problems: list[tuple[str, str]] = []
    data: dict[str, Any] = {"lon": lon, "lat": lat}
    lowered = {k.lower(): v for k, v in row.items()}
    for name in TEXT_FIELDS:
        if name in lowered:
            data[name] = _text(lowered[name])
    for name in INT_FIELDS + FLOAT_FIELDS:
        if name in lowered:
            try:
                number = parse_number(lowered[name])
            except ValueError as exc:
                problems.append((name, str(exc)))
                continue
            if number is not None and np.isnan(number):
                number = None  # an empty number cell in a GeoPackage
            if number is not None and name in INT_FIELDS:
                if not float(number).is_integer():
                    problems.append(
                        (name, _("'%(value)s' is not a whole number") % {"value": lowered[name]})
                    )
                    continue
                number = int(number)
            data[name] = number
    for name in BOOL_FIELDS:
        if name in lowered:
            try:
                data[name] = _bool(lowered[name])
            except ValueError as exc:
                problems.append((name, str(exc)))
    for name in DATE_FIELDS:
        if name in lowered:
            try:
                data[name] = _date(lowered[name])
            except ValueError as exc:
                problems.append((name, str(exc)))
    for name, choices in (
        ("tier", Tier.values),
        ("lifecycle", Lifecycle.values),
        ("building_type", BuildingType.values),
    ):
        if data.get(name) and data[name] not in choices:
            problems.append(
                (
                    name,
                    _("'%(value)s' is unknown; choose from %(choices)s")
                    % {"value": data[name], "choices": ", ".join(choices)},
                )
            )
    coordination = _text(lowered.get("coordination_point")).upper()
    svc: dict[str, dict[str, Any]] = {}
    for service in Service.values:
        key = f"service_{service}"
        if key not in lowered or _text(lowered[key]) == "":
            continue
        try:
            available = _bool(lowered[key])
            as_of = _date(lowered.get(f"{key}_as_of"))
        except ValueError as exc:
            problems.append((key, str(exc)))
            continue
        entry: dict[str, Any] = {"available": available, "as_of": as_of}
        if service == Service.DRINKING_WATER:
            try:
                litres = parse_number(lowered.get("service_drinking_water_litres"))
            except ValueError as exc:
                problems.append(("service_drinking_water_litres", str(exc)))
                litres = None
            entry["quantity"] = None if litres is None or np.isnan(litres) else litres
        svc[service] = entry
    comms: list[str] | None = None
    if "comms" in lowered:
        comms = [c.strip() for c in _text(lowered["comms"]).split(",") if c.strip()]
        for kind in comms:
            if kind not in CommsKind.values:
                problems.append(
                    (
                        "comms",
                        _("'%(value)s' is unknown; choose from %(choices)s")
                        % {"value": kind, "choices": ", ".join(CommsKind.values)},
                    )
                )
    contacts: list[dict[str, Any]] | None = None
    if _text(lowered.get("contacts")):
        try:
            contacts = json.loads(_text(lowered["contacts"]))
            if not isinstance(contacts, list) or not all(
                isinstance(c, dict) and c.get("role", ContactRole.KEY_HOLDER) in ContactRole.values
                for c in contacts
            ):
                raise ValueError
        except (ValueError, RecursionError):
            problems.append(("contacts", _("not a valid list of contacts (JSON)")))
            contacts = None
        else:
            wrong = _contact_type_problems(contacts)
            if wrong:
                problems += [("contacts", message) for message in wrong]
                contacts = None
    return data, coordination, svc, comms, contacts, problems


CONTACT_TEXT_KEYS = ("role", "name", "phone", "email")


def _contact_type_problems(contacts: list[dict[str, Any]]) -> list[str]:
    """Names, phone numbers and addresses are text and 24/7 is yes or no: a number, list or
    object in their place is refused, not stored as its Python spelling."""
    found = []
    for number, contact in enumerate(contacts, start=1):
        for key in CONTACT_TEXT_KEYS:
            if contact.get(key) is not None and not isinstance(contact[key], str):
                found.append(
                    _("contact %(number)s: '%(key)s' must be text") % {"number": number, "key": key}
                )
        flag = contact.get("available_24_7")
        if flag is not None and not isinstance(flag, bool):
            found.append(
                _("contact %(number)s: 'available_24_7' must be true or false") % {"number": number}
            )
    return found


def _point_table(
    path: str | Path, display_name: str | None
) -> tuple[FeatureTable, list[tuple[float, float] | None]]:
    table = read_features(path, display_name=display_name)
    coords: list[tuple[float, float] | None] = []
    geoms = [g for g in table.geometries if g is not None]
    source = table.crs
    if source is None and geoms:
        import shapely

        b = shapely.total_bounds(geoms)
        source = geocrs.guess_crs((float(b[0]), float(b[1]), float(b[2]), float(b[3])))
    for geom in table.geometries:
        if geom is None or geom.is_empty:
            coords.append(None)
            continue
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        if source not in (None, geocrs.WGS84):
            point = geocrs.reproject(point, source, geocrs.WGS84)
        coords.append((round(point.x, 7), round(point.y, 7)))
    return table, coords


def import_points(
    *,
    path: str | Path,
    region: Region,
    allowed_municipalities: set[int] | None = None,
    display_name: str | None = None,
) -> dict[str, int]:
    """Import points from a file: all rows valid or nothing changes; re-import updates by code.

    ``allowed_municipalities`` limits an officer to his own municipalities (None: all).
    """
    table, coords = _point_table(path, display_name)
    problems: list[Problem] = []
    counts = {"created": 0, "updated": 0}
    order = sorted(
        range(len(table.rows)),
        key=lambda i: 0 if _text(table.rows[i].get("tier")) == Tier.COORDINATION else 1,
    )
    seen: dict[str, int] = {}
    with transaction.atomic():
        for index in order:
            row, line = table.rows[index], table.row_numbers[index]
            if coords[index] is None:
                problems.append(
                    Problem(table.file, line, "geometry", gettext_noop("the location is missing"))
                )
                continue
            lon, lat = coords[index]  # type: ignore[misc]
            data, coordination, svc, comms, contacts, row_problems = _row_data(row, lon, lat)
            problems += [Problem(table.file, line, f, m) for f, m in row_problems]
            code = str(data.get("code", "")).upper()
            if not code:
                problems.append(
                    Problem(table.file, line, "code", gettext_noop("the code is missing"))
                )
                continue
            if code in seen:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        "code",
                        gettext_noop("code %(code)s is also in row %(row)s"),
                        {"code": code, "row": seen[code]},
                    )
                )
                continue
            seen[code] = line
            if row_problems:
                continue
            existing = SupportPoint.objects.filter(region=region, code=code).first()
            try:
                with transaction.atomic():
                    point = services.save_point(
                        region=region,
                        data=data,
                        point=existing,
                        coordination_code=coordination or ("" if existing else None),
                    )
                    if (
                        allowed_municipalities is not None
                        and point.municipality_id not in allowed_municipalities
                    ):
                        raise ValidationError(
                            {"lon": [_("this point lies in a municipality you have no rights for")]}
                        )
                    if svc:
                        services.set_services(point=point, services=svc)
                    if comms is not None:
                        services.set_comms(point=point, kinds=comms)
                    if contacts is not None:
                        services.replace_contacts(point=point, contacts=contacts)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    problems += [Problem(table.file, line, field, m) for m in messages]
                continue
            counts["created" if existing is None else "updated"] += 1
        if problems:
            transaction.set_rollback(True)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.field or ""))
        raise ReadError(problems)
    return counts
