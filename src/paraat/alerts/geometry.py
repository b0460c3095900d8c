"""Alert areas as CAP polygons (no Django): drawn WKT/GeoJSON in, ``lat,lon`` rings out.

CAP wants each polygon as one closed ring of ``lat,lon`` pairs in WGS 84 (at least 4 pairs, first
equal to last). Municipality and wijk outlines can have thousands of points and holes, so each
outer ring is simplified to at most ``MAX_POINTS`` points; holes are dropped (the area then
covers slightly more, never less).
"""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

MAX_POINTS = 100
DECIMALS = 5  # about 1 metre


class AreaError(ValueError):
    """A drawn area that cannot be used, with the reason."""


def parse_drawn(text: str) -> BaseGeometry:
    """A drawn polygon as WKT (``POLYGON((lon lat, ...))``) or GeoJSON, in WGS 84 lon/lat."""
    text = text.strip()
    if not text:
        raise AreaError("the area is empty")
    try:
        if text.startswith("{"):
            data = json.loads(text)
            if data.get("type") == "Feature":
                data = data.get("geometry") or {}
            geom = shape(data)
        else:
            geom = shapely.from_wkt(text)
    except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError) as error:
        raise AreaError(f"not a WKT or GeoJSON polygon: {error}") from error
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise AreaError(f"a {geom.geom_type} is not an area; draw a polygon")
    if geom.is_empty or not geom.is_valid:
        raise AreaError("the polygon crosses itself or is empty")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise AreaError("coordinates must be longitude and latitude in degrees (WGS 84)")
    return geom


def _outer_rings(geom: BaseGeometry) -> list[list[tuple[float, float]]]:
    polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    rings = []
    for polygon in polygons:
        ring = polygon.exterior
        tolerance = 0.0
        while len(ring.coords) > MAX_POINTS:
            tolerance = tolerance * 2 if tolerance else 0.0001
            ring = shapely.Polygon(polygon.exterior).simplify(tolerance).exterior
        rings.append([(float(x), float(y)) for x, y in ring.coords])
    return rings


def cap_polygons(geom: BaseGeometry) -> tuple[str, ...]:
    """Each outer ring as a CAP polygon: ``lat,lon`` pairs, closed, at least 4 pairs."""
    found = []
    for ring in _outer_rings(geom):
        pairs = [f"{round(lat, DECIMALS)},{round(lon, DECIMALS)}" for lon, lat in ring]
        if pairs[0] != pairs[-1]:
            pairs.append(pairs[0])
        if len(pairs) >= 4:
            found.append(" ".join(pairs))
    return tuple(found)


def from_geojson(data: dict[str, Any]) -> BaseGeometry:
    return shape(data)


def centre(geom: BaseGeometry) -> tuple[float, float]:
    """A point inside the area as (lon, lat)."""
    point = geom.representative_point()
    return float(point.x), float(point.y)


def to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    """GeoJSON with the RFC 7946 right-hand rule (outer rings counterclockwise)."""
    oriented = shapely.orient_polygons(geom, exterior_cw=False)
    data: dict[str, Any] = json.loads(shapely.to_geojson(oriented))
    return data
