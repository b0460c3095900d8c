"""The command line: import-areas, summary and demo."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.areas.demo import DEMO_DIR
from paraat.areas.models import Municipality
from paraat.testing import factories

pytestmark = pytest.mark.django_db


def test_it_imports_from_the_command_line_and_reports_json() -> None:
    factories.RegionFactory()
    out = StringIO()
    call_command("import_areas", str(DEMO_DIR / "gemeenten_2022.geojson"), "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 11


def test_it_fails_with_the_problems_listed(tmp_path: Path) -> None:
    factories.RegionFactory()
    bad = tmp_path / "gemeenten.csv"
    bad.write_text("gm_code;inwoners;x;y\nGM0828;abc;5.5;51.7\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"gemeenten.csv, rij 2, veld 'inwoners'"):
        call_command("import_areas", str(bad), "--kind", "municipality")
    assert not Municipality.objects.exists()


def test_it_loads_the_demo_region_and_summarises_it() -> None:
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("summary", "--json", stdout=out)
    region = json.loads(out.getvalue())["regions"][0]
    assert (region["name"], region["municipality_count"], region["population"]) == (
        "Brabant-Noord",
        11,
        664_472,
    )
    assert region["areas"] == {"pc4": 156, "wijk": 113}
    call_command("demo", "--no-serve", stdout=StringIO())  # again: nothing doubles
    assert Municipality.objects.count() == 11
