"""Small, hand-checkable geometries for tests: squares in RD New, stored as WGS84 GeoJSON."""

from __future__ import annotations

from typing import Any

import shapely

from paraat.geo import crs as geocrs
from paraat.geo import geojson

# A point in the middle of Oss (RD New), and one in Vught.
OSS_RD = (164_000.0, 419_000.0)
VUGHT_RD = (148_500.0, 408_500.0)


def square_rd(x: float, y: float, size: float) -> shapely.Polygon:
    half = size / 2
    return shapely.box(x - half, y - half, x + half, y + half)


def square_wgs84(x: float, y: float, size: float) -> shapely.Geometry:
    return geocrs.reproject(square_rd(x, y, size), geocrs.RD_NEW, geocrs.WGS84)


def geo_fields(geom: shapely.Geometry) -> dict[str, Any]:
    return {"geometry": geojson.to_geojson(geom), **geojson.bbox_and_point(geom)}


def point_wgs84(x: float, y: float) -> tuple[float, float]:
    lon, lat = geocrs.to_wgs84([x], [y])
    return float(lon[0]), float(lat[0])
