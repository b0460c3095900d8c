"""What the planning pages show: maps drawn on the server, and table rows from a run's figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _

from paraat.areas.models import Area, Municipality
from paraat.geo import crs as geocrs
from paraat.geo import svgmap
from paraat.planning.models import CoverageRun, OptimisationRun
from paraat.supportpoints.models import SupportPoint

# Covered share classes, light (few covered) to dark (nearly all covered).
SHARE_BREAKS = (0.25, 0.5, 0.75, 0.95)
UNCOVERED_FILL = "#fdae61"  # orange: no one in this block is within reach


def share_fill(share: float | None) -> str:
    if share is None:
        return svgmap.NO_DATA
    index = int(np.searchsorted(SHARE_BREAKS, share, side="right"))
    return svgmap.SEQUENTIAL[index]


def legend() -> list[tuple[str, str]]:
    labels = [
        _("less than 25% covered"),
        _("25% to 50% covered"),
        _("50% to 75% covered"),
        _("75% to 95% covered"),
        _("95% or more covered"),
    ]
    return list(zip(svgmap.SEQUENTIAL, labels, strict=True))


def _marker(lon: float, lat: float, label: str, *, symbol: str, fill: str) -> svgmap.Marker:
    return svgmap.Marker(lon=lon, lat=lat, label=label, symbol=symbol, fill=fill, radius=4.0)


def point_markers(
    points: Sequence[SupportPoint], proposed: Sequence[dict[str, Any]] = ()
) -> list[svgmap.Marker]:
    markers = [
        _marker(p.lon, p.lat, f"{p.code} {p.name}", symbol="circle", fill="#000000") for p in points
    ]
    if proposed:
        x = np.array([s["x"] for s in proposed])
        y = np.array([s["y"] for s in proposed])
        lon, lat = geocrs.to_wgs84(x, y)
        markers += [
            _marker(
                float(lo),
                float(la),
                _("Proposed: %(code)s %(name)s") % {"code": s["code"], "name": s["name"]},
                symbol="triangle",
                fill="#d94801",
            )
            for s, lo, la in zip(proposed, lon, lat, strict=True)
        ]
    return markers


def area_shapes(areas: Sequence[Area], rows: Sequence[dict[str, Any]]) -> list[svgmap.Shape]:
    by_code = {row["code"]: row for row in rows}
    shapes = []
    for area in areas:
        row = by_code.get(area.code)
        share = row["share"] if row else None
        label = area.name or area.code
        if row:
            label = _("%(area)s: %(share)s covered") % {
                "area": label,
                "share": "–" if share is None else f"{share * 100:.0f}%",
            }
        shapes.append(
            svgmap.Shape(
                geometry=area.geometry, label=label, fill=share_fill(share), stroke="#ffffff"
            )
        )
    return shapes


def cell_shapes(cells: dict[str, Any]) -> list[svgmap.Shape]:
    """Blocks of demand cells as squares, coloured by the share of their residents covered."""
    rows = cells.get("rows") or []
    if not rows:
        return []
    half = float(cells["size"]) / 2
    data = np.asarray(rows, dtype=float)
    boxes = shapely.box(data[:, 0] - half, data[:, 1] - half, data[:, 0] + half, data[:, 1] + half)
    wgs = geocrs.reproject(shapely.GeometryCollection(list(boxes)), geocrs.RD_NEW, geocrs.WGS84)
    shapes = []
    for geom, (_x, _y, total, covered) in zip(wgs.geoms, rows, strict=True):
        share = covered / total if total else None
        fill = UNCOVERED_FILL if covered == 0 else share_fill(share)
        label = _("%(covered)s of %(total)s covered") % {
            "covered": f"{covered:.0f}",
            "total": f"{total:.0f}",
        }
        shapes.append(
            svgmap.Shape(
                geometry=shapely.geometry.mapping(geom), label=label, fill=fill, stroke=fill
            )
        )
    return shapes


def coverage_layers(
    *,
    layer: str,
    areas: Sequence[Area],
    municipalities: Sequence[Municipality],
    points: Sequence[SupportPoint],
    rows: Sequence[dict[str, Any]],
    cells: dict[str, Any] | None,
    proposed: Sequence[dict[str, Any]] = (),
) -> tuple[list[svgmap.Shape], list[svgmap.Marker]]:
    """The coverage map's shapes and symbols, for the page (SVG) and the report (PDF) alike:
    areas (or blocks of demand cells) by covered share, the municipalities outlined and named,
    the points and the proposed sites."""
    outline = [
        svgmap.Shape(geometry=m.geometry, label=m.name, fill="none", stroke="#555555", text=m.name)
        for m in municipalities
        if m.geometry
    ]
    if layer == "cells" and cells:
        shapes = (
            [
                svgmap.Shape(geometry=m.geometry, label=m.name, fill="#f2f2f2", stroke="#9a9a9a")
                for m in municipalities
                if m.geometry
            ]
            + cell_shapes(cells)
            + outline
        )
    else:
        shapes = area_shapes(areas, rows) + outline
    return shapes, point_markers(points, proposed)


@dataclass(frozen=True)
class RunMap:
    """What a run's map is drawn from, read once for the page, the HTML report and the PDF."""

    shapes: list[svgmap.Shape]
    markers: list[svgmap.Marker]
    layer: str
    proposed: bool

    def svg(self, title: str) -> str:
        return svgmap.render(self.shapes, markers=self.markers, title=title, simplify_m=10.0)


def run_map(run: CoverageRun | OptimisationRun, *, layer: str = "areas") -> RunMap:
    """The map of a run: its areas coloured by the share covered (an optimisation's with its
    proposed sites), or blocks of its demand cells (``layer="cells"``, a coverage run)."""
    figures = run.figures
    if isinstance(run, OptimisationRun):
        rows, cells, proposed = figures["after"]["areas"], None, figures["selected"]
    else:
        rows, cells, proposed = figures["areas"], figures.get("cells"), []
    layer = "cells" if layer == "cells" and cells else "areas"
    region = run.region
    areas = Area.objects.in_region(region).of_kind(run.area_kind).only("code", "name", "geometry")
    municipalities = Municipality.objects.in_region(region).only("code", "name", "geometry")
    if run.municipality_id:
        areas = areas.filter(municipality_id=run.municipality_id)
        municipalities = municipalities.filter(pk=run.municipality_id)
    points = SupportPoint.objects.in_region(region).active().only("code", "name", "lon", "lat")
    shapes, markers = coverage_layers(
        layer=layer,
        areas=list(areas),
        municipalities=list(municipalities),
        points=list(points),
        rows=rows,
        cells=cells,
        proposed=proposed,
    )
    return RunMap(shapes, markers, layer, bool(proposed))


def map_legend(layer: str, *, proposed: bool) -> list[tuple[str, str]]:
    """The map's legend as (colour, text): the share classes, then what else is on the map."""
    items = legend()
    if layer == "cells":
        items.append((UNCOVERED_FILL, _("no one covered")))
    items.append(("#000000", _("designated or prepared support point")))
    if proposed:
        items.append(("#d94801", _("proposed new site")))
    return items
