"""OpenStreetMap tags (emergency:*) for designated points, as GeoJSON for mappers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from paraat.supportpoints.constants import ACTIVE_LIFECYCLES, BuildingType, Service, Tier
from paraat.supportpoints.models import SupportPoint

OSM_BUILDING = {
    BuildingType.COMMUNITY_CENTRE: {"amenity": "community_centre"},
    BuildingType.SCHOOL: {"amenity": "school"},
    BuildingType.SPORTS_HALL: {"leisure": "sports_hall"},
    BuildingType.CHURCH: {"amenity": "place_of_worship"},
    BuildingType.LIBRARY: {"amenity": "library"},
    BuildingType.TOWN_HALL: {"amenity": "townhall"},
    BuildingType.FIRE_STATION: {"amenity": "fire_station"},
    BuildingType.CARE_HOME: {"amenity": "social_facility", "social_facility": "nursing_home"},
}
OSM_SERVICE = {
    Service.INFORMATION: "emergency:information_point",
    Service.EMERGENCY_REPORT: "emergency:phone",
    Service.FIRST_AID: "emergency:first_aid",
    Service.DRINKING_WATER: "emergency:drinking_water",
    Service.CHARGING: "emergency:device_charging_station",
    Service.WARMTH: "emergency:warming_room",
    Service.TOILET: "emergency:toilets",
}


def osm_tags(point: SupportPoint) -> dict[str, str]:
    """OpenStreetMap tags for a designated point: its everyday use plus its emergency role (emergency:*)."""
    tags: dict[str, str] = {
        "name": point.name,
        **OSM_BUILDING.get(BuildingType(point.building_type), {}),
    }
    if point.street:
        tags["addr:street"] = point.street
    if point.house_number:
        tags["addr:housenumber"] = point.house_number
    if point.postcode:
        tags["addr:postcode"] = point.postcode
    if point.city:
        tags["addr:city"] = point.city
    if point.wheelchair_accessible is not None:
        tags["wheelchair"] = "yes" if point.wheelchair_accessible else "no"
    tags["emergency:amenity"] = (
        "emergency_support_point" if point.tier == Tier.LOCAL else "emergency_coordination_point"
    )
    tags["emergency:ref"] = point.code
    for entry in point.services.all():
        key = OSM_SERVICE.get(Service(entry.service))
        if key and entry.available:
            tags[key] = "yes"
    if point.generator_kw:
        tags["emergency:generator:output:electricity"] = f"{point.generator_kw:g} kW"
    return tags


def export_osm(points: Iterable[SupportPoint], path: str | Path) -> int:
    """GeoJSON with OSM tags as properties, for designated and prepared points only."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": osm_tags(p),
        }
        for p in points
        if p.tier != Tier.CANDIDATE and p.lifecycle in ACTIVE_LIFECYCLES
    ]
    Path(path).write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1
        ),
        encoding="utf-8",
    )
    return len(features)
