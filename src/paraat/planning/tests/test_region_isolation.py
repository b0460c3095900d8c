"""Two regions in one database: nothing of Brabant-Noord's coverage runs reaches the other."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from paraat.planning import services
from paraat.planning.tests.planning_setup import Plan
from paraat.testing.factories import api_key
from paraat.testing.isolation import leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
COVERAGE = "/api/v1/planning/coverage/"


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region)
    markers = ["Oss", "Vught", f'"id": {run.pk}']
    overview = page_text(cast.xander, "/planning/")
    assert leaked(overview, markers[:2]) == []
    assert status(cast.xander, f"/planning/coverage/{run.pk}/") in (403, 404)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(cast.xander)}")
    listed = client.get(COVERAGE).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert rows == []
    assert client.get(f"{COVERAGE}{run.pk}/").status_code in (403, 404)
    assert leaked(json.dumps(listed), markers) == []
    # The control: the run's own region sees it.
    assert f"/planning/coverage/{run.pk}/" in page_text(cast.rianne, "/planning/")
