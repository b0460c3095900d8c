"""Shapely geometries to and from GeoJSON dicts, rounded to 6 decimals (about 0.1 m)."""

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
    data: dict[str, Any] = json.loads(json.dumps(mapping(rounded)))
    return data


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
    data: dict[str, Any] = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        data["id"] = feature_id
    return data
