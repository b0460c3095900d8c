"""`paraat import-points FILE`: points or polling places, JSON output, clear errors and exit code 1."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from paraat.__main__ import main
from paraat.supportpoints import exchange
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


def test_it_imports_a_file_and_reports_the_counts_as_json(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    path = tmp_path / "punten.xlsx"
    exchange.export_points(SupportPoint.objects.all(), path)
    out = StringIO()
    call_command("import_points", "--region", cast.region.code, str(path), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "created": 0, "updated": 6}


@pytest.mark.django_db(transaction=True)  # the real command closes the connection when it ends
def test_it_names_the_problems_and_exits_with_code_1(
    cast: Cast, net: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "code;name;lon;lat;capacity\n;Zonder code;5,52;51,76;\nX-1;Een;5,52;51,76;veel\n"
    )
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_points", "--region", cast.region.code, str(bad), "--json", stdout=out)
    assert "fout.csv, rij 2, veld 'code'" in str(caught.value)
    assert "fout.csv, rij 3, veld 'capacity'" in str(caught.value)
    problems = json.loads(out.getvalue())["problems"]
    assert {(p["row"], p["field"]) for p in problems} == {(2, "code"), (3, "capacity")}
    with pytest.raises(SystemExit) as exited:
        main(["paraat", "import-points", str(bad), "--region", cast.region.code])
    assert exited.value.code == 1 and caught.value.returncode == 1
    assert "rij 3" in capsys.readouterr().err
    assert SupportPoint.objects.count() == 6


def test_it_refuses_a_missing_file(cast: Cast) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_points", "--region", cast.region.code, "/nergens/punten.csv")


def test_it_imports_polling_places_as_candidates_with_notes(cast: Cast, tmp_path: Path) -> None:
    from paraat.supportpoints.tests.test_polling import _place

    features = [_place(1, "Buurthuis", 100, 100), _place(2, "Bus", 0, 0, type_stembureau="mobiel")]
    path = tmp_path / "stemlokalen.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out = StringIO()
    call_command(
        "import_points", "--region", cast.region.code, str(path), "--polling-places", stdout=out
    )
    assert "1 punten nieuw" in out.getvalue()
    assert "mobiel stembureau" in out.getvalue()
    assert SupportPoint.objects.get().code == "SL1"
