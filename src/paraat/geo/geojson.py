"""Shapely geometries to and from GeoJSON dicts, rounded to 6 decimals (about 0.1 m).

Everything written follows RFC 7946: WGS84 longitude/latitude and the right-hand rule for
polygons (outer rings counterclockwise, holes clockwise, section 3.1.6). `to_geojson` orients
new geometries; `feature` orients stored ones on the way out, so older rows are written right too.
"""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry


def to_geojson(geom: BaseGeometry, precision: int = 6) -> dict[str, Any]:
    rounded = shapely.set_precision(geom, 10**-precision) if precision else geom
    if rounded.is_empty:  # set_precision can collapse tiny slivers; keep the original then
        rounded = geom
    rounded = shapely.orient_polygons(rounded, exterior_cw=False)
    data: dict[str, Any] = json.loads(json.dumps(mapping(rounded)))
    return data


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the signed area of a ring (shoelace): positive when counterclockwise."""
    return sum(
        ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)
    )


def _orient_rings(rings: list[Any]) -> list[Any]:
    oriented = []
    for index, ring in enumerate(rings):
        counterclockwise = _signed_area(ring) > 0
        wanted = index == 0  # the outer ring counterclockwise, holes clockwise
        oriented.append(ring if counterclockwise == wanted else list(reversed(ring)))
    return oriented


def rfc7946(geometry: dict[str, Any]) -> dict[str, Any]:
    """The same GeoJSON geometry with its rings in right-hand order; coordinates unchanged."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return {**geometry, "coordinates": _orient_rings(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [_orient_rings(p) for p in geometry["coordinates"]]}
    if kind == "GeometryCollection":
        return {**geometry, "geometries": [rfc7946(g) for g in geometry["geometries"]]}
    return geometry


def from_geojson(data: dict[str, Any]) -> BaseGeometry:
    return shape(data)


def bbox_and_point(geom: BaseGeometry) -> dict[str, float]:
    """Bounding box and a representative point inside the shape, for fast queries and labels."""
    minx, miny, maxx, maxy = geom.bounds
    point = geom.representative_point() if geom.geom_type != "Point" else geom
    return {
        "min_lon": minx,
        "min_lat": miny,
        "max_lon": maxx,
        "max_lat": maxy,
        "point_lon": round(point.x, 6),
        "point_lat": round(point.y, 6),
    }


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def feature(
    geometry: dict[str, Any], properties: dict[str, Any], feature_id: Any = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "Feature",
        "geometry": rfc7946(geometry) if geometry else geometry,
        "properties": properties,
    }
    if feature_id is not None:
        data["id"] = feature_id
    return data
