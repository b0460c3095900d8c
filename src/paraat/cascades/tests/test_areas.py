"""The outage clock per area, with figures to check by hand.

Oss has three square wijken of 1 km (planning's hand case, see planning_setup.py): Centrum
(1,000 residents) around point OSS-01, Oost just east of it (1,000 residents, 460 of them within
1 km of OSS-01) and Noord 3 km north (500 residents). Point OSS-02 stands in the middle of Noord.
OSS-01 has 24 litres at 2 l/h: 12 hours; OSS-02 72 litres: 36 hours; the grid is down from T0. The
candidate site KAN-02 stands 2 km east of OSS-01 and reaches part of Oost.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command

from paraat.areas.models import Region
from paraat.cascades import areas
from paraat.cascades.engine import areas as engine_areas
from paraat.cascades.tests.django_helpers import three_wijken
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast


def test_it_steps_down_an_area_as_its_points_run_out_without_django() -> None:
    area = engine_areas.AreaDemand(
        code="A", name="A", municipality="GM1",
        groups=((100.0, ("P1",)), (50.0, ("P1", "P2")), (30.0, ())),
    )  # fmt: skip
    found = engine_areas.clock(area, {"P1": 10.0, "P2": 30.0})
    assert (found.total, found.covered_at_start, found.share_at_start) == (180.0, 150.0, 0.8333)
    assert [(s.hours, s.covered, s.lost) for s in found.steps] == [
        (10.0, 50.0, ("P1",)),
        (30.0, 0.0, ("P2",)),
    ]
    assert (found.first_drop_hours, found.uncovered_hours) == (10.0, 30.0)
    assert found.points == ("P1", "P2") and found.covered_at(20.0) == 50.0
    # A point that runs out while another still reaches the same residents changes nothing.
    backed = engine_areas.clock(area, {"P1": 40.0, "P2": 30.0})
    assert [(s.hours, s.covered) for s in backed.steps] == [(40.0, 0.0)]
    # A point that keeps its power (None) never drops.
    kept = engine_areas.clock(area, {"P1": None, "P2": 30.0})
    assert kept.steps == () and kept.uncovered_hours is None
    whole = engine_areas.by_municipality([area, area], {"GM1": "Eén"}, {"P1": 10.0, "P2": 30.0})
    assert whole[0].name == "Eén" and whole[0].total == 360.0 and whole[0].steps[0].covered == 100.0


@pytest.fixture
def oss(cast: Cast) -> dict[str, Any]:
    cache.clear()
    return three_wijken(cast)


def _run(cast: Cast, capsys: Any, *extra: str) -> dict[str, Any]:
    call_command("cascade", "run", "--json", "--runs", "0", "--region", cast.region.code, *extra)
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_it_gives_the_hours_per_area_in_the_json(
    cast: Cast, oss: dict[str, Any], capsys: Any
) -> None:
    data = _run(cast, capsys)
    exhausted = {p["code"]: p["exhausted_at_hours"] for p in data["points"]}
    assert exhausted == {"OSS-01": 12.0, "OSS-02": 36.0}  # the grid is down from T0
    found = data["areas"]
    assert (found["area_kind"], found["threshold_m"]) == ("wijk", 1000.0)
    by_code = {a["code"]: a for a in found["areas"]}
    centrum, oost, noord = by_code["WK082801"], by_code["WK082802"], by_code["WK082803"]
    assert (
        centrum["covered_at_start"],
        centrum["first_drop_hours"],
        centrum["uncovered_hours"],
    ) == (1000.0, 12.0, 12.0)
    assert centrum["steps"] == [{"hours": 12.0, "covered": 0.0, "share": 0.0, "lost": ["OSS-01"]}]
    assert (oost["total"], oost["covered_at_start"], oost["share_at_start"]) == (
        1000.0,
        460.0,
        0.46,
    )
    assert oost["first_drop_hours"] == 12.0 and oost["candidates"] == ["KAN-02"]
    assert (noord["covered_at_start"], noord["first_drop_hours"], noord["points"]) == (
        500.0,
        36.0,
        ["OSS-02"],
    )
    assert [a["code"] for a in found["areas"]] == ["WK082801", "WK082802", "WK082803"]
    (whole,) = found["municipalities"]
    assert (whole["code"], whole["total"], whole["covered_at_start"]) == ("GM0828", 2500.0, 1960.0)
    assert [(s["hours"], s["covered"]) for s in whole["steps"]] == [(12.0, 500.0), (36.0, 0.0)]


@pytest.mark.django_db
def test_it_shows_that_refuelling_keeps_the_areas_covered(
    cast: Cast, oss: dict[str, Any], capsys: Any
) -> None:
    data = _run(cast, capsys, "--measure", "fuel-72h-all-points")
    by_code = {a["code"]: a for a in data["areas"]["areas"]}
    assert by_code["WK082801"]["first_drop_hours"] == 72.0  # the measure's 72-hour floor
    assert by_code["WK082803"]["first_drop_hours"] == 72.0


@pytest.mark.django_db
def test_it_shows_the_areas_on_the_outage_clock(
    client: Any, cast: Cast, oss: dict[str, Any]
) -> None:
    assert log_in(client, "kees", PASSWORD)
    body = client.get("/outage-clock/?runs=20").content.decode()
    section = body[body.index('id="areas"') : body.index('id="decision-points"')]
    assert 'role="img"' in section and 'aria-labelledby="areas-caption"' in section
    table = section[section.index('id="area-areas"') :].split("</table>")[0]
    rows = {row.split("</th>")[0].rsplit(">", 1)[-1]: row for row in table.split("<tr>")[2:]}
    assert "T+12" in rows["Centrum"] and "OSS-01" in rows["Centrum"] and "100%" in rows["Centrum"]
    assert "46%" in rows["Oost"] and "KAN-02" in rows["Oost"]
    assert "T+36" in rows["Noord"] and "OSS-02" in rows["Noord"]
    municipalities = section[section.index('id="area-municipalities"') :].split("</table>")[0]
    assert "Oss" in municipalities and "2500" in municipalities


@pytest.mark.django_db
def test_it_keeps_the_areas_of_one_region_to_it(
    client: Any, cast: Cast, oss: dict[str, Any], capsys: Any
) -> None:
    elders = Region.objects.get(code="VR99")
    assert areas.served(elders).areas == []
    assert log_in(client, "xander", PASSWORD)
    body = client.get("/outage-clock/?runs=20").content.decode()
    assert (
        "Centrum" not in body
        and "WK082801" not in body
        and "OSS-01" not in body.split('id="areas"')[1].split("</table>")[0]
    )
    data = _run(cast, capsys)
    assert {a["municipality"] for a in data["areas"]["areas"]} == {"GM0828"}
