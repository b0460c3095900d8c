"""Import and export of support points: round trips in every format, and bad files that change nothing."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.geo.readers import ReadError
from paraat.supportpoints import exchange
from paraat.supportpoints.constants import NormResult, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


def _all() -> Any:
    return SupportPoint.objects.order_by("code").prefetch_related("services", "comms", "contacts")


def snapshot() -> dict[str, dict[str, Any]]:
    """Everything a round trip must keep: the point, its services, comms, contacts and norm result."""
    result = {}
    for p in _all():
        result[p.code] = {
            **{name: getattr(p, name) for name in exchange.services.POINT_FIELDS},
            "municipality": p.municipality.code,
            "area": p.area_id and p.area.code,
            "coordination_point": p.coordination_point.code if p.coordination_point else None,
            "services": sorted(
                (s.service, s.available, s.as_of, s.quantity) for s in p.services.all()
            ),
            "comms": sorted(c.kind for c in p.comms.all()),
            "contacts": sorted(
                (c.role, c.name, c.phone, c.email, c.available_24_7) for c in p.contacts.all()
            ),
            "norm_result": p.norm_result,
            "norm_gaps": p.norm_gaps,
        }
    return result


def _empty_registry() -> None:
    SupportPoint.objects.filter(tier=Tier.LOCAL).delete()
    SupportPoint.objects.all().delete()


@pytest.mark.parametrize("suffix", [".gpkg", ".csv", ".xlsx", ".geojson"])
def test_it_round_trips_all_points_through_a_file_into_an_empty_registry(
    cast: Cast, net: Network, tmp_path: Path, suffix: str
) -> None:
    before = snapshot()
    assert before["OSS-01"]["norm_result"] == NormResult.PASS
    assert before["OSS-02"]["norm_result"] == NormResult.FAIL
    path = tmp_path / f"punten{suffix}"
    assert exchange.export_points(_all(), path, include_contacts=True) == 6
    _empty_registry()
    counts = exchange.import_points(path=path, region=cast.region)
    assert counts == {"created": 6, "updated": 0}
    assert snapshot() == before


def test_it_updates_by_code_on_a_second_import(cast: Cast, net: Network, tmp_path: Path) -> None:
    path = tmp_path / "punten.csv"
    exchange.export_points(_all(), path, include_contacts=True)
    before = snapshot()
    assert exchange.import_points(path=path, region=cast.region) == {"created": 0, "updated": 6}
    assert snapshot() == before


def test_it_logs_every_point_whose_contacts_are_exported(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    exchange.export_points(_all(), tmp_path / "zonder.csv")
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()
    exchange.export_points(_all(), tmp_path / "met.csv", include_contacts=True)
    logged = AuditEntry.objects.filter(action=AuditAction.VIEW)
    assert logged.count() == 6
    with (tmp_path / "zonder.csv").open(encoding="utf-8") as handle:
        assert "contacts" not in next(csv.reader(handle, delimiter=";"))


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    header = ["code", "name", "tier", "lon", "lat", "capacity", "fuel_litres"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=";")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def _row(code: str, dx: float = 0, **extra: Any) -> dict[str, Any]:
    lon, lat = geometry.point_wgs84(geometry.OSS_RD[0] + dx, geometry.OSS_RD[1])
    dutch = {"lon": f"{lon:.6f}".replace(".", ","), "lat": f"{lat:.6f}".replace(".", ",")}
    return {"code": code, "name": f"Punt {code}", "tier": "coordination", **dutch, **extra}


def test_it_reads_dutch_decimal_commas_and_thousands(cast: Cast, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "nl.csv", [_row("NL-1", capacity="1.200", fuel_litres="250,5")])
    assert exchange.import_points(path=path, region=cast.region) == {"created": 1, "updated": 0}
    point = SupportPoint.objects.get(code="NL-1")
    assert (point.capacity, point.fuel_litres, point.municipality) == (1200, 250.5, cast.oss)


@pytest.mark.parametrize(
    ("bad", "row", "field", "words"),
    [
        ({"code": ""}, 3, "code", "ontbreekt"),
        ({"code": "GOED-1"}, 3, "code", "rij 2"),
        ({"capacity": "veel"}, 3, "capacity", "geen getal"),
        ({"fuel_litres": "1,2,3"}, 3, "fuel_litres", "geen getal"),
        ({"lon": "2,35", "lat": "48,85"}, 3, "lon", "buiten Nederland"),
    ],
)
def test_it_names_file_row_and_field_of_a_bad_row_and_changes_nothing(
    cast: Cast, net: Network, tmp_path: Path, bad: dict[str, str], row: int, field: str, words: str
) -> None:
    before = snapshot()
    rows = [
        _row("GOED-1", 200, capacity="10"),
        {**_row("GOED-2", 400), **bad},
        _row("OSS-01", 1_000, capacity="999"),  # an update that must not happen either
    ]
    path = _write_csv(tmp_path / "fout.csv", rows)
    with pytest.raises(ReadError) as caught:
        exchange.import_points(path=path, region=cast.region)
    problems = caught.value.problems
    assert any(
        p.file == "fout.csv" and p.row == row and p.field == field and words in str(p)
        for p in problems
    ), [str(p) for p in problems]
    assert f"fout.csv, rij {row}, veld '{field}'" in str(caught.value)
    assert snapshot() == before


def test_it_refuses_an_officer_s_file_with_a_point_in_another_municipality(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    lon, lat = geometry.point_wgs84(*geometry.VUGHT_RD)
    path = _write_csv(
        tmp_path / "vught.csv",
        [_row("OSS-77", 300), {**_row("VUG-77"), "lon": str(lon), "lat": str(lat)}],
    )
    with pytest.raises(ReadError) as caught:
        exchange.import_points(path=path, region=cast.region, allowed_municipalities={cast.oss.pk})
    assert caught.value.problems[0].row == 3
    assert not SupportPoint.objects.filter(code__in=["OSS-77", "VUG-77"]).exists()


def test_it_refuses_an_unknown_format(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="onbekend formaat"):
        exchange.export_points([], tmp_path / "punten.txt")
    (tmp_path / "punten.txt").write_text("code\nX\n")
    with pytest.raises(ReadError, match="punten.txt"):
        exchange.import_points(path=tmp_path / "punten.txt", region=cast.region)
