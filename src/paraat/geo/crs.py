"""Coordinate reference systems: RD New (EPSG:28992) for metric work, WGS84 (EPSG:4326) for storage.

Plain module without Django, so importers, planning and benchmarks share one definition.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

RD_NEW = 28992
WGS84 = 4326

# Generous bounding boxes of the Netherlands (incl. territorial waters) in both systems.
NL_BOUNDS_RD = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
NL_BOUNDS_WGS84 = (3.2, 50.7, 7.3, 53.7)


@lru_cache(maxsize=8)
def transformer(source: int, target: int) -> Transformer:
    """A cached transformer that always takes and returns x/y (lon/lat) order."""
    return Transformer.from_crs(source, target, always_xy=True)


def to_rd(x: np.ndarray, y: np.ndarray, source: int = WGS84) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat (or another CRS) arrays to RD New metres."""
    if source == RD_NEW:
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xs, ys = transformer(source, RD_NEW).transform(x, y)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def to_wgs84(x: np.ndarray, y: np.ndarray, source: int = RD_NEW) -> tuple[np.ndarray, np.ndarray]:
    """Project RD New (or another CRS) arrays to lon/lat."""
    if source == WGS84:
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xs, ys = transformer(source, WGS84).transform(x, y)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def reproject(geom: BaseGeometry, source: int, target: int) -> BaseGeometry:
    """Reproject a shapely geometry between two EPSG codes."""
    if source == target:
        return geom
    t = transformer(source, target)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def guess_crs(bounds: tuple[float, float, float, float]) -> int | None:
    """Guess RD New or WGS84 from a layer's bounds; None when it fits neither inside the Netherlands."""
    minx, miny, maxx, maxy = bounds
    if within(bounds, NL_BOUNDS_WGS84):
        return WGS84
    if within(bounds, NL_BOUNDS_RD):
        return RD_NEW
    return None


def within(
    bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]
) -> bool:
    minx, miny, maxx, maxy = bounds
    return minx >= box[0] and miny >= box[1] and maxx <= box[2] and maxy <= box[3]


def in_netherlands(geom: BaseGeometry, crs: int = WGS84) -> bool:
    """True when the geometry's bounds lie inside the Netherlands' bounding box."""
    box = NL_BOUNDS_WGS84 if crs == WGS84 else NL_BOUNDS_RD
    return within(geom.bounds, box)
