"""The Brabant-Noord demo: 6 fire stations as coordination points, the polling places as
candidate sites, and noodsteunpunten in proportion to population with fictional readiness data."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from paraat.areas.demo import DEMO_DIR
from paraat.areas.models import Municipality
from paraat.core.audit import acting_as
from paraat.supportpoints.constants import BuildingType, ContactRole, NormResult, Tier
from paraat.supportpoints.models import Contact, SupportPoint
from paraat.testing.shared_rows import rows_for_module

pytestmark = pytest.mark.django_db

DEMO_LOCAL_POINTS = 43  # 3+3+8+3+5+3+3+3+4+5+3 over the 11 municipalities


def _load() -> list[str]:
    from paraat.areas import demo as areas_demo
    from paraat.supportpoints import demo as points_demo

    with acting_as(None, "test"):
        areas_demo.load_demo_region()
        return points_demo.load()


@pytest.fixture(scope="module")
def lines(django_db_setup: None, django_db_blocker: Any) -> Iterator[list[str]]:
    """The demo region and its points, loaded once for the tests of this module (each test's
    changes are rolled back after it)."""
    yield from rows_for_module(django_db_blocker, _load)


def test_it_loads_hubs_candidates_and_points_in_proportion_to_population(
    lines: list[str],
) -> None:
    from paraat.supportpoints import demo as points_demo

    hubs = SupportPoint.objects.coordination()
    assert hubs.count() == 6
    assert {p.building_type for p in hubs} == {BuildingType.FIRE_STATION}
    assert lines[0].startswith("6 coördinatiepunten")
    features = json.loads((DEMO_DIR / "stemlokalen_tk2023.geojson").read_text())["features"]
    mobile = sum(f["properties"]["type_stembureau"] == "mobiel" for f in features)
    assert mobile == 6
    from_polling = SupportPoint.objects.filter(code__startswith="SL")
    # Every building is registered, except a polling place in a fire station (already a hub).
    assert len(features) - mobile - 5 <= from_polling.count() <= len(features) - mobile
    assert "overgeslagen" in lines[1]
    assert from_polling.filter(tier=Tier.CANDIDATE).count() > 250
    local = SupportPoint.objects.local().select_related("municipality")
    per_municipality = Counter(p.municipality.code for p in local)
    assert len(per_municipality) == 11
    # One point per 20,000 residents, at least 3: 's-Hertogenbosch (156,538) gets 8, Boekel 3.
    assert per_municipality == {
        m.code: points_demo.points_wanted(m.population) for m in Municipality.objects.all()
    }
    assert per_municipality["GM0796"] == 8 and per_municipality["GM0755"] == 3
    assert sum(per_municipality.values()) == DEMO_LOCAL_POINTS
    assert all(p.coordination_point_id for p in local)
    results = Counter(p.norm_result for p in local)
    assert results[NormResult.PASS] > 0 and results[NormResult.FAIL] > 0
    keys = Contact.objects.filter(role=ContactRole.KEY_HOLDER)
    assert keys.exists() and all(c.name.startswith("Demo-") for c in keys)
    assert all(c.phone.startswith("06-0000") for c in keys)


def test_it_does_not_double_anything_when_loaded_again(lines: list[str]) -> None:
    from paraat.supportpoints import demo as points_demo

    before = (SupportPoint.objects.count(), Contact.objects.count())
    tiers_before = set(SupportPoint.objects.values_list("pk", "tier", "lifecycle"))
    with acting_as(None, "test"):
        points_demo.load()
    assert (SupportPoint.objects.count(), Contact.objects.count()) == before
    assert SupportPoint.objects.local().count() == DEMO_LOCAL_POINTS
    assert set(SupportPoint.objects.values_list("pk", "tier", "lifecycle")) == tiers_before
