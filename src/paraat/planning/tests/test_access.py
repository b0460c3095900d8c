"""Who may read and run planning, per persona."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.planning import access, services
from paraat.planning.tests.planning_setup import Plan

pytestmark = pytest.mark.django_db


def test_it_lets_coordinators_officers_and_viewers_read(cast: Any) -> None:
    assert access.can_read(cast.rianne, cast.region)
    assert access.can_read(cast.olaf, cast.region)
    assert access.can_read(cast.kees, cast.region)
    assert not access.can_read(cast.pim, cast.region)
    assert not access.can_read(cast.cas, cast.region)
    assert not access.can_read(cast.xander, cast.region)


def test_it_lets_officers_run_only_for_their_own_municipality(cast: Any) -> None:
    assert access.can_run(cast.rianne, cast.region)
    assert access.can_run(cast.rianne, cast.region, cast.vught)
    assert access.can_run(cast.olaf, cast.region, cast.oss)
    assert not access.can_run(cast.olaf, cast.region, cast.vught)
    assert not access.can_run(cast.olaf, cast.region)
    assert not access.can_run(cast.kees, cast.region, cast.oss)
    assert not access.can_run(cast.pim, cast.region, cast.oss)
    assert [m.name for m in access.runnable_municipalities(cast.olaf, cast.region)] == ["Oss"]


def test_it_shows_officers_region_runs_and_their_own_only(cast: Any, plan: Plan) -> None:
    region_run = services.run_coverage(region=cast.region)
    oss_run = services.run_coverage(region=cast.region, municipality=cast.oss)
    assert set(access.coverage_runs(cast.vera, cast.region)) == {region_run}
    assert set(access.coverage_runs(cast.olaf, cast.region)) == {region_run, oss_run}
    assert set(access.coverage_runs(cast.kees, cast.region)) == {region_run, oss_run}
    assert not access.coverage_runs(cast.pim, cast.region).exists()
    assert not access.coverage_runs(cast.xander, cast.region).exists()


def test_it_lets_only_coordinators_import_networks(cast: Any) -> None:
    assert access.can_import_network(cast.rianne, cast.region)
    assert not access.can_import_network(cast.olaf, cast.region)
    assert not access.can_import_network(cast.kees, cast.region)
