"""Turn a file of areas into validated records; every problem names file, row and field.

Validation is complete before anything is written: the service imports all rows or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.utils.translation import gettext_noop
from shapely.geometry.base import BaseGeometry

from paraat.areas.constants import ImportKind
from paraat.geo import crs as geocrs
from paraat.geo.readers import FeatureTable, NumberError, Problem, ReadError, parse_number
from paraat.geo.text import Count

CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    ImportKind.MUNICIPALITY: ("gm_code", "gemeentecode", "gwb_code", "statcode", "code"),
    ImportKind.WIJK: ("wk_code", "wijkcode", "gwb_code", "statcode", "code"),
    ImportKind.BUURT: ("bu_code", "buurtcode", "gwb_code", "statcode", "code"),
    ImportKind.PC4: ("postcode", "pc4", "postcode4", "code"),
    ImportKind.PC6: ("postcode", "pc6", "postcode6", "code"),
    ImportKind.GRID: ("crs28992res100m", "c28992r100", "vierkant", "cell_id", "id", "code"),
}
NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    ImportKind.MUNICIPALITY: ("gm_naam", "gemeentenaam", "gwb_naam", "statnaam", "naam", "name"),
    ImportKind.WIJK: ("wk_naam", "wijknaam", "gwb_naam", "statnaam", "naam", "name"),
    ImportKind.BUURT: ("bu_naam", "buurtnaam", "gwb_naam", "statnaam", "naam", "name"),
    ImportKind.PC4: ("naam", "name", "plaats"),
    ImportKind.PC6: ("naam", "name", "plaats"),
    ImportKind.GRID: ("naam", "name"),
}
MUNICIPALITY_COLUMNS = ("gm_code", "gemeentecode")
POPULATION_COLUMNS = (
    "population",
    "inwoners",
    "aantal_inwoners",
    "aant_inw",
    "a_inw",
    "bevolking",
    "inwoner",
    "residents",
)
COUNT_COLUMNS: dict[str, tuple[str, ...]] = {
    "age_0_14": ("age_0_14", "inw_0_14", "a_00_14", "aantal_inwoners_0_tot_15_jaar", "inw_014"),
    "age_15_64": ("age_15_64", "inw_15_64", "a_15_64", "inw_1564"),
    "age_65_plus": (
        "age_65_plus",
        "pop_65plus_n",
        "inw_65plus",
        "a_65_oo",
        "aantal_inwoners_65_jaar_en_ouder",
        "inw_65pl",
    ),
    "age_75_plus": ("age_75_plus", "inw_75plus", "a_75_oo", "inw_75pl"),
}
# CBS often publishes age groups as a percentage of residents; used only when no count is given.
PERCENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "age_0_14": ("pop_0_14", "p_00_14_jr"),
    "age_65_plus": ("pop_65plus", "p_65_eo_jr"),
}
VULNERABILITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "wmo_clients": ("wmo_clients", "wmo_clienten", "wmo_cliënten"),
    "one_person_households_65plus": (
        "one_person_households_65plus",
        "eenpersoonshuishoudens_65plus",
    ),
}
VULNERABILITY_PREFIX = "vuln_"
# CBS marks secret or unknown values with large negative numbers.
# CBS publishes small areas' counts rounded to 5, each figure on its own, so an age band can exceed
# the total (15 residents, 20 aged 15-64). Such a file is real: within this slack, when both figures
# are multiples of 5, the row is accepted as published with a warning instead of refused.
CBS_ROUNDING_STEP = 5
CBS_ROUNDING_SLACK = 10

CBS_SECRET = {-99999999.0, -99999998.0, -99997.0, -99995.0}
# No count of people in one area can be larger than the Netherlands' population (about 18
# million); a larger number is a mistake in the file, and refusing it here gives the same answer
# on SQLite and PostgreSQL (whose integer columns end at 2^63 and 2^31).
MAX_PEOPLE = 20_000_000

CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    ImportKind.MUNICIPALITY: re.compile(r"^GM\d{4}$"),
    ImportKind.WIJK: re.compile(r"^WK\d{6}$"),
    ImportKind.BUURT: re.compile(r"^BU\d{8}$"),
    ImportKind.PC4: re.compile(r"^[1-9]\d{3}$"),
    ImportKind.PC6: re.compile(r"^[1-9]\d{3}[A-Z]{2}$"),
    ImportKind.GRID: re.compile(r"^[A-Za-z0-9_\-.]{1,40}$"),
}
CODE_EXAMPLES: dict[str, str] = {
    ImportKind.MUNICIPALITY: "GM0796",
    ImportKind.WIJK: "WK079601",
    ImportKind.BUURT: "BU07960101",
    ImportKind.PC4: "5211",
    ImportKind.PC6: "5211AB",
    ImportKind.GRID: "E1530N4120",
}


@dataclass
class AreaRecord:
    row: int
    code: str
    name: str
    geometry: BaseGeometry  # WGS84
    municipality_code: str | None
    counts: dict[str, int | None] = field(default_factory=dict)
    vulnerability: dict[str, int] = field(default_factory=dict)


@dataclass
class ParsedAreas:
    kind: str
    crs: int
    records: list[AreaRecord]
    warnings: list[Problem] = field(default_factory=list)


def _column(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    return None


def normalise_code(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper().replace(" ", "")
    if kind == ImportKind.GRID:
        return str(value).strip()
    return text


def detect_kind(table: FeatureTable) -> str | None:
    """Guess the kind from the code column's values (GM…, WK…, BU…, 4 or 6 character postcodes)."""
    for kind in (
        ImportKind.BUURT,
        ImportKind.WIJK,
        ImportKind.PC6,
        ImportKind.PC4,
        ImportKind.MUNICIPALITY,
    ):
        column = _column(table.columns, CODE_COLUMNS[kind])
        if column is None:
            continue
        values = [
            normalise_code(kind, r.get(column))
            for r in table.rows[:50]
            if r.get(column) not in (None, "")
        ]
        if values and all(CODE_PATTERNS[kind].match(v) for v in values):
            return kind
    if _column(table.columns, ("crs28992res100m", "c28992r100")):
        return ImportKind.GRID
    return None


def resolve_crs(table: FeatureTable, requested: int | None) -> int:
    """The file's CRS: asked for, declared in the file, or recognised from the coordinates."""
    geoms = [g for g in table.geometries if g is not None and not g.is_empty]
    if not geoms:
        raise ReadError(
            [
                Problem(
                    table.file,
                    None,
                    None,
                    gettext_noop("the file holds no geometries (no geometry, WKT or x/y column)"),
                )
            ]
        )
    bounds = shapely.total_bounds(geoms)
    total = (float(bounds[0]), float(bounds[1]), float(bounds[2]), float(bounds[3]))
    guessed = geocrs.guess_crs(total)
    crs = requested or table.crs
    if crs is None:
        if guessed is None:
            raise ReadError(
                [
                    Problem(
                        table.file,
                        None,
                        None,
                        gettext_noop(
                            "the coordinate reference system cannot be recognised; give --crs "
                            "28992 (RD New) or --crs 4326 (WGS84)"
                        ),
                    )
                ]
            )
        return guessed
    if crs in (geocrs.WGS84, geocrs.RD_NEW) and guessed is not None and guessed != crs:
        names = {geocrs.WGS84: "WGS84 (EPSG:4326)", geocrs.RD_NEW: "RD New (EPSG:28992)"}
        raise ReadError(
            [
                Problem(
                    table.file,
                    None,
                    None,
                    gettext_noop(
                        "the file is given as %(given)s, but the coordinates look like "
                        "%(found)s; give --crs %(code)s"
                    ),
                    {"given": names[crs], "found": names[guessed], "code": guessed},
                )
            ]
        )
    return crs


def _count(
    table: FeatureTable, row: dict[str, Any], line: int, column: str, problems: list[Problem]
) -> float | None:
    try:
        number = parse_number(row.get(column))
    except NumberError as exc:
        problems.append(Problem(table.file, line, column, exc.text, exc.params))
        return None
    if number is None or number in CBS_SECRET:
        return None
    if number < 0:
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop("'%(value)s' is negative"),
                {"value": row.get(column)},
            )
        )
        return None
    if number > MAX_PEOPLE:
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop(
                    "'%(value)s' is improbably large: more than %(limit)s (the Netherlands has "
                    "about 18 million inhabitants)"
                ),
                {"value": row.get(column), "limit": Count(MAX_PEOPLE)},
            )
        )
        return None
    return number


def _whole(
    table: FeatureTable, row: dict[str, Any], line: int, column: str, problems: list[Problem]
) -> int | None:
    number = _count(table, row, line, column, problems)
    if number is None:
        return None
    if not float(number).is_integer():
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop("'%(value)s' is not a whole number of people"),
                {"value": row.get(column)},
            )
        )
        return None
    return int(number)


@dataclass(frozen=True)
class _Columns:
    """Which of a file's columns hold what, for one kind of area."""

    code: str
    name: str | None
    municipality: str | None
    population: str | None
    counts: dict[str, str | None]
    percents: dict[str, str | None]
    vulnerability: dict[str, str | None]


def parse_areas(
    table: FeatureTable, *, kind: str | None = None, crs: int | None = None
) -> ParsedAreas:
    """Validate every row and return records in WGS84, or raise ReadError listing all problems."""
    kind = kind or detect_kind(table)
    if kind is None:
        raise ReadError(
            [
                Problem(
                    table.file,
                    None,
                    None,
                    gettext_noop(
                        "the kind of areas cannot be recognised; give --kind (municipality, "
                        "wijk, buurt, pc4, pc6 or grid)"
                    ),
                )
            ]
        )
    columns = _columns(table, kind)
    source_crs = resolve_crs(table, crs)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[str, int] = {}
    records: list[AreaRecord] = []
    for row, geometry, line in zip(table.rows, table.geometries, table.row_numbers, strict=True):
        code = _row_code(table, kind, row, line, columns.code, seen, problems)
        if code is None:
            continue
        wgs = _geometry(table, kind, geometry, line, source_crs, problems)
        counts = _row_counts(table, row, line, columns, problems, warnings)
        vulnerability: dict[str, int] = {}
        for key, vuln_col in columns.vulnerability.items():
            if vuln_col:
                amount = _whole(table, row, line, vuln_col, problems)
                if amount is not None:
                    vulnerability[key] = amount
        municipality_code = _municipality_code(kind, code, row, columns.municipality)
        if wgs is None:
            continue
        name = str(row.get(columns.name) or "").strip() if columns.name else ""
        records.append(AreaRecord(line, code, name, wgs, municipality_code, counts, vulnerability))
    if problems:
        raise ReadError(problems)
    if not records:
        raise ReadError([Problem(table.file, None, None, gettext_noop("the file holds no rows"))])
    return ParsedAreas(kind=kind, crs=source_crs, records=records, warnings=warnings)


def _columns(table: FeatureTable, kind: str) -> _Columns:
    """The columns for ``kind`` found by their known names; ReadError without a code column."""
    code_col = _column(table.columns, CODE_COLUMNS[kind])
    if code_col is None:
        raise ReadError(
            [
                Problem(
                    table.file,
                    None,
                    None,
                    gettext_noop("no column with the code found; expected one of: %(names)s"),
                    {"names": ", ".join(CODE_COLUMNS[kind])},
                )
            ]
        )
    vulnerability: dict[str, str | None] = {
        key: _column(table.columns, names) for key, names in VULNERABILITY_COLUMNS.items()
    }
    for column in table.columns:
        if column.lower().startswith(VULNERABILITY_PREFIX):
            vulnerability[column.lower()[len(VULNERABILITY_PREFIX) :]] = column
    return _Columns(
        code=code_col,
        name=_column(table.columns, NAME_COLUMNS[kind]),
        municipality=(
            _column(table.columns, MUNICIPALITY_COLUMNS)
            if kind != ImportKind.MUNICIPALITY
            else None
        ),
        population=_column(table.columns, POPULATION_COLUMNS),
        counts={key: _column(table.columns, names) for key, names in COUNT_COLUMNS.items()},
        percents={key: _column(table.columns, names) for key, names in PERCENT_COLUMNS.items()},
        vulnerability=vulnerability,
    )


def _row_code(
    table: FeatureTable,
    kind: str,
    row: dict[str, Any],
    line: int,
    code_col: str,
    seen: dict[str, int],
    problems: list[Problem],
) -> str | None:
    """The row's normalised code, or None with its problem (missing, invalid, repeated)."""
    code = normalise_code(kind, row.get(code_col))
    if not code:
        problems.append(Problem(table.file, line, code_col, gettext_noop("the code is missing")))
        return None
    if not CODE_PATTERNS[kind].match(code):
        problems.append(
            Problem(
                table.file,
                line,
                code_col,
                gettext_noop("'%(code)s' is not a valid code (example: %(example)s)"),
                {"code": code, "example": CODE_EXAMPLES[kind]},
            )
        )
        return None
    if code in seen:
        problems.append(
            Problem(
                table.file,
                line,
                code_col,
                gettext_noop("code %(code)s is also in row %(row)s"),
                {"code": code, "row": seen[code]},
            )
        )
        return None
    seen[code] = line
    return code


def _row_counts(
    table: FeatureTable,
    row: dict[str, Any],
    line: int,
    columns: _Columns,
    problems: list[Problem],
    warnings: list[Problem],
) -> dict[str, int | None]:
    """Population and the age groups: counts as given, or from a percentage of the population;
    an age group larger than the population is a problem, or a warning where CBS's rounding to 5
    explains it."""
    population = (
        _whole(table, row, line, columns.population, problems) if columns.population else None
    )
    counts: dict[str, int | None] = {"population": population}
    for key, count_col in columns.counts.items():
        counts[key] = _whole(table, row, line, count_col, problems) if count_col else None
    for key, pct_col in columns.percents.items():
        if counts.get(key) is None and pct_col and population is not None:
            share = _count(table, row, line, pct_col, problems)
            if share is None:
                continue
            if share > 100:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        pct_col,
                        gettext_noop("percentage %(share)s is more than 100"),
                        {"share": share},
                    )
                )
            else:
                counts[key] = round(population * share / 100)
    if population is None:
        return counts
    for key in ("age_0_14", "age_15_64", "age_65_plus", "age_75_plus"):
        value = counts.get(key)
        if value is None or value <= population:
            continue
        where = columns.counts.get(key) or key
        if _cbs_rounded(value, population):
            warnings.append(
                Problem(
                    table.file,
                    line,
                    where,
                    gettext_noop(
                        "%(value)s is more than the number of inhabitants "
                        "(%(population)s); rounded to 5 by CBS, taken as published"
                    ),
                    {"value": value, "population": population},
                )
            )
        else:
            problems.append(
                Problem(
                    table.file,
                    line,
                    where,
                    gettext_noop(
                        "%(value)s is more than the number of inhabitants (%(population)s)"
                    ),
                    {"value": value, "population": population},
                )
            )
    return counts


def _cbs_rounded(value: int, population: int) -> bool:
    """An excess that CBS's rounding of both figures to 5 explains."""
    return (
        value % CBS_ROUNDING_STEP == 0
        and population % CBS_ROUNDING_STEP == 0
        and value - population <= CBS_ROUNDING_SLACK
    )


def _municipality_code(kind: str, code: str, row: dict[str, Any], gm_col: str | None) -> str | None:
    if kind == ImportKind.MUNICIPALITY:
        return code
    if gm_col and row.get(gm_col):
        return str(row[gm_col]).strip().upper()
    if kind in (ImportKind.WIJK, ImportKind.BUURT):
        return "GM" + code[2:6]
    return None


def _geometry(
    table: FeatureTable,
    kind: str,
    geometry: BaseGeometry | None,
    line: int,
    source_crs: int,
    problems: list[Problem],
) -> BaseGeometry | None:
    column = table.geometry_columns[0] if table.geometry_columns else "geometry"
    if geometry is None or geometry.is_empty:
        problems.append(Problem(table.file, line, column, gettext_noop("the geometry is missing")))
        return None
    if kind == ImportKind.GRID and geometry.geom_type == "Point":
        rd = geocrs.reproject(geometry, source_crs, geocrs.RD_NEW)
        geometry = geocrs.reproject(rd.buffer(50, cap_style="square"), geocrs.RD_NEW, source_crs)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop("expected an area (Polygon), not %(kind)s"),
                {"kind": geometry.geom_type},
            )
        )
        return None
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop("invalid geometry: %(reason)s"),
                {"reason": reason},
            )
        )
        return None
    wgs = geocrs.reproject(geometry, source_crs, geocrs.WGS84)
    if not geocrs.in_netherlands(wgs, geocrs.WGS84):
        problems.append(
            Problem(
                table.file,
                line,
                column,
                gettext_noop(
                    "the geometry lies (partly) outside the Netherlands; check the coordinate "
                    "reference system (--crs)"
                ),
            )
        )
        return None
    return wgs
