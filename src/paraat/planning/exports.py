"""A run's figures as CSV, XLSX, GeoJSON, GeoPackage (pyogrio) and a printable PDF report.

All from the stored figures and the areas' geometry: an export of an old run shows that run.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paraat.areas.models import Area
from paraat.core import when
from paraat.core.pdf import PAGE_WIDTH, TitleBlock, a4_report, fitted_table, report_styles
from paraat.geo import cells, geojson, pdfmap, writers
from paraat.geo import crs as geocrs
from paraat.geo.geojson import from_geojson
from paraat.planning import explain, presenters
from paraat.planning.models import CoverageRun, OptimisationRun

TABLES = ("municipalities", "areas", "points", "selected")
AREA_COLUMNS = [
    "code",
    "name",
    "municipality",
    "total",
    "covered",
    "uncovered",
    "share",
    "covered_norm",
]
POINT_COLUMNS = [
    "code",
    "name",
    "municipality",
    "meets_norm",
    "within",
    "assigned",
    "capacity",
    "over_capacity",
    "critical",
]
SELECTED_COLUMNS = ["code", "name", "municipality", "adds", "x", "y"]


def rows_of(
    run: CoverageRun | OptimisationRun, table: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """The rows of one table of a run, with their columns; empty for a table the run lacks."""
    figures = run.figures
    if isinstance(run, OptimisationRun):
        if table == "selected":
            return SELECTED_COLUMNS, figures["selected"]
        if table == "municipalities":
            before = {r["code"]: r for r in figures["before"]["municipalities"]}
            rows = [
                {**r, "covered_before": before.get(r["code"], {}).get("covered")}
                for r in figures["after"]["municipalities"]
            ]
            return [
                "code",
                "name",
                "total",
                "covered_before",
                "covered",
                "uncovered",
                "share",
            ], rows
        return [], []
    if table == "municipalities":
        return [c for c in AREA_COLUMNS if c != "municipality"], figures["municipalities"]
    if table == "areas":
        return AREA_COLUMNS, figures["areas"]
    if table == "points":
        return POINT_COLUMNS, figures["points"]
    return [], []


def csv_text(run: CoverageRun | OptimisationRun, table: str) -> str:
    """One table for Dutch Excel: BOM, semicolons, decimal commas (see `geo.writers`)."""
    columns, rows = rows_of(run, table)
    return writers.csv_text(columns, rows)


def xlsx(run: CoverageRun | OptimisationRun) -> bytes:
    """Every table of the run as one sheet of a workbook, numbers as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for table in TABLES:
        columns, rows = rows_of(run, table)
        if not columns:
            continue
        sheet = book.create_sheet(table)
        sheet.append(columns)
        for row in rows:
            sheet.append(cells.xlsx_row(sheet, [row.get(c) for c in columns]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def geojson_data(run: CoverageRun | OptimisationRun, areas: Sequence[Area]) -> dict[str, Any]:
    """RFC 7946 GeoJSON in WGS84: the areas with their figures, or the proposed sites."""
    if isinstance(run, CoverageRun):
        by_code = {a.code: a for a in areas}
        features = [
            geojson.feature(by_code[r["code"]].geometry, _properties(r, AREA_COLUMNS), r["code"])
            for r in run.figures["areas"]
            if r["code"] in by_code
        ]
    else:
        features = []
        for r in run.figures["selected"]:
            site = geocrs.reproject(shapely.Point(r["x"], r["y"]), geocrs.RD_NEW, geocrs.WGS84)
            point = {"type": "Point", "coordinates": [round(site.x, 7), round(site.y, 7)]}
            properties = _properties(r, [c for c in SELECTED_COLUMNS if c not in ("x", "y")])
            features.append(geojson.feature(point, properties, r["code"]))
    return geojson.feature_collection(features)


def _properties(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: row.get(c) for c in columns}


def _column(rows: Sequence[dict[str, Any]], name: str) -> np.ndarray:
    values = [row.get(name) for row in rows]
    if all(isinstance(v, (int, float, bool)) or v is None for v in values) and any(
        v is not None for v in values
    ):
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def _write_layer(
    path: Path,
    layer: str,
    geoms: Sequence[Any],
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    kind: str,
) -> None:
    import pyogrio

    if not rows:
        return
    pyogrio.raw.write(
        path,
        np.array([shapely.to_wkb(g) for g in geoms], dtype=object),
        [_column(rows, c) for c in columns],
        fields=list(columns),
        geometry_type=kind,
        crs="EPSG:28992",
        driver="GPKG",
        layer=layer,
        append=path.exists(),
    )


def geopackage(run: CoverageRun | OptimisationRun, areas: Sequence[Area]) -> bytes:
    """Layers in RD New: areas with their figures, demand blocks, points or proposed sites."""
    figures = run.figures
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dekking.gpkg"
        if isinstance(run, CoverageRun):
            by_code = {a.code: a for a in areas}
            rows = [r for r in figures["areas"] if r["code"] in by_code]
            geoms = [
                _multipolygon(
                    geocrs.reproject(
                        from_geojson(by_code[r["code"]].geometry), geocrs.WGS84, geocrs.RD_NEW
                    )
                )
                for r in rows
            ]
            _write_layer(path, "gebieden", geoms, rows, AREA_COLUMNS, "MultiPolygon")
            cells = figures.get("cells") or {}
            half = float(cells.get("size", 100)) / 2
            cell_rows = [
                {"x": x, "y": y, "total": t, "covered": c, "share": (c / t) if t else None}
                for x, y, t, c in cells.get("rows", [])
            ]
            cell_geoms = [
                shapely.box(r["x"] - half, r["y"] - half, r["x"] + half, r["y"] + half)
                for r in cell_rows
            ]
            _write_layer(
                path, "vraagcellen", cell_geoms, cell_rows, ["total", "covered", "share"], "Polygon"
            )
        else:
            rows = figures["selected"]
            geoms = [shapely.Point(r["x"], r["y"]) for r in rows]
            _write_layer(
                path,
                "voorgestelde_locaties",
                geoms,
                rows,
                ["code", "name", "municipality", "adds"],
                "Point",
            )
        if not path.exists():
            _write_layer(
                path, "leeg", [shapely.Point(0, 0)], [{"note": "geen rijen"}], ["note"], "Point"
            )
        return path.read_bytes()


def _multipolygon(geom: Any) -> Any:
    return geom if geom.geom_type == "MultiPolygon" else shapely.MultiPolygon([geom])


def counted(run: CoverageRun | OptimisationRun) -> float | None:
    """The residents a run counted (an optimisation: with its proposed sites)."""
    figures = run.figures.get("after", run.figures)
    total = figures.get("total")
    return None if total is None else float(total)


def map_title(run: CoverageRun | OptimisationRun) -> str:
    if isinstance(run, OptimisationRun):
        return _("Share of residents within reach per area, with the proposed sites")
    return _("Share of residents within reach per area")


def report_context(run: CoverageRun | OptimisationRun) -> dict[str, Any]:
    """What the printable report (HTML and PDF) shows."""
    drawn = presenters.run_map(run)
    return {
        "run": run,
        "explanation": explain.for_run(run),
        "total_note": explain.run_total_note(run, counted(run)),
        "printed_at": timezone.localtime(),
        "map_svg": drawn.svg(map_title(run)),
        "map_legend": presenters.map_legend(drawn.layer, proposed=drawn.proposed),
    }


def pdf(run: CoverageRun | OptimisationRun) -> bytes:
    """A4 report a municipality can attach to a council letter."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, TableStyle

    styles = report_styles()
    title = (
        _("Coverage of support points")
        if isinstance(run, CoverageRun)
        else _("Proposal for new support point sites")
    )
    place = run.municipality.name if run.municipality else run.region.name

    story: list[Any] = [
        Paragraph(f"{title}: {place}", styles["Title"]),
        Paragraph(
            _("Run of %(date)s; distance %(distance)s (%(kind)s); counting %(whom)s.")
            % {
                "date": when.date_time(run.created_at),
                "distance": explain.distance(run.threshold_m),
                "kind": run.get_distance_kind_display().lower(),
                "whom": explain.whom(run.weight),
            },
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(explain.for_run(run), styles["Normal"]),
        Spacer(1, 4 * mm),
        *_map_flowables(run, styles),
    ]
    tables = (
        ["selected", "municipalities"]
        if isinstance(run, OptimisationRun)
        else ["municipalities", "areas", "points"]
    )
    headings = {
        "selected": _("Proposed sites"),
        "municipalities": _("Per municipality"),
        "areas": _("Per area"),
        "points": _("Per point"),
    }
    for table in tables:
        columns, rows = rows_of(run, table)
        columns = [c for c in columns if c not in ("x", "y", "capacity")]
        if not rows:
            continue
        data = [[_header(c) for c in columns]] + [
            [_cell(c, row.get(c)) for c in columns] for row in rows
        ]
        grid = fitted_table(
            data, width=PAGE_WIDTH, numeric=[c not in TEXT_COLUMNS for c in columns]
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eff3ff")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [Paragraph(headings[table], styles["Heading2"]), grid, Spacer(1, 4 * mm)]
    return a4_report(
        story,
        title=f"{title}: {place}",
        footer=f"Paraat — {title} — {place}",
        page_label=_("page") + " ",
        block=TitleBlock(
            region=run.region.name,
            moment=when.date_time(run.created_at),
            sources=_(
                "Data: CBS population figures (CC BY 4.0); the region's support points in Paraat."
            ),
        ),
    )


TEXT_COLUMNS = frozenset({"code", "name", "municipality"})


def _map_flowables(run: CoverageRun | OptimisationRun, styles: Any) -> list[Any]:
    """The run's map as on its page, with its legend, kept together on one page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

    drawn = presenters.run_map(run)
    picture = pdfmap.drawing(
        drawn.shapes, drawn.markers, width=PAGE_WIDTH, max_height=150 * mm, simplify_m=10.0
    )
    rows = pdfmap.legend_rows(presenters.map_legend(drawn.layer, proposed=drawn.proposed))
    legend = Table(
        [[swatch, Paragraph(text, styles["Normal"])] for swatch, text in rows],
        colWidths=[6 * mm, PAGE_WIDTH - 6 * mm],
        hAlign="LEFT",
    )
    legend.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [KeepTogether([Paragraph(map_title(run), styles["Heading2"]), picture, legend])]


def _header(column: str) -> str:
    return str(HEADERS.get(column, column))


def _cell(column: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if column == "share":
        return explain.percent(value)
    if isinstance(value, float):
        return explain.number(value)
    return str(value)


HEADERS = {
    "code": gettext_lazy("Code"),
    "name": gettext_lazy("Name"),
    "municipality": gettext_lazy("Municipality"),
    "total": gettext_lazy("Residents"),
    "covered": gettext_lazy("Covered"),
    "covered_before": gettext_lazy("Covered before"),
    "uncovered": gettext_lazy("Not covered"),
    "share": gettext_lazy("Share covered"),
    "covered_norm": gettext_lazy("Covered by points meeting the norm"),
    "meets_norm": gettext_lazy("Meets the norm"),
    "within": gettext_lazy("Within reach"),
    "assigned": gettext_lazy("Nearest point for"),
    "over_capacity": gettext_lazy("Over capacity"),
    "critical": gettext_lazy("Lose coverage if it fails"),
    "adds": gettext_lazy("Adds"),
}
