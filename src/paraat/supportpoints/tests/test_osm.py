"""OpenStreetMap export: designated points with their everyday use and emergency:* tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paraat.supportpoints import osm
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_exports_designated_points_with_emergency_tags(cast: Cast, tmp_path: Path) -> None:
    net: Network = make_network(cast)
    SupportPoint.objects.filter(pk=net.ready.pk).update(building_type="community_centre")
    path = tmp_path / "osm.geojson"
    points = SupportPoint.objects.prefetch_related("services")
    assert osm.export_osm(points, path) == 5  # every point but the candidate site
    features = {
        f["properties"]["emergency:ref"]: f for f in json.loads(path.read_text())["features"]
    }
    assert "KAND-01" not in features
    ready = features["OSS-01"]["properties"]
    assert ready["emergency:amenity"] == "emergency_support_point"
    assert ready["amenity"] == "community_centre"
    assert ready["emergency:drinking_water"] == "yes"
    assert ready["emergency:toilets"] == "yes"
    assert ready["emergency:generator:output:electricity"] == "15 kW"
    assert ready["wheelchair"] == "yes"
    hub = features["CP-OSS"]["properties"]
    assert hub["emergency:amenity"] == "emergency_coordination_point"
    assert "emergency:drinking_water" not in hub
