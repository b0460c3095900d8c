"""`paraat readiness --json`: the norm result per point with reasons, and per municipality."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from paraat.supportpoints.tests.factories import make_network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_prints_the_result_per_point_and_per_municipality(cast: Cast) -> None:
    make_network(cast)
    out = StringIO()
    call_command("readiness", "--region", cast.region.code, "--json", stdout=out)
    report = json.loads(out.getvalue())
    points = {p["code"]: p for p in report["points"]}
    assert set(points) == {"CP-OSS", "OSS-01", "OSS-02", "KAND-01", "CP-VUGHT", "VUG-01"}
    assert points["OSS-01"]["result"] == "pass"
    assert points["OSS-01"]["power_autonomy_hours"] == 100.0
    gaps = points["OSS-02"]["gaps"]
    assert points["OSS-02"]["result"] == "fail" and "wheelchair" in gaps
    wheelchair = next(r for r in points["OSS-02"]["rules"] if r["rule"] == "wheelchair")
    assert wheelchair["reason"]
    oss = next(m for m in report["municipalities"] if m["code"] == "GM0828")
    assert (oss["coordination_points"], oss["local_points"], oss["candidates"]) == (1, 2, 1)
    assert (oss["pass"], oss["fail"]) == (1, 2)
    assert report["total"]["pass"] == 1
    assert report["norm_profile"]["version"] == 1


def test_it_prints_a_table_without_json(cast: Cast) -> None:
    make_network(cast)
    out = StringIO()
    call_command("readiness", "--region", cast.region.code, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[0] == "gemeente"
    assert any(line.startswith("Oss") for line in lines)
