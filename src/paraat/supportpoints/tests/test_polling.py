"""Polling places as candidate sites: buildings become candidates, mobile stations are skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from paraat.supportpoints import polling
from paraat.supportpoints.constants import BuildingType, Lifecycle, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _place(bron_id: int, name: str, dx: float, dy: float, **extra: Any) -> dict[str, Any]:
    lon, lat = geometry.point_wgs84(geometry.OSS_RD[0] + dx, geometry.OSS_RD[1] + dy)
    properties = {
        "bron_id": bron_id,
        "naam": name,
        "categorie": "buurthuis_wijkcentrum",
        "type_stembureau": "regulier",
        "straat": "Kerkstraat",
        "huisnummer": "1",
        "huisletter": None,
        "postcode": "5341AA",
        "plaats": "Oss",
        "toegankelijk_lichamelijke_beperking": "ja",
        "verkiezing": "Tweede Kamer 22-11-2023",
        **extra,
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


@pytest.fixture
def places(tmp_path: Path) -> Path:
    features = [
        _place(1, "Buurthuis De Kroon", 2_000, 1_000),
        _place(2, "Basisschool De Wilg", -2_000, 1_500, categorie="school_onderwijs"),
        _place(3, "Sporthal West", -3_000, -1_000, categorie="sporthal_sportpark"),
        _place(4, "Stembus op wielen", 500, 500, categorie="mobiel", type_stembureau="mobiel"),
        _place(5, "Kazerne Oss", 20, 10, categorie="brandweer"),  # the coordination point
        _place(6, "Ver weg", 60_000, 60_000),  # outside the region
    ]
    path = tmp_path / "stemlokalen.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_it_imports_buildings_as_candidates_and_skips_mobile_stations(
    cast: Cast, net: Network, places: Path
) -> None:
    result = polling.import_polling_places(path=places, region=cast.region)
    assert (result["created"], result["updated"]) == (3, 0)
    skipped = "\n".join(result["skipped"])
    assert len(result["skipped"]) == 3
    assert "rij 4: Stembus op wielen is een mobiel stembureau" in skipped
    assert "Kazerne Oss is al geregistreerd als CP-OSS" in skipped
    assert "Ver weg ligt buiten" in skipped
    school = SupportPoint.objects.get(code="SL2")
    assert (school.tier, school.lifecycle) == (Tier.CANDIDATE, Lifecycle.CANDIDATE)
    assert (school.building_type, school.municipality) == (BuildingType.SCHOOL, cast.oss)
    assert school.wheelchair_accessible is True
    assert "Tweede Kamer" in school.source


def test_it_updates_candidates_and_keeps_designated_sites_on_a_second_run(
    cast: Cast, net: Network, places: Path
) -> None:
    polling.import_polling_places(path=places, region=cast.region)
    school = SupportPoint.objects.get(code="SL2")
    school.tier, school.lifecycle, school.coordination_point = Tier.LOCAL, "designated", net.hub_oss
    school.save()
    again = polling.import_polling_places(path=places, region=cast.region)
    assert (again["created"], again["updated"]) == (0, 2)
    assert any("al geregistreerd als SL2" in note for note in again["skipped"])
    school.refresh_from_db()
    assert school.tier == Tier.LOCAL
    assert SupportPoint.objects.filter(code__startswith="SL").count() == 3
