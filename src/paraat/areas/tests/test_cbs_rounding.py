"""CBS rounds small areas' counts to 5: a real file where an age band exceeds the total imports."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.areas.models import Area
from paraat.testing.regions import CBS_ROUNDED_PC4, split_region

pytestmark = pytest.mark.django_db


def _region_with_municipalities(tmp_path: Path) -> Path:
    files = split_region(tmp_path, maasland=True, cbs_rounded_row=True)
    call_command(
        "region",
        "create",
        str(files.municipalities),
        "--code",
        "VR98",
        "--name",
        "Maasland",
        stdout=StringIO(),
    )
    return files.pc4


def test_it_accepts_a_cbs_rounded_row_with_a_warning_naming_it(tmp_path: Path) -> None:
    pc4 = _region_with_municipalities(tmp_path)
    out, err = StringIO(), StringIO()
    call_command("import_areas", str(pc4), "--kind", "pc4", "--json", stdout=out, stderr=err)
    result = json.loads(out.getvalue())
    assert [(w["field"], w["file"]) for w in result["warnings"]] == [("inw_15_64", "pc4.geojson")]
    assert "afgerond op 5" in result["warnings"][0]["message"]
    assert f"rij {result['warnings'][0]['row']}, veld 'inw_15_64'" in err.getvalue()
    area = Area.objects.get(kind="pc4", code=CBS_ROUNDED_PC4)
    assert (area.population, area.age_15_64) == (15, 20)  # as published


def test_it_still_refuses_an_excess_that_rounding_cannot_explain(tmp_path: Path) -> None:
    pc4 = _region_with_municipalities(tmp_path)
    data = json.loads(pc4.read_text(encoding="utf-8"))
    data["features"][-1]["properties"]["inw_15_64"] = 200
    pc4.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"veld 'inw_15_64': 200 is meer dan het aantal inwoners \(15\)"
    ):
        call_command("import_areas", str(pc4), "--kind", "pc4", stdout=StringIO())
    assert not Area.objects.exists()
