"""`paraat export-points FILE`: the format from the extension, OSM tags, contacts only on request."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.geo.readers import read_features
from paraat.supportpoints.tests.factories import make_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson", ".gpkg"])
def test_it_writes_every_point_in_the_format_of_the_extension(
    cast: Cast, tmp_path: Path, suffix: str
) -> None:
    make_network(cast)
    path = tmp_path / f"punten{suffix}"
    out = StringIO()
    call_command("export_points", "--region", cast.region.code, str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "file": str(path), "points": 6}
    table = read_features(path)
    assert sorted(row["code"] for row in table.rows)[0] == "CP-OSS"
    assert "contacts" not in table.rows[0]


def test_it_exports_one_municipality_with_contacts_and_logs_it(cast: Cast, tmp_path: Path) -> None:
    make_network(cast)
    path = tmp_path / "oss.csv"
    call_command(
        "export_points",
        "--region",
        cast.region.code,
        str(path),
        "--municipality",
        "gm0828",
        "--contacts",
        stdout=StringIO(),
    )
    rows = read_features(path).rows
    assert len(rows) == 4
    assert any("Sleutelhouder" in str(row["contacts"]) for row in rows)
    assert AuditEntry.objects.filter(action=AuditAction.VIEW).count() == 4


def test_it_writes_osm_tags_for_designated_points(cast: Cast, tmp_path: Path) -> None:
    make_network(cast)
    path = tmp_path / "osm.geojson"
    call_command(
        "export_points", "--region", cast.region.code, str(path), "--osm", stdout=StringIO()
    )
    tags = [f["properties"] for f in json.loads(path.read_text())["features"]]
    assert len(tags) == 5 and all(t["emergency:ref"] for t in tags)


def test_it_refuses_an_unknown_extension_or_folder(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="onbekend formaat"):
        call_command("export_points", "--region", cast.region.code, str(tmp_path / "punten.txt"))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command(
            "export_points", "--region", cast.region.code, str(tmp_path / "geen" / "punten.csv")
        )
    with pytest.raises(CommandError, match="GeoJSON"):
        call_command(
            "export_points", "--region", cast.region.code, str(tmp_path / "osm.csv"), "--osm"
        )
