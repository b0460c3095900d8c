"""The maps of ``paraat.geo.svgmap`` as a reportlab drawing, for the PDF reports.

The same shapes, markers and labels as on the page (``svgmap.layout`` frames them once), drawn
in PDF points: a report shows the map its page shows, without a browser or system libraries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import (
    FILL_EVEN_ODD,
    Circle,
    Drawing,
    Group,
    Path,
    Polygon,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from paraat.geo import svgmap

LABEL_PT = 7.0
FONT = "Helvetica"
BOLD = "Helvetica-Bold"


def _colour(value: str) -> Any:
    return None if value in ("", "none") else colors.HexColor(value)


def drawing(
    shapes: Sequence[svgmap.Shape],
    markers: Sequence[svgmap.Marker] = (),
    *,
    width: float,
    max_height: float,
    simplify_m: float = 25.0,
) -> Drawing:
    """A map ``width`` points wide (narrower when ``max_height`` would be exceeded), with a thin
    frame; an empty drawing when there is nothing to draw."""
    frame = svgmap.layout(shapes, markers, simplify_m=simplify_m)
    if frame is None or frame.width <= 0 or frame.height <= 0:
        return Drawing(width, 1)
    scale = min(width / frame.width, max_height / frame.height)
    out = Drawing(frame.width * scale, frame.height * scale)

    def at(x: float, y: float) -> tuple[float, float]:
        """RD New to the drawing (y up in both)."""
        return (x - frame.minx) * scale, (y - frame.miny) * scale

    out.add(Rect(0, 0, out.width, out.height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#c8c8c8"), strokeWidth=0.5))  # fmt: skip
    for geom, item in frame.shapes:
        if geom.is_empty:
            continue
        out.add(_path(geom, item, at))
    for (xs, ys), marker in frame.markers:
        out.add(_symbol(marker, *at(float(xs[0]), float(ys[0]))))
    out.add(_labels(frame, markers, at, scale))
    return out


def _path(geom: Any, item: svgmap.Shape, at: Any) -> Path:
    path = Path(
        fillColor=_colour(item.fill),
        strokeColor=_colour(item.stroke),
        strokeWidth=0.4,
        fillMode=FILL_EVEN_ODD,
    )
    polygons = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = list(ring.coords)
            if len(coords) < 4:
                continue
            path.moveTo(*at(*coords[0][:2]))
            for x, y, *_z in coords[1:-1]:
                path.lineTo(*at(x, y))
            path.closePath()
    return path


def _symbol(marker: svgmap.Marker, x: float, y: float) -> Any:
    r = marker.radius * 0.75  # the page's px as points
    style = {"fillColor": _colour(marker.fill), "strokeColor": colors.black, "strokeWidth": 0.4}
    if marker.symbol == "square":
        return Rect(x - r, y - r, 2 * r, 2 * r, **style)
    if marker.symbol == "triangle":
        return Polygon([x, y + r * 1.2, x - r, y - r * 0.8, x + r, y - r * 0.8], **style)
    return Circle(x, y, r, **style)


def _labels(frame: svgmap.Frame, markers: Sequence[svgmap.Marker], at: Any, scale: float) -> Group:
    """The labels that fit (``svgmap.place_labels``, in PDF points), each on a white halo."""
    wanted: list[svgmap.Label] = []
    symbols: list[svgmap.Box] = []
    for (xs, ys), marker in frame.markers:
        if marker.keep_clear:
            x, y = at(float(xs[0]), float(ys[0]))
            r = marker.radius * 0.75
            symbols.append((x - r, -y - r, x + r, -y + r))  # y down, as place_labels works
    for label in frame.shape_labels():
        x, y = at(label.x, -label.y)
        wanted.append(svgmap.Label(x, -y, label.text))  # place_labels works with y down
    for (xs, ys), marker in frame.markers:
        if marker.text:
            x, y = at(float(xs[0]), float(ys[0]))
            r = marker.radius * 0.75
            wanted.append(svgmap.Label(x + r + 1.5, -(y - LABEL_PT * 0.35), marker.text, "start"))
    group = Group()
    ink = colors.HexColor("#1a1a1a")
    inside = (0.0, -frame.height * scale, frame.width * scale, 0.0)  # the drawing, y down
    for label in svgmap.place_labels(wanted, LABEL_PT, blocked=symbols, within=inside):
        x, y = label.x, -label.y
        width = stringWidth(label.text, BOLD, LABEL_PT)
        left = x - width / 2 if label.anchor == "middle" else x
        # A light box under the text instead of a halo of copies: text stays one object.
        group.add(Rect(left - 1, y - LABEL_PT * 0.28, width + 2, LABEL_PT * 1.12, fillColor=colors.white, fillOpacity=0.75, strokeColor=None))  # fmt: skip
        group.add(String(x, y, label.text, fontName=BOLD, fontSize=LABEL_PT, fillColor=ink, textAnchor=label.anchor))  # fmt: skip
    return group


def legend_rows(items: Sequence[tuple[str, str]]) -> list[list[Any]]:
    """A legend as table rows: a swatch drawing and its text."""
    rows = []
    for colour, text in items:
        swatch = Drawing(10, 8)
        swatch.add(Rect(0, 0, 10, 8, fillColor=_colour(colour), strokeColor=colors.grey, strokeWidth=0.3))  # fmt: skip
        rows.append([swatch, text])
    return rows
