"""The small map on a result page: the postcode area, where you are and the numbered points.

Drawn on the server with paraat.geo.svgmap (no tiles, no JavaScript); the numbers on the map match
the numbered list next to it, which holds the same information as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from paraat.geo import crs as geocrs
from paraat.geo import svgmap

WIDTH = 320
HERE_COLOUR = "#154273"
POINT_COLOUR = "#d94801"


def result_map(
    *,
    title: str,
    here: tuple[float, float, str],
    points: Sequence[tuple[float, float, str]],
    outline: dict[str, Any] | None = None,
) -> str:
    """An inline SVG: ``here`` and ``points`` are (lon, lat, label); points get numbers 1, 2, 3."""
    shapes = (
        [svgmap.Shape(outline, label=here[2], fill="#e5eef8", stroke="#154273")] if outline else []
    )
    markers = [
        svgmap.Marker(here[0], here[1], here[2], symbol="square", fill=HERE_COLOUR, radius=6)
    ]
    markers += [
        svgmap.Marker(lon, lat, label, symbol="circle", fill=POINT_COLOUR, radius=9)
        for lon, lat, label in points
    ]
    svg = svgmap.render(
        shapes, markers=markers, title=title, width=WIDTH, simplify_m=20.0, keep=True
    )  # the snapshot's outlines are never changed in place: keep their projection
    return _with_numbers(svg, here, points, outline)


Box = tuple[float, float, float, float]
_BOUNDS: dict[int, tuple[dict[str, Any], Box | None]] = {}


def _outline_bounds(outline: dict[str, Any]) -> Box | None:
    """The outline's bounds in RD New (kept per outline object, as svgmap keeps its shape)."""
    kept = _BOUNDS.get(id(outline))
    if kept is not None and kept[0] is outline:
        return kept[1]
    rd = geocrs.reproject(shape(outline), geocrs.WGS84, geocrs.RD_NEW)
    bounds: Box | None = None
    if not rd.is_empty:
        minx, miny, maxx, maxy = (float(v) for v in shapely.bounds(rd))
        bounds = (minx, miny, maxx, maxy)
    if len(_BOUNDS) >= svgmap.KEPT_SHAPES:
        _BOUNDS.clear()
    _BOUNDS[id(outline)] = (outline, bounds)
    return bounds


def _with_numbers(
    svg: str,
    here: tuple[float, float, str],
    points: Sequence[tuple[float, float, str]],
    outline: dict[str, Any] | None,
) -> str:
    """Write 1, 2, 3 on the point markers, in the same units svgmap used for the markers."""
    lons = [here[0], *(p[0] for p in points)]
    lats = [here[1], *(p[1] for p in points)]
    xs, ys = geocrs.to_rd(np.asarray(lons), np.asarray(lats))
    boxes = [(float(x), float(y), float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    bounds = _outline_bounds(outline) if outline else None
    if bounds is not None:
        boxes.append(bounds)
    arr = np.asarray(boxes, dtype=float)
    span = max(arr[:, 2].max() - arr[:, 0].min(), arr[:, 3].max() - arr[:, 1].min())
    span = span * 1.06 + 200  # svgmap's padding
    scale = span / WIDTH
    size = 11 * scale
    labels = [
        f'<text x="{x:.0f}" y="{-y + size * 0.36:.0f}" font-size="{size:.0f}" font-family="sans-serif" '
        f'font-weight="700" fill="#fff" text-anchor="middle" aria-hidden="true">{n}</text>'
        for n, (x, y) in enumerate(zip(xs[1:], ys[1:], strict=True), start=1)
    ]
    return svg.replace("</svg>", "".join(labels) + "</svg>") if labels else svg
