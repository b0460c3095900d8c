"""Every file `export_points` writes imports again unchanged, whatever the number of decimals."""

from __future__ import annotations

from pathlib import Path

import pytest

from paraat.geo import writers
from paraat.supportpoints import exchange
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory, make_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

# Inside the factory's Oss (10 km around 5.5176, 51.7596) at every rounding from 1 to 7 decimals.
LON, LAT = 5.52345678, 51.77654321


def _points(cast: Cast) -> list[SupportPoint]:
    make_network(cast)
    for decimals in range(1, 8):
        point = SupportPointFactory(
            region=cast.region,
            code=f"DEC-{decimals}",
            name=f"Punt met {decimals} decimalen",
            tier=Tier.LOCAL,
            lifecycle=Lifecycle.PREPARED,
            parent="CP-OSS",
            capacity=1234,
            fuel_litres=4.645,
            generator_kw=12.5,
        )
        point.lon = round(LON, decimals)
        point.lat = round(LAT, decimals)
        point.save(update_fields=["lon", "lat"])
    return list(_ordered(cast))


def _ordered(cast: Cast) -> list[SupportPoint]:
    return list(
        SupportPoint.objects.in_region(cast.region)
        .select_related("municipality", "coordination_point")
        .prefetch_related("services", "comms", "contacts")
        .order_by("code")
    )


def _rows(cast: Cast) -> list[dict[str, object]]:
    return [exchange.point_row(p, include_contacts=True) for p in _ordered(cast)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson", ".gpkg"])
def test_it_imports_its_own_export_unchanged(cast: Cast, tmp_path: Path, suffix: str) -> None:
    points = _points(cast)
    assert {p.lon for p in points if p.code.startswith("DEC-")} == {
        round(LON, d) for d in range(1, 8)
    }
    before = _rows(cast)
    path = tmp_path / f"punten{suffix}"
    assert exchange.export_points(points, path, include_contacts=True) == len(points)
    result = exchange.import_points(path=path, region=cast.region)
    assert result == {"created": 0, "updated": len(points)}
    assert _rows(cast) == before


def test_it_writes_csv_for_dutch_excel(cast: Cast, tmp_path: Path) -> None:
    points = _points(cast)
    path = tmp_path / "punten.csv"
    exchange.export_points(points, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, first = raw.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("code;name;")
    row = dict(zip(header.split(";"), first.split(";"), strict=False))
    assert row["code"] == "CP-OSS"
    lon = dict(zip(header.split(";"), _line(raw, "DEC-3").split(";"), strict=False))["lon"]
    assert lon == f"{round(LON, 3)}".replace(".", ",")
    assert (
        dict(zip(header.split(";"), _line(raw, "DEC-3").split(";"), strict=False))["fuel_litres"]
        == "4,645"
    )


def test_it_writes_a_second_export_byte_for_byte_the_same(cast: Cast, tmp_path: Path) -> None:
    points = _points(cast)
    first, second = tmp_path / "een.csv", tmp_path / "twee.csv"
    exchange.export_points(points, first)
    exchange.import_points(path=first, region=cast.region)
    exchange.export_points(_ordered(cast), second)
    assert first.read_bytes() == second.read_bytes()


def _line(raw: bytes, code: str) -> str:
    return next(line for line in raw.decode("utf-8-sig").splitlines() if line.startswith(code))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.645, "4,645"),
        (5.1234567, "5,1234567"),
        (1234.5, "1234,5"),
        (20.0, "20"),
        (1e-07, "0,0000001"),
        (40, "40"),
        (None, ""),
        (float("nan"), ""),
        ("OSS-01", "OSS-01"),
    ],
)
def test_it_writes_numbers_the_reader_reads_back(value: object, text: str) -> None:
    from paraat.geo.readers import parse_number

    assert writers.cell(value) == text
    if isinstance(value, float) and value == value:
        assert parse_number(text) == value
