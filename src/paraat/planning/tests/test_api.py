"""The planning API: read runs and start one, with the pages' access rules."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from paraat.planning import services
from paraat.planning.models import CoverageRun, OptimisationRun
from paraat.planning.tests.planning_setup import COVERED, Plan
from paraat.testing.api import invalid_names
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
COVERAGE = "/api/v1/planning/coverage/"
OPTIMISATIONS = "/api/v1/planning/optimisations/"


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def test_it_lists_and_reads_runs_for_readers(
    cast: Cast, plan: Plan, django_assert_max_num_queries: Any
) -> None:
    services.run_coverage(region=cast.region, threshold_m=500)
    run = services.run_coverage(region=cast.region)
    client = _client(cast.kees)
    client.get(COVERAGE)
    with django_assert_max_num_queries(6):  # token, user, region, count, page: not one per run
        listed = client.get(COVERAGE)
    assert listed.status_code == 200
    body = listed.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["id"] for r in rows][0] == run.pk and len(rows) == 2
    assert "cells" not in rows[0]["figures"]
    detail = _client(cast.kees).get(f"{COVERAGE}{run.pk}/").json()
    assert detail["figures"]["covered"] == pytest.approx(COVERED)
    assert detail["figures"]["cells"]["rows"]


@pytest.mark.parametrize("who", ["pim", "cas"])
def test_it_refuses_others(cast: Cast, plan: Plan, who: str) -> None:
    services.run_coverage(region=cast.region)
    assert _client(getattr(cast, who)).get(COVERAGE).status_code == 403


def test_it_starts_runs_within_scope(cast: Cast, plan: Plan) -> None:
    created = _client(cast.rianne).post(
        COVERAGE, {"threshold_m": 1000, "closed": ["OSS-01"]}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["figures"]["covered"] == 0.0
    assert _client(cast.kees).post(COVERAGE, {}, format="json").status_code == 403
    assert _client(cast.olaf).post(COVERAGE, {}, format="json").status_code == 403
    own = _client(cast.olaf).post(COVERAGE, {"municipality": "GM0828"}, format="json")
    assert own.status_code == 201
    assert CoverageRun.objects.count() == 2


def test_it_starts_an_optimisation_and_explains_bad_input(cast: Cast, plan: Plan) -> None:
    client = _client(cast.rianne)
    created = client.post(OPTIMISATIONS, {"model": "mclp", "k": 1, "time_limit": 5}, format="json")
    assert created.status_code == 201
    assert created.json()["figures"]["selected"][0]["code"] == "KAN-01"
    bad = client.post(OPTIMISATIONS, {"model": "mclp", "k": 9}, format="json")
    assert bad.status_code == 400 and "k" in invalid_names(bad)
    zero = client.post(COVERAGE, {"threshold_m": 0}, format="json")
    assert zero.status_code == 400 and "threshold_m" in invalid_names(zero)
    assert OptimisationRun.objects.count() == 1
