"""Maps as inline SVG, drawn on the server from our own GeoJSON: no tile server, works offline.

Coordinates are projected to RD New so distances look right; the SVG's y axis points down, so
y is negated. An optional WMS basemap (e.g. PDOK BRT) is drawn underneath only when configured.
"""

from __future__ import annotations

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


@dataclass
class Marker:
    lon: float
    lat: float
    label: str
    symbol: str = "circle"  # circle | square | triangle
    fill: str = "#d94801"
    href: str | None = None
    radius: float = 5.0


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
        return f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 10 10"><title>{escape(title)}</title></svg>'
    arr = np.array(boxes, dtype=float)
    minx, miny, maxx, maxy = arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max()
    pad = max(maxx - minx, maxy - miny) * 0.03 + 100
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    w, h = maxx - minx, maxy - miny
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
    out.append("</svg>")
    return "".join(out)


def simplify_for_map(
    geometries: Sequence[dict[str, Any]], tolerance_deg: float = 0.0002
) -> list[dict[str, Any]]:
    """Lighter GeoJSON for maps in a browser (about 20 m tolerance)."""
    return [shapely.geometry.mapping(shape(g).simplify(tolerance_deg)) for g in geometries]
