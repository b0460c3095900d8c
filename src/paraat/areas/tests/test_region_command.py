"""`paraat region create|list`: a region that is not the demo, from its own municipalities file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.areas.models import Municipality, Region
from paraat.core.models import AuditEntry
from paraat.geo import geojson
from paraat.testing.regions import split_region

pytestmark = pytest.mark.django_db


def _vught_geometry() -> dict[str, object]:
    from paraat.areas.demo import DEMO_DIR

    data = json.loads((DEMO_DIR / "gemeenten_2022.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in data["features"] if f["properties"]["gm_code"] == "GM0865")
    geometry: dict[str, object] = feature["geometry"]
    return geometry


def _create(files: Path, code: str, name: str) -> dict[str, object]:
    out = StringIO()
    call_command(
        "region", "create", str(files), "--code", code, "--name", name, "--json", stdout=out
    )
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_it_creates_a_region_whose_outline_is_the_union_of_its_municipalities(
    tmp_path: Path,
) -> None:
    files = split_region(tmp_path, maasland=True)
    data = _create(files.municipalities, "vr98", "Maasland")
    region = Region.objects.get(code="VR98")
    assert (data["created"], region.name) == (True, "Maasland")
    assert sorted(region.municipalities.values_list("code", flat=True)) == list(files.codes)
    outline = geojson.from_geojson(region.geometry)
    oss = geojson.from_geojson(Municipality.objects.get(code="GM0828").geometry)
    assert outline.buffer(1e-9).contains(oss)
    # Vught is not in Maasland, and neither is its ground.
    assert outline.intersection(geojson.from_geojson(_vught_geometry())).area < 1e-6
    assert AuditEntry.objects.filter(model="areas.region", actor_label="region-create").exists()


def test_it_is_idempotent(tmp_path: Path) -> None:
    files = split_region(tmp_path, maasland=True)
    _create(files.municipalities, "VR98", "Maasland")
    entries = AuditEntry.objects.count()
    again = _create(files.municipalities, "VR98", "Maasland")
    assert again["created"] is False
    assert again["municipalities"] == {**again["municipalities"], "created": 0}  # type: ignore[dict-item]
    assert Region.objects.count() == 1
    assert Municipality.objects.count() == len(files.codes)
    # Only the import note is added; no row changed.
    assert AuditEntry.objects.exclude(action="import").count() == entries - 1


def test_it_refuses_a_municipality_of_another_region_and_stores_nothing(tmp_path: Path) -> None:
    maasland = split_region(tmp_path / "a", maasland=True)
    _create(maasland.municipalities, "VR98", "Maasland")
    with pytest.raises(
        CommandError, match=r"rij \d+, veld 'gm_code'.*GM0828 hoort al bij regio VR98"
    ):
        call_command(
            "region", "create", str(maasland.municipalities), "--code", "VR97", "--name", "Dommel"
        )
    assert not Region.objects.filter(code="VR97").exists()
    assert set(Municipality.objects.values_list("region__code", flat=True)) == {"VR98"}


def test_it_refuses_a_code_that_is_another_region(tmp_path: Path) -> None:
    _create(split_region(tmp_path / "a", maasland=True).municipalities, "VR98", "Maasland")
    dommel = split_region(tmp_path / "b", maasland=False)
    with pytest.raises(CommandError, match="code VR98 is al de regio Maasland"):
        call_command(
            "region", "create", str(dommel.municipalities), "--code", "VR98", "--name", "Dommel"
        )
    assert Municipality.objects.count() == 6


def test_it_keeps_import_areas_from_moving_a_municipality_to_another_region(
    tmp_path: Path,
) -> None:
    _create(split_region(tmp_path / "a", maasland=True).municipalities, "VR98", "Maasland")
    _create(split_region(tmp_path / "b", maasland=False).municipalities, "VR97", "Dommel")
    maasland = tmp_path / "a" / "gemeenten.geojson"
    with pytest.raises(CommandError, match="GM0828 hoort al bij regio VR98"):
        call_command("import_areas", str(maasland), "--region", "VR97", stdout=StringIO())
    assert Municipality.objects.get(code="GM0828").region.code == "VR98"


def test_it_lists_the_regions_as_json(tmp_path: Path) -> None:
    _create(split_region(tmp_path / "a", maasland=True).municipalities, "VR98", "Maasland")
    _create(split_region(tmp_path / "b", maasland=False).municipalities, "VR97", "Dommel")
    out = StringIO()
    call_command("region", "list", "--json", stdout=out)
    assert json.loads(out.getvalue())["regions"] == [
        {"code": "VR97", "name": "Dommel", "municipalities": 5, "users": 0},
        {"code": "VR98", "name": "Maasland", "municipalities": 6, "users": 0},
    ]
