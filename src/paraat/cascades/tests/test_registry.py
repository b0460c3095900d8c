"""Points reach the outage model with the registry's own autonomy figures."""

from __future__ import annotations

import pytest

from paraat.cascades.registry import engine_points, registry_state
from paraat.cascades.tests.django_helpers import point_with_fuel, set_fuel
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_takes_autonomy_from_the_registry(cast: Cast) -> None:
    point = point_with_fuel(cast, "OSS-01", 120.0, Tier.COORDINATION)
    [engine_point] = engine_points(cast.region)
    assert engine_point.code == "OSS-01"
    assert engine_point.tier == "coordination"
    assert engine_point.autonomy_hours == 60.0 == autonomy_hours(point)[0]


def test_it_leaves_out_candidates_and_other_regions(cast: Cast) -> None:
    point_with_fuel(cast, "OSS-01", 10.0)
    SupportPointFactory(
        region=cast.region, code="CAND-1", tier=Tier.CANDIDATE, lifecycle=Lifecycle.CANDIDATE
    )
    SupportPointFactory(
        region=cast.region,
        code="GONE-1",
        tier=Tier.LOCAL,
        parent="OSS-01",
        lifecycle=Lifecycle.RETIRED,
    )
    assert [p.code for p in engine_points(cast.region)] == ["OSS-01"]


def test_it_keeps_unknown_autonomy_unknown(cast: Cast) -> None:
    SupportPointFactory(region=cast.region, code="OSS-09", tier=Tier.COORDINATION)
    [engine_point] = engine_points(cast.region)
    assert engine_point.autonomy_hours is None


def test_it_changes_the_fingerprint_when_fuel_changes(cast: Cast) -> None:
    point = point_with_fuel(cast, "OSS-01", 10.0)
    before = registry_state(engine_points(cast.region))
    set_fuel(point, 20.0)
    assert registry_state(engine_points(cast.region)) != before
