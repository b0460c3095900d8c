"""The coverage CSV neutralises formula-like names (issue 11), as every spreadsheet export."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from paraat.areas.models import Area
from paraat.planning import services
from paraat.planning.tests.planning_setup import Plan
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_writes_a_formula_like_area_name_as_text(cast: Cast, plan: Plan) -> None:
    Area.objects.filter(pk=plan.c.pk).update(name='=HYPERLINK("http://x")')
    coverage = services.run_coverage(region=cast.region, user=cast.rianne)
    client = Client()
    client.force_login(cast.kees)
    url = reverse("planning:coverage-export", args=[coverage.pk, "csv"])
    text = client.get(url + "?table=areas").content.decode()
    line = next(row for row in text.splitlines() if row.startswith("WK082802;"))
    assert line.startswith('WK082802;"\'=HYPERLINK(""http://x"")";GM0828;')
