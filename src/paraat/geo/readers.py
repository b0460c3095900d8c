"""Read GIS and spreadsheet files into plain rows and shapely geometries.

GeoJSON, GeoPackage and (zipped) Shapefile go through pyogrio, which bundles GDAL in its wheel;
CSV and XLSX are read here so Dutch spreadsheets (semicolons, decimal commas) come through intact.
Every problem names the file, the row and the field.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

GIS_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx"}
SUPPORTED_SUFFIXES = GIS_SUFFIXES | TABLE_SUFFIXES

WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom", "geometrie")
X_COLUMNS = ("x", "x_rd", "rd_x", "lon", "lng", "longitude", "lengtegraad")
Y_COLUMNS = ("y", "y_rd", "rd_y", "lat", "latitude", "breedtegraad")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, precise enough to find and fix it."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.field:
            where.append(f"veld '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class ReadError(Exception):
    """The file cannot be read at all, or holds problems that stop an import."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class FeatureTable:
    """What a file holds: one dict of attributes and one geometry (or None) per row."""

    file: str
    rows: list[dict[str, Any]]
    geometries: list[BaseGeometry | None]
    row_numbers: list[int]
    crs: int | None
    columns: list[str] = field(default_factory=list)
    geometry_columns: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)


def read_features(
    path: str | Path, *, display_name: str | None = None, layer: str | None = None
) -> FeatureTable:
    """Read any supported file. Row numbers are as a person sees them (a spreadsheet's header is row 1)."""
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise ReadError(
            [Problem(name, None, None, f"onbekend bestandstype '{suffix}'; gebruik {supported}")]
        )
    if not path.is_file() or path.stat().st_size == 0:
        raise ReadError([Problem(name, None, None, "het bestand is leeg of bestaat niet")])
    if suffix in GIS_SUFFIXES:
        return _read_gis(path, name, layer)
    if suffix == ".xlsx":
        header, raw_rows = _xlsx_rows(path, name)
    else:
        header, raw_rows = _csv_rows(path, name)
    return _table_from_rows(name, header, raw_rows)


def _epsg(crs_text: str | None) -> int | None:
    if not crs_text:
        return None
    match = re.search(r"EPSG[:\s]*(\d+)", crs_text, re.IGNORECASE)
    if match:
        return int(match.group(1))
    try:
        from pyproj import CRS

        code = CRS.from_user_input(crs_text).to_epsg()
    except Exception:
        return None
    return int(code) if code else None


def _read_gis(path: Path, name: str, layer: str | None) -> FeatureTable:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    source = str(path)
    if path.suffix.lower() == ".zip":
        source = _shapefile_in_zip(path, name)
    try:
        meta, _fids, wkb, field_data = pyogrio.raw.read(source, layer=layer)
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
        raise ReadError(
            [Problem(name, None, None, f"het bestand kan niet gelezen worden ({exc})")]
        ) from None
    columns = [str(c) for c in meta["fields"]]
    rows: list[dict[str, Any]] = []
    count = len(wkb) if wkb is not None else (len(field_data[0]) if field_data else 0)
    for i in range(count):
        rows.append({col: _native(field_data[j][i]) for j, col in enumerate(columns)})
    geometries: list[BaseGeometry | None] = []
    if wkb is not None:
        for blob in wkb:
            geometries.append(shapely.from_wkb(blob) if blob is not None else None)
    else:
        geometries = [None] * count
    return FeatureTable(
        file=name,
        rows=rows,
        geometries=geometries,
        row_numbers=list(range(1, count + 1)),
        crs=_epsg(meta.get("crs")),
        columns=columns,
    )


def _shapefile_in_zip(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            shapes = [n for n in archive.namelist() if n.lower().endswith(".shp")]
    except zipfile.BadZipFile:
        raise ReadError([Problem(name, None, None, "dit is geen geldig zip-bestand")]) from None
    if not shapes:
        raise ReadError([Problem(name, None, None, "het zip-bestand bevat geen shapefile (.shp)")])
    if len(shapes) > 1:
        raise ReadError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"het zip-bestand bevat meer dan één shapefile: {', '.join(shapes)}",
                )
            ]
        )
    return f"/vsizip/{path}/{shapes[0]}"


def _native(value: Any) -> Any:
    if hasattr(value, "item"):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


def _csv_rows(path: Path, name: str) -> tuple[list[str], list[list[Any]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ReadError(
            [Problem(name, None, None, "de tekencodering is niet te herkennen (gebruik UTF-8)")]
        )
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        if sample.count(";") > sample.count(","):
            dialect = type("semicolon", (csv.excel,), {"delimiter": ";"})
    reader = csv.reader(io.StringIO(text), dialect)
    all_rows = [row for row in reader]
    if not all_rows:
        raise ReadError([Problem(name, None, None, "het bestand bevat geen kopregel")])
    return [h.strip() for h in all_rows[0]], all_rows[1:]


def _xlsx_rows(path: Path, name: str) -> tuple[list[str], list[list[Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ReadError(
            [Problem(name, None, None, f"het Excel-bestand kan niet gelezen worden ({exc})")]
        ) from None
    sheet = workbook.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    workbook.close()
    if not rows or not any(rows[0]):
        raise ReadError([Problem(name, None, None, "het eerste werkblad bevat geen kopregel")])
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return header, rows[1:]


def _find(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    return None


def _table_from_rows(name: str, header: list[str], raw_rows: list[list[Any]]) -> FeatureTable:
    problems: list[Problem] = []
    if len(set(h.lower() for h in header if h)) != len([h for h in header if h]):
        problems.append(Problem(name, 1, None, "de kopregel bevat dubbele kolomnamen"))
    wkt_col = _find(header, WKT_COLUMNS)
    x_col = _find(header, X_COLUMNS)
    y_col = _find(header, Y_COLUMNS)
    rows: list[dict[str, Any]] = []
    geometries: list[BaseGeometry | None] = []
    numbers: list[int] = []
    for offset, raw in enumerate(raw_rows):
        line = offset + 2
        if not any(v not in (None, "") for v in raw):
            continue  # blank lines in spreadsheets are common and harmless
        if len(raw) > len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"{len(raw)} waarden maar de kopregel heeft {len(header)} kolommen",
                )
            )
            continue
        row = {
            header[i]: (raw[i] if i < len(raw) else None) for i in range(len(header)) if header[i]
        }
        row = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        geometry: BaseGeometry | None = None
        if wkt_col and row.get(wkt_col) not in (None, ""):
            try:
                geometry = shapely.from_wkt(str(row[wkt_col]))
            except shapely.errors.GEOSException as exc:
                problems.append(Problem(name, line, wkt_col, f"geen geldige WKT-geometrie ({exc})"))
        elif (
            x_col
            and y_col
            and row.get(x_col) not in (None, "")
            and row.get(y_col) not in (None, "")
        ):
            try:
                x = parse_number(row[x_col])
                y = parse_number(row[y_col])
            except ValueError as exc:
                field_name = x_col if "x" in str(exc) else y_col
                problems.append(Problem(name, line, field_name, str(exc)))
            else:
                if x is not None and y is not None:
                    geometry = shapely.Point(x, y)
        rows.append(row)
        geometries.append(geometry)
        numbers.append(line)
    if problems:
        raise ReadError(problems)
    geometry_columns = tuple(c for c in (wkt_col, x_col, y_col) if c)
    return FeatureTable(
        file=name,
        rows=rows,
        geometries=geometries,
        row_numbers=numbers,
        crs=None,
        columns=header,
        geometry_columns=geometry_columns,
    )


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(value: Any) -> float | None:
    """A number from a cell, accepting Dutch notation: '1.234' is 1234 and '12,5' is 12.5.

    Returns None for an empty cell; raises ValueError with a Dutch message otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen getal")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text == "" or text.lower() in {"null", "none", "nan", "."}:
        return None
    if "," in text:
        if text.count(",") > 1:
            raise ValueError(f"'{value}' is geen getal")
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{value}' is geen getal") from None
