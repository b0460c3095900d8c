"""The hostile and careless area files (paraat/testing/hostile/areas): every one is imported
correctly or refused with a message naming the file (and the row where there is one), never a
traceback, and a refused file leaves the database exactly as it was. Runs on SQLite and, in CI,
on PostgreSQL, with the same answers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from paraat.areas.models import Area
from paraat.testing import factories
from paraat.testing.hostile_files import HOSTILE_DIR, corpus, outcome
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

EXTRA_ARGS = {
    "06-rd-coords-forced-4326.geojson": ["--crs", "4326"],
    "25-csv-grid-inf.csv": ["--kind", "grid"],
    "26-csv-grid-nan.csv": ["--kind", "grid"],
}
# What each file must give: the name a control file's first area must read as, or the row the
# refusal names (None: the whole file is refused, no single row is to blame).
IMPORTED = {
    "19-csv-bom-utf8.csv": "Wijk 00 Boekël (BOM)",
    "20-csv-cp1252.csv": "Wijk 00 Boekël – €",
    "22-csv-utf16.csv": None,
    "23-csv-field-over-131072.csv": None,  # a detailed boundary is a real thing, not an attack
}
REFUSED_AT_ROW: dict[str, int | None] = {
    "01-truncated-half.geojson": None,
    "02-truncated-1000.geojson": None,
    "03-declared-rd-but-wgs84.geojson": None,
    "04-declared-epsg99999.geojson": None,
    "05-declared-3857-coords-wgs84.geojson": 1,
    "06-rd-coords-forced-4326.geojson": None,
    "07-huge-coords.geojson": 1,
    "08-overflow-coords.geojson": None,
    "09-nan-coords.geojson": 1,
    "10-bowtie.geojson": 1,
    "11-unclosed-ring.geojson": 1,
    "12-point-geometry.geojson": 1,
    "13-null-geometry.geojson": None,
    "14-two-point-polygon.geojson": 1,
    "15-latlon-swapped.geojson": 1,
    "16-deep-nesting.geojson": None,
    "25-csv-grid-inf.csv": 2,
    "26-csv-grid-nan.csv": None,
    "27-csv-wkt-inf.csv": 2,
    "28-csv-population-1e20.csv": 2,
    "29-csv-population-1e12.csv": 2,
    "30-csv-garbage-wkt.csv": 2,
    "31-xlsx-formulas-no-cache.xlsx": 2,
    "32-xlsx-formulas-cached.xlsx": 2,
    "34-xlsx-billion-laughs.xlsx": None,
    "35-xlsx-xxe.xlsx": None,
    "36-xlsx-zipbomb.xlsx": None,
    "37-xlsx-not-a-zip.xlsx": None,
    "38-zip-traversal.zip": None,
    "39-zip-absolute.zip": None,
    "40-zip-two-shp.zip": None,
    "41-zip-not-zip.zip": None,
    "43-zip-nested.zip": None,
    "44-empty.geojson": None,
    "45-zero-features.geojson": None,
    "46-json-array.json": None,
    "47-gpkg-garbage.gpkg": None,
    "48-unknown-ext.kml": None,
    "49-duplicate-codes.geojson": 2,
    "50-negative-population.geojson": 1,
    "51-all-good-but-last.geojson": 113,
    "52-outside-nl.geojson": 1,
}
# For the files where the row alone does not show that the right thing was refused: the reason.
REASON = {
    "04-declared-epsg99999.geojson": "coördinatenstelsel EPSG:99999, dat Paraat niet kent",
    "25-csv-grid-inf.csv": "'inf' is geen eindig getal",
    "27-csv-wkt-inf.csv": "coördinaten die geen getal zijn",
    "28-csv-population-1e20.csv": "onwaarschijnlijk groot",
    "29-csv-population-1e12.csv": "onwaarschijnlijk groot",
    "36-xlsx-zipbomb.xlsx": "meer dan 100.000 rijen",
}
WKT = "MULTIPOLYGON (((5.68 51.62, 5.69 51.62, 5.69 51.63, 5.68 51.63, 5.68 51.62)))"


@pytest.fixture
def region(cast: Cast) -> Cast:
    """Brabant-Noord with Boekel (GM0755), where the corpus' areas lie."""
    factories.MunicipalityFactory(
        region=cast.region,
        code="GM0755",
        name="Boekel",
        centre_rd=(175_000, 405_000),
        size_m=40_000,
    )
    return cast


def test_it_knows_what_every_file_of_the_corpus_must_give() -> None:
    assert set(corpus("areas")) == set(IMPORTED) | set(REFUSED_AT_ROW)


@pytest.mark.parametrize("name", sorted(REFUSED_AT_ROW))
def test_it_refuses_a_hostile_file_with_file_and_row_and_changes_nothing(
    region: Cast, name: str
) -> None:
    path = HOSTILE_DIR / "areas" / name
    result = outcome(
        "import_areas", str(path), "--region", region.region.code, *EXTRA_ARGS.get(name, [])
    )
    assert result.refused, result.message
    assert f"- {name}" in result.message
    row = REFUSED_AT_ROW[name]
    if row is not None:
        assert f"{name}, rij {row}, veld '" in result.message
    assert REASON.get(name, "") in result.message
    assert not result.changed


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_it_imports_a_careless_but_valid_file_correctly(region: Cast, name: str) -> None:
    result = outcome("import_areas", str(HOSTILE_DIR / "areas" / name), "--region", "VR21")
    assert not result.refused, result.message
    area = Area.objects.get(code="WK075500")
    if IMPORTED[name] is not None:
        assert area.name == IMPORTED[name]
    assert "Ã" not in area.name


def _csv(tmp_path: Path, name: str, population: str, wijk_name: str = "Wijk 00 Boekel") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["wk_code", "wk_naam", "gm_code", "population", "wkt"])
        writer.writerow(["WK075500", wijk_name, "GM0755", population, WKT])
    return path


@pytest.mark.parametrize(
    "population", [str(2**31), str(2**63), str(2**64), "1" + "0" * 400, "1e400", "-0,5"]
)
def test_it_refuses_populations_no_integer_column_holds(
    region: Cast, tmp_path: Path, population: str
) -> None:
    path = _csv(tmp_path, "groot.csv", population)
    result = outcome("import_areas", str(path), "--region", "VR21")
    assert result.refused
    assert "groot.csv, rij 2, veld 'population'" in result.message
    assert not result.changed


@pytest.mark.parametrize(
    ("population", "where"),
    [
        (2**31, "groot.geojson, rij 1, veld 'population'"),
        (2**63 - 1, "groot.geojson, rij 1, veld 'population'"),
        # GDAL's JSON reader refuses the whole file and names line and character itself.
        (
            2**63,
            "groot.geojson: het bestand kan niet gelezen worden (Failed to read GeoJSON data; At line 1",
        ),
    ],
)
def test_it_refuses_huge_populations_in_geojson_too(
    region: Cast, tmp_path: Path, population: int, where: str
) -> None:
    square = [[[5.68, 51.62], [5.69, 51.62], [5.69, 51.63], [5.68, 51.63], [5.68, 51.62]]]
    feature = {
        "type": "Feature",
        "properties": {"wk_code": "WK075500", "gm_code": "GM0755", "population": population},
        "geometry": {"type": "Polygon", "coordinates": square},
    }
    path = tmp_path / "groot.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    result = outcome("import_areas", str(path), "--region", "VR21")
    assert result.refused
    assert where in result.message
    assert not result.changed


def test_it_refuses_a_nul_byte_naming_row_and_field(region: Cast, tmp_path: Path) -> None:
    path = _csv(tmp_path, "nul.csv", "9275", wijk_name="Wijk\x00 Boekel")
    result = outcome("import_areas", str(path), "--region", "VR21")
    assert result.refused
    assert "nul.csv, rij 2, veld 'wk_naam'" in result.message
    assert not result.changed


def test_it_refuses_utf8_with_one_stray_byte_naming_the_row(region: Cast, tmp_path: Path) -> None:
    lines = ["wk_code;wk_naam;gm_code;population;wkt"]
    lines += [f"WK07550{i};Wijk {i} Boekël;GM0755;100;{WKT}" for i in range(3)]
    raw = "\n".join(lines).encode("utf-8").replace(b"Wijk 2", b"Wijk \xe9 2")
    path = tmp_path / "gemengd.csv"
    path.write_bytes(raw)
    result = outcome("import_areas", str(path), "--region", "VR21")
    assert result.refused
    assert "gemengd.csv, rij 4: het bestand is UTF-8" in result.message
    assert not result.changed
    assert not Area.objects.filter(name__contains="Ã").exists()
