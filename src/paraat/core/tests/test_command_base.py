"""The shared `--region` rule of every command (paraat.core.management.base)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.areas.demo import DEMO_DIR
from paraat.areas.models import Municipality
from paraat.testing import factories

pytestmark = pytest.mark.django_db

GEMEENTEN = str(DEMO_DIR / "gemeenten_2022.geojson")


def test_it_uses_the_only_region_when_there_is_one() -> None:
    region = factories.RegionFactory()
    call_command("import_areas", GEMEENTEN, stdout=StringIO())
    assert Municipality.objects.filter(region=region).count() == 11


def test_it_requires_region_when_there_are_several() -> None:
    factories.RegionFactory(code="VR21")
    factories.RegionFactory(code="VR99", name="Elders")
    with pytest.raises(CommandError, match=r"--region CODE \(VR21, VR99\)"):
        call_command("import_areas", GEMEENTEN, stdout=StringIO())
    assert not Municipality.objects.exists()


def test_it_names_the_known_codes_for_an_unknown_region() -> None:
    factories.RegionFactory(code="VR21")
    with pytest.raises(CommandError, match=r"VR42.*VR21"):
        call_command("readiness", "--region", "VR42", stdout=StringIO())


def test_it_tells_how_to_start_when_there_is_no_region() -> None:
    with pytest.raises(CommandError, match="paraat region create"):
        call_command("export_points", "out.csv", stdout=StringIO())


def test_it_picks_the_named_region_among_several() -> None:
    factories.RegionFactory(code="VR21")
    other = factories.RegionFactory(code="VR99", name="Elders")
    out = StringIO()
    call_command("import_areas", GEMEENTEN, "--region", "vr99", "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 11
    assert Municipality.objects.filter(region=other).count() == 11
