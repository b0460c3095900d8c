"""Maps as inline SVG, drawn on the server from our own GeoJSON: no tile server, works offline.

Coordinates are projected to RD New so distances look right; the SVG's y axis points down, so
y is negated. An optional WMS basemap (e.g. PDOK BRT) is drawn underneath only when configured.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from paraat.geo import crs as geocrs

# Colour-blind-safe sequential blues (ColorBrewer "Blues", 5 classes), light to dark.
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#d9d9d9"


@dataclass
class Shape:
    geometry: dict[str, Any]  # GeoJSON in WGS84
    label: str
    fill: str = "#c6dbef"
    href: str | None = None
    stroke: str = "#ffffff"
    text: str = ""  # a label printed on the map at the shape's inner point ("" for none)
    print_text: str = ""  # a label only on paper, where there is room for more names


@dataclass
class Marker:
    lon: float
    lat: float
    label: str
    symbol: str = "circle"  # circle | square | triangle
    fill: str = "#d94801"
    href: str | None = None
    radius: float = 5.0
    text: str = ""  # a label printed beside the symbol ("" for none)
    keep_clear: bool = True  # labels move off it; False for large symbols (proportional circles)


@dataclass
class Legend:
    title: str
    items: list[tuple[str, str]] = field(default_factory=list)  # (colour, text)


def classify(values: Sequence[float | None], classes: int = 5) -> tuple[list[str], list[float]]:
    """Quantile classes over the known values; returns a colour per value and the class breaks."""
    known = np.array([v for v in values if v is not None], dtype=float)
    if known.size == 0:
        return [NO_DATA for _ in values], []
    breaks = list(np.unique(np.quantile(known, np.linspace(0, 1, classes + 1))))
    colours: list[str] = []
    for value in values:
        if value is None:
            colours.append(NO_DATA)
            continue
        index = int(np.searchsorted(breaks[1:-1], value, side="right")) if len(breaks) > 2 else 0
        palette = SEQUENTIAL[-max(1, len(breaks) - 1) :]
        colours.append(palette[min(index, len(palette) - 1)])
    return colours, breaks


def _rd(geom: BaseGeometry) -> BaseGeometry:
    return geocrs.reproject(geom, geocrs.WGS84, geocrs.RD_NEW)


def _inner(geom: BaseGeometry) -> tuple[float, float]:
    """Where a shape's label goes: a point inside it (SVG coordinates, y down)."""
    point = geom.point_on_surface()
    return float(point.x), -float(point.y)


def _path(geom: BaseGeometry) -> str:
    parts: list[str] = []
    polygons = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.asarray(ring.coords)
            if len(coords) < 3:
                continue
            points = " L".join(f"{x:.0f} {-y:.0f}" for x, y in coords[:-1])
            parts.append(f"M{points} Z")
    return " ".join(parts)


# Shapes kept projected, simplified and as a path, per GeoJSON object (``render(keep=True)``): a
# caller that draws the same outline many times with other markers (the public mirror redraws a
# postcode's map after each change of its points) projects it once. Checked by identity, so only
# for GeoJSON that is never changed in place.
_KEPT: dict[tuple[int, float], tuple[dict[str, Any], BaseGeometry, str]] = {}
KEPT_SHAPES = 50_000


def _projected(geometry: dict[str, Any], simplify_m: float, keep: bool) -> tuple[Any, str]:
    kept = _KEPT.get((id(geometry), simplify_m)) if keep else None
    if kept is not None and kept[0] is geometry:
        return kept[1], kept[2]
    geom = _rd(shape(geometry)).simplify(simplify_m)
    path = "" if geom.is_empty else _path(geom)
    if keep:
        if len(_KEPT) >= KEPT_SHAPES:
            _KEPT.clear()
        _KEPT[(id(geometry), simplify_m)] = (geometry, geom, path)
    return geom, path


# Labels: 11 px text with a white halo, in the SVG's own units (metres) scaled to the drawn width.
LABEL_PX = 12.0
CHAR_WIDTH = 0.58  # of the font size, an average for DejaVu Sans / Noto Sans


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # already negated (SVG y down)
    text: str
    anchor: str = "middle"  # middle: centred on x; start: beginning at x
    print_only: bool = False  # shown when printed (CSS), not on the screen


Box = tuple[float, float, float, float]


def _label_box(label: Label, font: float) -> Box:
    width = len(label.text) * font * CHAR_WIDTH
    left = label.x - width / 2 if label.anchor == "middle" else label.x
    return (left, label.y - font * 0.8, left + width, label.y + font * 0.3)


def _overlaps(box: Box, others: Sequence[Box]) -> bool:
    return any(
        box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
        for other in others
    )


def place_labels(
    labels: Sequence[Label],
    font: float,
    *,
    blocked: Sequence[Box] = (),
    within: Box | None = None,
) -> list[Label]:
    """The labels that fit, in the order given (most important first). A label that would cover
    another label or a symbol (``blocked``: their boxes) moves a line up or down; a
    label that fits nowhere (nor inside ``within``, the map's box) is left out, and its shape or
    symbol keeps its title and its row in the page's table."""
    placed: list[Label] = []
    boxes: list[Box] = list(blocked)
    for label in labels:
        tries = [
            label,
            dataclasses.replace(label, y=label.y - 1.3 * font),
            dataclasses.replace(label, y=label.y + 1.3 * font),
        ]
        for candidate in tries:
            box = _label_box(candidate, font)
            if within is not None and not (
                within[0] <= box[0]
                and box[2] <= within[2]
                and within[1] <= box[1]
                and box[3] <= within[3]
            ):
                continue
            if not _overlaps(box, boxes):
                boxes.append(box)
                placed.append(candidate)
                break
    return placed


def _labels_svg(
    labels: Sequence[Label], font: float, blocked: Sequence[Box] = (), within: Box | None = None
) -> str:
    if not labels:
        return ""
    placed = place_labels(labels, font, blocked=blocked, within=within)
    groups = []
    for print_only, extra in ((False, ""), (True, " paraat-map__labels--print")):
        texts = "".join(
            f'<text x="{label.x:.0f}" y="{label.y:.0f}" text-anchor="{label.anchor}">'
            f"{escape(label.text)}</text>"
            for label in placed
            if label.print_only == print_only
        )
        if not texts:
            continue
        # aria-hidden: the shapes' and symbols' titles and the table say the same to a screen
        # reader.
        groups.append(
            f'<g class="paraat-map__labels{extra}" aria-hidden="true" font-size="{font:.0f}" '
            f'font-family="sans-serif" fill="#1a1a1a" stroke="#ffffff" '
            f'stroke-width="{font / 4:.0f}" stroke-linejoin="round" paint-order="stroke">'
            f"{texts}</g>"
        )
    return "".join(groups)


@dataclass
class Frame:
    """Shapes and markers projected to RD New, with the padded box around them: what an SVG map
    (``render``) and a PDF map (``paraat.geo.pdfmap``) draw from."""

    shapes: list[tuple[BaseGeometry, Shape]]
    paths: list[str]  # each shape as an SVG path (y negated)
    markers: list[tuple[tuple[np.ndarray, np.ndarray], Marker]]
    minx: float
    miny: float
    maxx: float
    maxy: float

    @property
    def width(self) -> float:
        return self.maxx - self.minx

    @property
    def height(self) -> float:
        return self.maxy - self.miny

    def shape_labels(self) -> list[Label]:
        """The shapes' labels (SVG coordinates), the largest shapes first; then the labels only
        for paper, which give way to them."""
        ranked = sorted(
            (
                (geom.area, Label(*_inner(geom), item.text))
                for geom, item in self.shapes
                if item.text and not geom.is_empty
            ),
            key=lambda pair: -pair[0],
        )
        on_paper = sorted(
            (
                (geom.area, Label(*_inner(geom), item.print_text, print_only=True))
                for geom, item in self.shapes
                if item.print_text and not item.text and not geom.is_empty
            ),
            key=lambda pair: -pair[0],
        )
        return [label for _area, label in ranked + on_paper]


def layout(
    shapes: Sequence[Shape],
    markers: Sequence[Marker] = (),
    *,
    simplify_m: float = 25.0,
    extent: BaseGeometry | None = None,
    keep: bool = False,
) -> Frame | None:
    """Project and frame a map's content; None when there is nothing to draw."""
    drawn = [(_projected(s.geometry, simplify_m, keep), s) for s in shapes]
    projected = [(geom, s) for (geom, _path_d), s in drawn]
    paths = [path_d for (_geom, path_d), _s in drawn]
    # One projection for all markers (the same numbers as one call per marker, a fifth of the time).
    marker_xs, marker_ys = geocrs.to_rd(
        np.array([m.lon for m in markers], dtype=float),
        np.array([m.lat for m in markers], dtype=float),
    )
    marker_points = [
        ((marker_xs[n : n + 1], marker_ys[n : n + 1]), m) for n, m in enumerate(markers)
    ]
    boxes = [g.bounds for g, _ in projected if not g.is_empty]
    boxes += [(p[0][0], p[1][0], p[0][0], p[1][0]) for p, _ in marker_points]
    if extent is not None:
        boxes.append(_rd(extent).bounds)
    if not boxes:
        return None
    arr = np.array(boxes, dtype=float)
    minx, miny, maxx, maxy = arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max()
    pad = max(maxx - minx, maxy - miny) * 0.03 + 100
    return Frame(
        projected,
        paths,
        marker_points,
        float(minx - pad),
        float(miny - pad),
        float(maxx + pad),
        float(maxy + pad),
    )


def render(
    shapes: Sequence[Shape],
    *,
    markers: Sequence[Marker] = (),
    title: str,
    width: int = 720,
    simplify_m: float = 25.0,
    basemap_url: str = "",
    basemap_layer: str = "standaard",
    extent: BaseGeometry | None = None,
    keep: bool = False,
) -> str:
    """An accessible inline SVG map (role=img with a title); pair it with a table on the page.
    ``keep``: keep the shapes' projection for the next call with the same GeoJSON objects."""
    frame = layout(shapes, markers, simplify_m=simplify_m, extent=extent, keep=keep)
    if frame is None:
        return f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 10 10"><title>{escape(title)}</title></svg>'
    projected, paths, marker_points = frame.shapes, frame.paths, frame.markers
    minx, miny, maxx, maxy = frame.minx, frame.miny, frame.maxx, frame.maxy
    w, h = frame.width, frame.height
    height = int(width * h / w) if w else width
    stroke_w = max(w, h) / 900
    interactive = any(s.href for s in shapes) or any(m.href for m in markers)
    # A map with links is a group of links; a map without is one image (axe: no nested interactive).
    role = "group" if interactive else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="paraat-map" role="{role}" aria-labelledby="map-title" '
        f'viewBox="{minx:.0f} {-maxy:.0f} {w:.0f} {h:.0f}" width="{width}" height="{height}" preserveAspectRatio="xMidYMid meet">',
        f'<title id="map-title">{escape(title)}</title>',
    ]
    if basemap_url:
        query = urlencode(
            {
                "SERVICE": "WMS",
                "REQUEST": "GetMap",
                "VERSION": "1.3.0",
                "LAYERS": basemap_layer,
                "STYLES": "",
                "CRS": "EPSG:28992",
                "BBOX": f"{minx:.0f},{miny:.0f},{maxx:.0f},{maxy:.0f}",
                "WIDTH": width,
                "HEIGHT": height,
                "FORMAT": "image/png",
                "TRANSPARENT": "FALSE",
            }
        )
        sep = "&" if "?" in basemap_url else "?"
        out.append(
            f'<image href="{escape(basemap_url + sep + query)}" x="{minx:.0f}" y="{-maxy:.0f}" width="{w:.0f}" height="{h:.0f}" opacity="0.6"/>'
        )
    for (geom, item), path_d in zip(projected, paths, strict=True):
        if geom.is_empty:
            continue
        opacity = ' fill-opacity="0.75"' if basemap_url else ""
        path = f'<path d="{path_d}" fill="{item.fill}"{opacity} stroke="{item.stroke}" stroke-width="{stroke_w:.0f}" fill-rule="evenodd"><title>{escape(item.label)}</title></path>'
        if item.href:
            path = f'<a href="{escape(item.href)}" aria-label="{escape(item.label)}">{path}</a>'
        out.append(path)
    r_scale = max(w, h) / width
    font = LABEL_PX * r_scale
    # Shape labels first, the largest shapes first; then the symbols' labels.
    shape_labels = frame.shape_labels()
    labels = [label for label in shape_labels if not label.print_only]
    symbols: list[Box] = []
    for (xs, ys), m in marker_points:
        x, y = float(xs[0]), -float(ys[0])
        r = m.radius * r_scale
        if m.symbol == "square":
            glyph = (
                f'<rect x="{x - r:.0f}" y="{y - r:.0f}" width="{2 * r:.0f}" height="{2 * r:.0f}"'
            )
        elif m.symbol == "triangle":
            glyph = f'<polygon points="{x:.0f},{y - r * 1.2:.0f} {x - r:.0f},{y + r * 0.8:.0f} {x + r:.0f},{y + r * 0.8:.0f}"'
        else:
            glyph = f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.0f}"'
        glyph += f' fill="{m.fill}" stroke="#000" stroke-width="{r_scale:.0f}"><title>{escape(m.label)}</title></{glyph.split()[0][1:]}>'
        if m.href:
            glyph = f'<a href="{escape(m.href)}" aria-label="{escape(m.label)}">{glyph}</a>'
        out.append(glyph)
        if m.keep_clear:
            symbols.append((x - r, y - r, x + r, y + r))
        if m.text:
            labels.append(Label(x + r + 2 * r_scale, y + font * 0.35, m.text, anchor="start"))
    labels += [label for label in shape_labels if label.print_only]  # last: they give way
    out.append(_labels_svg(labels, font, symbols, (minx, -maxy, maxx, -miny)))
    out.append("</svg>")
    return "".join(out)


def simplify_for_map(
    geometries: Sequence[dict[str, Any]], tolerance_deg: float = 0.0002
) -> list[dict[str, Any]]:
    """Lighter GeoJSON for maps in a browser (about 20 m tolerance)."""
    return [shapely.geometry.mapping(shape(g).simplify(tolerance_deg)) for g in geometries]
