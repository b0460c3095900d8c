"""Find the municipality and area that contain a point (WGS84)."""

from __future__ import annotations

import shapely

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.geo import geojson

# The area a point is filed under: the finest kind the region has.
AREA_PREFERENCE = (AreaKind.BUURT, AreaKind.WIJK, AreaKind.PC6, AreaKind.PC4)


def municipality_at(region: Region, lon: float, lat: float) -> Municipality | None:
    point = shapely.Point(lon, lat)
    candidates = Municipality.objects.in_region(region).filter(
        min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat
    )
    for municipality in candidates:
        if geojson.from_geojson(municipality.geometry).covers(point):
            return municipality
    return None


def area_at(municipality: Municipality, lon: float, lat: float) -> Area | None:
    point = shapely.Point(lon, lat)
    candidates = list(
        Area.objects.in_municipality(municipality).filter(
            kind__in=AREA_PREFERENCE,
            min_lon__lte=lon,
            max_lon__gte=lon,
            min_lat__lte=lat,
            max_lat__gte=lat,
        )
    )
    candidates.sort(key=lambda a: AREA_PREFERENCE.index(AreaKind(a.kind)))
    for area in candidates:
        if geojson.from_geojson(area.geometry).covers(point):
            return area
    return None
