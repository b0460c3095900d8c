"""Read GIS and spreadsheet files into plain rows and shapely geometries.

GeoJSON, GeoPackage and (zipped) Shapefile go through pyogrio, which bundles GDAL in its wheel;
CSV and XLSX are read here so Dutch spreadsheets (semicolons, decimal commas) come through intact.
Every problem names the file, the row and the field.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from paraat.geo.cells import unescape_csv_cell
from paraat.geo.text import Count, gettext_noop, render

GIS_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx"}
SUPPORTED_SUFFIXES = GIS_SUFFIXES | TABLE_SUFFIXES

WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom", "geometrie")
X_COLUMNS = ("x", "x_rd", "rd_x", "lon", "lng", "longitude", "lengtegraad")
Y_COLUMNS = ("y", "y_rd", "rd_y", "lat", "latitude", "breedtegraad")

# A real boundary in WKT can exceed the csv module's default of 131,072 characters per field; the
# upload limit bounds the file, this bounds one field.
MAX_FIELD_CHARS = 16 * 1024 * 1024
# Spreadsheets: only this many columns are read, whatever a file declares (a sheet that claims
# 16,384 columns must not make every row 16,384 cells long).
MAX_COLUMNS = 500
# Rows per file: generous for a region (its 100 m grid has some tens of thousands of populated
# cells), and a stop for a zip bomb of 1.5 million rows before it fills the memory.
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, precise enough to find and fix it.

    ``text`` is an English message id (marked with ``gettext_noop``) with ``%(name)s`` fields
    filled from ``params``; ``message`` and ``str()`` give it in the active language.
    """

    file: str
    row: int | None
    field: str | None
    text: str
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.text, self.params)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(render(gettext_noop("row %(row)s"), {"row": self.row}))
        if self.field:
            where.append(render(gettext_noop("field '%(field)s'"), {"field": self.field}))
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """For JSON output: where, and the message in the active language."""
        return {"file": self.file, "row": self.row, "field": self.field, "message": self.message}


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
            [
                Problem(
                    name,
                    None,
                    None,
                    gettext_noop("unknown file type '%(suffix)s'; use %(supported)s"),
                    {"suffix": suffix, "supported": supported},
                )
            ]
        )
    if not path.is_file() or path.stat().st_size == 0:
        raise ReadError(
            [Problem(name, None, None, gettext_noop("the file is empty or does not exist"))]
        )
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
    if re.search(r"CRS[:\s]*84\b", crs_text, re.IGNORECASE):
        return 4326  # OGC's CRS84 is WGS84 in lon/lat order, as GeoJSON always is
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
    declared = _declared_geojson_crs(path)
    try:
        meta, _fids, wkb, field_data = pyogrio.raw.read(
            source, layer=layer, max_features=MAX_ROWS + 1
        )
    except (DataSourceError, DataLayerError, OSError, ValueError, RuntimeError) as exc:
        raise ReadError(
            [
                Problem(
                    name,
                    None,
                    None,
                    gettext_noop("the file cannot be read (%(error)s)"),
                    {"error": str(exc)},
                )
            ]
        ) from None
    columns = [str(c) for c in meta["fields"]]
    rows: list[dict[str, Any]] = []
    count = len(wkb) if wkb is not None else (len(field_data[0]) if field_data else 0)
    if count > MAX_ROWS:
        raise ReadError([_too_many_rows(name)])
    for i in range(count):
        rows.append({col: _native(field_data[j][i]) for j, col in enumerate(columns)})
    problems: list[Problem] = []
    geometries: list[BaseGeometry | None] = []
    if wkb is not None:
        for number, blob in enumerate(wkb, start=1):
            geometries.append(_from_wkb(blob, name, number, problems))
    else:
        geometries = [None] * count
    for number, row in enumerate(rows, start=1):
        _check_text(row, name, number, problems)
    crs = _epsg(declared) if declared else _epsg(meta.get("crs"))
    if declared and crs is None:
        problems.insert(
            0,
            Problem(
                name,
                None,
                "crs",
                gettext_noop(
                    "the file names the coordinate reference system '%(crs)s', which Paraat does "
                    "not know; use RD New (EPSG:28992) or WGS84 (EPSG:4326)"
                ),
                {"crs": declared[:80]},
            ),
        )
    elif crs is not None and not known_crs(crs):
        problems.insert(
            0,
            Problem(
                name,
                None,
                "crs",
                gettext_noop(
                    "the file names the coordinate reference system EPSG:%(code)s, which Paraat "
                    "does not know; use RD New (EPSG:28992) or WGS84 (EPSG:4326)"
                ),
                {"code": crs},
            ),
        )
    if problems:
        raise ReadError(problems)
    return FeatureTable(
        file=name,
        rows=rows,
        geometries=geometries,
        row_numbers=list(range(1, count + 1)),
        crs=crs,
        columns=columns,
    )


_GEOJSON_CRS = re.compile(
    rb'"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]{1,200})"'
)


def _declared_geojson_crs(path: Path) -> str | None:
    """The CRS a GeoJSON file names in its "crs" member (GDAL quietly falls back to WGS84 for a
    name it cannot resolve, such as EPSG:99999, so Paraat reads the name itself)."""
    if path.suffix.lower() not in (".geojson", ".json"):
        return None
    match = _GEOJSON_CRS.search(path.read_bytes())
    return match.group(1).decode("utf-8", errors="replace") if match else None


def _too_many_rows(name: str) -> Problem:
    return Problem(
        name,
        None,
        None,
        gettext_noop("the file has more than %(limit)s rows; split it into smaller files"),
        {"limit": Count(MAX_ROWS)},
    )


def known_crs(code: int) -> bool:
    """True when PROJ knows EPSG:code (an unknown declared CRS is refused, never ignored)."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_epsg(code)
    except CRSError:
        return False
    return True


def _from_wkb(blob: Any, name: str, number: int, problems: list[Problem]) -> BaseGeometry | None:
    if blob is None:
        return None
    try:
        geometry = shapely.from_wkb(blob)
    except (shapely.errors.GEOSException, ValueError) as exc:
        problems.append(
            Problem(
                name,
                number,
                "geometry",
                gettext_noop("invalid geometry (%(error)s)"),
                {"error": str(exc)},
            )
        )
        return None
    if geometry is not None and not finite(geometry):
        problems.append(
            Problem(
                name,
                number,
                "geometry",
                gettext_noop("the geometry has coordinates that are not numbers"),
            )
        )
        return None
    return geometry


def finite(geometry: BaseGeometry) -> bool:
    """False when a coordinate is NaN or infinite (1e400 in a file reads as infinity)."""
    import numpy as np

    return bool(np.isfinite(shapely.get_coordinates(geometry)).all())


def _check_text(row: dict[str, Any], name: str, number: int, problems: list[Problem]) -> None:
    """NUL bytes and other control characters are refused: no database stores them the same."""
    for column, value in row.items():
        if isinstance(value, str) and _CONTROL.search(value):
            problems.append(
                Problem(
                    name,
                    number,
                    column,
                    gettext_noop("the value holds a NUL or other control character"),
                )
            )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _shapefile_in_zip(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            shapes = [n for n in archive.namelist() if n.lower().endswith(".shp")]
    except zipfile.BadZipFile:
        raise ReadError(
            [Problem(name, None, None, gettext_noop("this is not a valid zip file"))]
        ) from None
    if not shapes:
        raise ReadError(
            [Problem(name, None, None, gettext_noop("the zip file holds no shapefile (.shp)"))]
        )
    if len(shapes) > 1:
        raise ReadError(
            [
                Problem(
                    name,
                    None,
                    None,
                    gettext_noop("the zip file holds more than one shapefile: %(names)s"),
                    {"names": ", ".join(shapes)},
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


def decode_text(raw: bytes, name: str) -> str:
    """Text from the bytes of a CSV: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
    'Unicode text'), or Windows-1252 for a file with no UTF-8 in it at all.

    A file that is UTF-8 but for a stray byte is refused, naming the row: decoding it whole as
    Windows-1252 would store every 'ë' as 'Ã«'.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        gettext_noop("invalid UTF-16 text (%(error)s)"),
                        {"error": exc.reason},
                    )
                ]
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lenient = raw.decode("utf-8-sig", errors="replace")
        if raw.startswith(b"\xef\xbb\xbf") or any(
            ord(ch) > 127 and ch != "\ufffd" for ch in lenient
        ):
            row = raw.count(b"\n", 0, exc.start) + 1
            raise ReadError(
                [
                    Problem(
                        name,
                        row,
                        None,
                        gettext_noop(
                            "the file is UTF-8, but byte %(offset)s (0x%(byte)s) is not valid "
                            "UTF-8; save the file again as UTF-8"
                        ),
                        {"offset": exc.start + 1, "byte": f"{raw[exc.start]:02X}"},
                    )
                ]
            ) from None
    return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path, name: str) -> tuple[list[str], list[list[Any]]]:
    text = decode_text(path.read_bytes(), name)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        if sample.count(";") > sample.count(","):
            dialect = type("semicolon", (csv.excel,), {"delimiter": ";"})
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text), dialect)
    all_rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(all_rows) > MAX_ROWS:
                raise ReadError([_too_many_rows(name)])
            all_rows.append([unescape_csv_cell(value) for value in row])
    except csv.Error as exc:
        raise ReadError(
            [
                Problem(
                    name,
                    reader.line_num,
                    None,
                    gettext_noop("the CSV line cannot be read (%(error)s)"),
                    {"error": str(exc)},
                )
            ]
        ) from None
    if not all_rows:
        raise ReadError([Problem(name, None, None, gettext_noop("the file has no header row"))])
    return [h.strip() for h in all_rows[0]], all_rows[1:]


def _first_sheet_has_more_rows(path: Path, limit: int) -> bool:
    """Whether the first sheet's XML holds more than ``limit`` rows, counted in the raw stream.

    openpyxl parses a whole sheet that declares no size before it returns a row (0.2 ms a row), so
    a zip bomb of 1.5 million tiny rows took 40 s of CPU; counting ``<row`` tags in the
    decompressed stream stops at the limit after a fraction of a second. Anything unexpected in
    the package is left to openpyxl, which reports it.
    """
    import zipfile

    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    package = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            first = workbook.find(f"{main}sheets/{main}sheet")
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            if first is None:
                return False
            target = next(
                (r.get("Target", "") for r in rels.iter(f"{package}Relationship")
                 if r.get("Id") == first.get(f"{rel}id")),
                "",
            )  # fmt: skip
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            count = 0
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    data = tail + chunk
                    # "<row " or "<row>", never "<rows"; a tag across two chunks is counted once.
                    count += data.count(b"<row ") + data.count(b"<row>")
                    tail = data[-4:]
                    if count > limit:
                        return True
    except Exception:
        return False
    return False


def _xlsx_rows(path: Path, name: str) -> tuple[list[str], list[list[Any]]]:
    """The first sheet's rows, in bounded memory: read-only mode, and only the header's columns.

    A sheet's declared size is not trusted: a 154 KB file claiming 16,384 columns would otherwise
    pad every row to 16,384 cells.
    """
    from openpyxl import load_workbook

    if _first_sheet_has_more_rows(path, MAX_ROWS + 1):
        raise ReadError([_too_many_rows(name)])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _unreadable_excel(name, exc) from None
    try:
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read what is there, not what the file declares
        first = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
        header_cells = list(first)
        while header_cells and header_cells[-1] in (None, ""):
            header_cells.pop()
        if not header_cells:
            raise ReadError(
                [Problem(name, None, None, gettext_noop("the first sheet has no header row"))]
            )
        width = len(header_cells)
        rows: list[list[Any]] = []
        for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            if len(rows) >= MAX_ROWS:
                raise ReadError([_too_many_rows(name)])
            rows.append(list(values))
    except ReadError:
        raise
    except Exception as exc:
        raise _unreadable_excel(name, exc) from None
    finally:
        workbook.close()
    header = [str(h).strip() if h is not None else "" for h in header_cells]
    return header, rows


def _find(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    return None


def _table_from_rows(name: str, header: list[str], raw_rows: list[list[Any]]) -> FeatureTable:
    problems: list[Problem] = []
    if len(set(h.lower() for h in header if h)) != len([h for h in header if h]):
        problems.append(
            Problem(name, 1, None, gettext_noop("the header row has duplicate column names"))
        )
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
                    gettext_noop("%(values)s values but the header row has %(columns)s columns"),
                    {"values": len(raw), "columns": len(header)},
                )
            )
            continue
        row = {
            header[i]: (raw[i] if i < len(raw) else None) for i in range(len(header)) if header[i]
        }
        row = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        _check_text(row, name, line, problems)
        geometry: BaseGeometry | None = None
        if wkt_col and row.get(wkt_col) not in (None, ""):
            try:
                geometry = shapely.from_wkt(str(row[wkt_col]))
            except (shapely.errors.GEOSException, ValueError) as exc:
                problems.append(
                    Problem(
                        name,
                        line,
                        wkt_col,
                        gettext_noop("not a valid WKT geometry (%(error)s)"),
                        {"error": str(exc)},
                    )
                )
            else:
                if geometry is not None and not finite(geometry):
                    problems.append(
                        Problem(
                            name,
                            line,
                            wkt_col,
                            gettext_noop("the geometry has coordinates that are not numbers"),
                        )
                    )
                    geometry = None
        elif (
            x_col
            and y_col
            and row.get(x_col) not in (None, "")
            and row.get(y_col) not in (None, "")
        ):
            try:
                x = parse_number(row[x_col])
                y = parse_number(row[y_col])
            except ValueError:
                for column in (x_col, y_col):
                    try:
                        parse_number(row[column])
                    except NumberError as exc:
                        problems.append(Problem(name, line, column, exc.text, exc.params))
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


NOT_A_NUMBER = gettext_noop("'%(value)s' is not a number")
TOO_LARGE = gettext_noop("'%(value)s' is too large")
NOT_FINITE = gettext_noop("'%(value)s' is not a finite number")


class NumberError(ValueError):
    """A cell that is not a number; ``text`` and ``params`` as a Problem takes them."""

    def __init__(self, text: str, value: Any) -> None:
        self.text = text
        self.params = {"value": value}
        super().__init__(text)

    def __str__(self) -> str:
        return render(self.text, self.params)


def _unreadable_excel(name: str, exc: Exception) -> ReadError:
    return ReadError(
        [
            Problem(
                name,
                None,
                None,
                gettext_noop("the Excel file cannot be read (%(error)s)"),
                {"error": str(exc)},
            )
        ]
    )


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(value: Any) -> float | None:
    """A number from a cell, accepting Dutch notation: '1.234' is 1234 and '12,5' is 12.5.

    Returns None for an empty cell; raises NumberError (a ValueError) otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberError(NOT_A_NUMBER, value)
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise NumberError(TOO_LARGE, value) from None
        if math.isnan(number):
            return None  # an empty number cell in a GeoPackage or spreadsheet
        if math.isinf(number):
            raise NumberError(NOT_FINITE, value)
        return number
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text == "" or text.lower() in {"null", "none", "nan", "."}:
        return None
    if "," in text:
        if text.count(",") > 1:
            raise NumberError(NOT_A_NUMBER, value)
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        raise NumberError(NOT_A_NUMBER, value) from None
    if not math.isfinite(number):
        raise NumberError(NOT_FINITE, value)
    return number
