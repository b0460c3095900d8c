"""The area importer: every format, CRS handling, and bad input that changes nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import pytest
import shapely
from openpyxl import Workbook

from paraat.areas import services
from paraat.areas.demo import DEMO_DIR
from paraat.areas.models import Area, Municipality
from paraat.geo import crs as geocrs
from paraat.geo.readers import ReadError
from paraat.testing import factories, geometry

pytestmark = pytest.mark.django_db


def _features(rows: list[dict[str, Any]], crs: int = 4326) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        **(
            {"crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs}"}}}
            if crs != 4326
            else {}
        ),
        "features": [
            {
                "type": "Feature",
                "properties": r["props"],
                "geometry": shapely.geometry.mapping(r["geom"]) if r["geom"] is not None else None,
            }
            for r in rows
        ],
    }


def _wijk(
    code: str, population: Any, x: float = 164_000, y: float = 419_000, **props: Any
) -> dict[str, Any]:
    return {
        "props": {
            "wk_code": code,
            "wk_naam": f"Wijk {code}",
            "gm_code": "GM0828",
            "population": population,
            **props,
        },
        "geom": geometry.square_wgs84(x, y, 1000),
    }


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def oss() -> Municipality:
    return factories.MunicipalityFactory(code="GM0828", name="Oss")


def test_it_imports_the_demo_municipalities_with_their_cbs_population(tmp_path: Path) -> None:
    region = factories.RegionFactory()
    result = services.import_areas(path=DEMO_DIR / "gemeenten_2022.geojson", region=region)
    assert (result.kind, result.created, result.updated) == ("municipality", 11, 0)
    assert sum(Municipality.objects.values_list("population", flat=True)) == 664_472
    boekel = Municipality.objects.get(code="GM0755")
    assert boekel.name == "Boekel" and boekel.age_65_plus == 2206


def test_it_updates_by_code_when_the_same_file_is_imported_twice(
    tmp_path: Path, oss: Municipality
) -> None:
    path = _write(
        tmp_path,
        "wijken.geojson",
        _features([_wijk("WK082801", 1200), _wijk("WK082802", 800, x=166_000)]),
    )
    first = services.import_areas(path=path, region=oss.region)
    second = services.import_areas(path=path, region=oss.region)
    assert (first.created, second.created, second.updated) == (2, 0, 2)
    assert Area.objects.count() == 2
    changed = _write(
        tmp_path,
        "wijken.geojson",
        _features([_wijk("WK082801", 1300), _wijk("WK082802", 800, x=166_000)]),
    )
    services.import_areas(path=changed, region=oss.region)
    assert Area.objects.get(code="WK082801").population == 1300


def test_it_leaves_the_database_as_it_was_when_one_row_is_bad(
    tmp_path: Path, oss: Municipality
) -> None:
    good = _write(tmp_path, "wijken.geojson", _features([_wijk("WK082801", 1200)]))
    services.import_areas(path=good, region=oss.region)
    bad = _write(
        tmp_path,
        "wijken.geojson",
        _features([_wijk("WK082801", 5000), _wijk("WK082802", "veel", x=166_000)]),
    )
    with pytest.raises(ReadError) as error:
        services.import_areas(path=bad, region=oss.region)
    problem = error.value.problems[0]
    assert (problem.file, problem.row, problem.field) == ("wijken.geojson", 2, "population")
    assert "'veel' is geen getal" in problem.message
    assert list(Area.objects.values_list("code", "population")) == [("WK082801", 1200)]


@pytest.mark.parametrize(
    ("rows", "row", "field", "fragment"),
    [
        ([_wijk("", 10)], 1, "wk_code", "de code ontbreekt"),
        ([_wijk("WK08", 10)], 1, "wk_code", "geen geldige code"),
        ([_wijk("WK082801", 10), _wijk("WK082801", 20, x=166_000)], 2, "wk_code", "ook in rij 1"),
        ([_wijk("WK082801", "12,5")], 1, "population", "geen heel aantal"),
        ([_wijk("WK082801", -4)], 1, "population", "negatief"),
        ([_wijk("WK082801", 100, inw_65plus=150)], 1, "inw_65plus", "meer dan het aantal inwoners"),
        (
            [
                _wijk("WK082802", 10, x=166_000),
                {"props": {"wk_code": "WK082801", "population": 5}, "geom": None},
            ],
            2,
            "geometry",
            "de geometrie ontbreekt",
        ),
        (
            [
                {
                    "props": {"wk_code": "WK082801", "population": 5},
                    "geom": shapely.Polygon(
                        [(5.5, 51.7), (5.52, 51.72), (5.52, 51.7), (5.5, 51.72), (5.5, 51.7)]
                    ),
                }
            ],
            1,
            "geometry",
            "ongeldige geometrie",
        ),
        (
            [{"props": {"wk_code": "WK082801", "population": 5}, "geom": shapely.Point(5.5, 51.7)}],
            1,
            "geometry",
            "verwacht een vlak",
        ),
    ],
)
def test_it_names_file_row_and_field_for_bad_rows(
    tmp_path: Path,
    oss: Municipality,
    rows: list[dict[str, Any]],
    row: int,
    field: str,
    fragment: str,
) -> None:
    path = _write(tmp_path, "wijken.geojson", _features(rows))
    with pytest.raises(ReadError) as error:
        services.import_areas(path=path, region=oss.region, kind="wijk")
    problem = error.value.problems[0]
    assert (problem.file, problem.row, problem.field) == ("wijken.geojson", row, field), str(
        problem
    )
    assert fragment in problem.message
    assert Area.objects.count() == 0


def test_it_refuses_geometry_outside_the_netherlands(tmp_path: Path, oss: Municipality) -> None:
    paris = {
        "props": {"wk_code": "WK082801", "population": 5},
        "geom": shapely.box(2.3, 48.8, 2.4, 48.9),
    }
    path = _write(tmp_path, "wijken.geojson", _features([_wijk("WK082802", 10), paris]))
    with pytest.raises(ReadError) as error:
        services.import_areas(path=path, region=oss.region)
    assert "buiten Nederland" in str(error.value)
    assert Area.objects.count() == 0


def test_it_says_when_the_declared_crs_does_not_match_the_coordinates(
    tmp_path: Path, oss: Municipality
) -> None:
    rd_square = geometry.square_rd(164_000, 419_000, 1000)
    path = tmp_path / "wijken.csv"
    path.write_text(f"wk_code;population;wkt\nWK082801;100;{rd_square.wkt}\n", encoding="utf-8")
    with pytest.raises(ReadError) as error:
        services.import_areas(path=path, region=oss.region, crs=4326)
    assert "lijken RD New" in str(error.value) and "--crs 28992" in str(error.value)
    result = services.import_areas(path=path, region=oss.region)
    assert result.crs == 28992 and Area.objects.get().population == 100


def test_it_reads_dutch_csv_with_semicolons_thousands_dots_and_percent_commas(
    tmp_path: Path, oss: Municipality
) -> None:
    square = geometry.square_wgs84(164_000, 419_000, 1000)
    path = tmp_path / "wijken.csv"
    path.write_text(
        f'wk_code;wk_naam;inwoners;pop_65plus;wkt\nWK082801;Centrum;1.234;"20,5";"{square.wkt}"\n',
        encoding="cp1252",
    )
    services.import_areas(path=path, region=oss.region)
    area = Area.objects.get()
    assert (area.name, area.population, area.age_65_plus) == ("Centrum", 1234, round(1234 * 0.205))


def test_it_reads_xlsx_with_wkt(tmp_path: Path, oss: Municipality) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["postcode", "inwoners", "inw_65plus", "inw_75plus", "gm_code", "wkt"])
    sheet.append(
        [5341, 2500, 600, 250, "GM0828", geometry.square_wgs84(164_000, 419_000, 1000).wkt]
    )
    path = tmp_path / "pc4.xlsx"
    book.save(path)
    result = services.import_areas(path=path, region=oss.region)
    assert result.kind == "pc4"
    area = Area.objects.get()
    assert (area.code, area.population, area.age_75_plus, area.municipality) == (
        "5341",
        2500,
        250,
        oss,
    )


def test_it_reads_geopackage_in_rd_new_and_stores_wgs84(tmp_path: Path, oss: Municipality) -> None:
    path = tmp_path / "buurten.gpkg"
    geoms = np.array([shapely.to_wkb(geometry.square_rd(164_000, 419_000, 500))], dtype=object)
    pyogrio.raw.write(
        path,
        geoms,
        [np.array(["BU08280101"]), np.array([420])],
        fields=["bu_code", "aantal_inwoners"],
        geometry_type="Polygon",
        crs="EPSG:28992",
        driver="GPKG",
    )
    result = services.import_areas(path=path, region=oss.region)
    area = Area.objects.get()
    assert (result.crs, result.kind, area.population) == (28992, "buurt", 420)
    lon, lat = geometry.point_wgs84(164_000, 419_000)
    assert abs(area.point_lon - lon) < 0.01 and abs(area.point_lat - lat) < 0.01


def test_it_reads_a_zipped_shapefile(tmp_path: Path, oss: Municipality) -> None:
    shp = tmp_path / "shp" / "wijken.shp"
    shp.parent.mkdir()
    geoms = np.array([shapely.to_wkb(geometry.square_rd(164_000, 419_000, 800))], dtype=object)
    pyogrio.raw.write(
        shp,
        geoms,
        [np.array(["WK082801"]), np.array([900])],
        fields=["wk_code", "inwoners"],
        geometry_type="Polygon",
        crs="EPSG:28992",
        driver="ESRI Shapefile",
    )
    archive = tmp_path / "wijken.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.iterdir():
            z.write(part, part.name)
    services.import_areas(path=archive, region=oss.region)
    assert Area.objects.get().population == 900


def test_it_refuses_an_unreadable_file(tmp_path: Path, oss: Municipality) -> None:
    path = tmp_path / "kapot.gpkg"
    path.write_bytes(b"dit is geen geopackage")
    with pytest.raises(ReadError) as error:
        services.import_areas(path=path, region=oss.region)
    assert error.value.problems[0].file == "kapot.gpkg"
    assert "kan niet gelezen worden" in error.value.problems[0].message


def test_it_asks_for_the_kind_when_codes_are_not_recognised(
    tmp_path: Path, oss: Municipality
) -> None:
    path = _write(
        tmp_path,
        "iets.geojson",
        _features(
            [
                {
                    "props": {"code": "ABC", "population": 5},
                    "geom": geometry.square_wgs84(164_000, 419_000, 100),
                }
            ]
        ),
    )
    with pytest.raises(ReadError, match="--kind"):
        services.import_areas(path=path, region=oss.region)


def test_it_places_postcode_areas_in_the_municipality_that_contains_them(
    tmp_path: Path, oss: Municipality
) -> None:
    vught = factories.MunicipalityFactory(
        code="GM0865", name="Vught", region=oss.region, centre_rd=geometry.VUGHT_RD
    )
    rows = [
        {
            "props": {"postcode": "5261", "inwoners": 300},
            "geom": geometry.square_wgs84(*geometry.VUGHT_RD, 500),
        }
    ]
    services.import_areas(path=_write(tmp_path, "pc4.geojson", _features(rows)), region=oss.region)
    assert Area.objects.get().municipality == vught


def test_it_keeps_vulnerability_aggregates_but_shows_small_counts_suppressed(
    tmp_path: Path, oss: Municipality
) -> None:
    rows = [_wijk("WK082801", 1200, wmo_clients=45, vuln_home_ventilation=3)]
    services.import_areas(path=_write(tmp_path, "w.geojson", _features(rows)), region=oss.region)
    area = Area.objects.get()
    assert area.vulnerability == {"wmo_clients": 45, "home_ventilation": 3}
    assert area.vulnerability_shown() == {"home_ventilation": None, "wmo_clients": 45}


def test_it_converts_rd_coordinates_back_within_a_metre() -> None:
    lon, lat = geocrs.to_wgs84(np.array([155_000.0]), np.array([463_000.0]))
    x, y = geocrs.to_rd(lon, lat)
    assert abs(x[0] - 155_000) < 1 and abs(y[0] - 463_000) < 1
