"""Small, hand-checkable registry data for the Django-layer tests of the outage clock."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast

WATER = {
    "water_company": "Vitens",
    "water_days_min": 7.0,
    "water_days_likely": 10.0,
    "water_days_max": 14.0,
    "water_source": "DUIC (2025), Vitens: 10 dagen op noodstroom",
    "water_confidence": "medium",
}

MASTS = {
    "masts_extended_percent": 60.0,
    "masts_hours_min": 4.0,
    "masts_hours_likely": 8.0,
    "masts_hours_max": 24.0,
    "masts_source": "Afspraak met de mobiele operators in de regio (test)",
    "masts_confidence": "low",
}


def point_with_fuel(
    cast: Cast, code: str, litres: float, tier: str = Tier.COORDINATION, parent: str | None = None
) -> SupportPoint:
    """A generator point: `litres` at 2 l/h gives litres / 2 hours of power."""
    point = SupportPointFactory(
        region=cast.region,
        code=code,
        name=f"Punt {code}",
        tier=tier,
        parent=parent,
        at=geometry.OSS_RD,
    )
    return set_fuel(point, litres)


def set_fuel(point: SupportPoint, litres: float) -> SupportPoint:
    point_services.save_point(
        region=point.region,
        point=point,
        data={"generator_kw": 10.0, "fuel_litres": litres, "fuel_consumption_lph": 2.0},
    )
    point.refresh_from_db()
    return point


def small_network(cast: Cast) -> list[SupportPoint]:
    """Two coordination points (48 h and 8 h) and two local points (24 h and 4 h)."""
    cache.clear()
    return [
        point_with_fuel(cast, "CO-01", 96.0, Tier.COORDINATION),
        point_with_fuel(cast, "CO-02", 16.0, Tier.COORDINATION),
        point_with_fuel(cast, "LO-01", 48.0, Tier.LOCAL, "CO-01"),
        point_with_fuel(cast, "LO-02", 8.0, Tier.LOCAL, "CO-01"),
    ]


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "water_company": "",
        "water_days_min": "",
        "water_days_likely": "",
        "water_days_max": "",
        "water_source": "",
        "water_confidence": "medium",
        "masts_extended_percent": "",
        "masts_hours_min": "",
        "masts_hours_likely": "",
        "masts_hours_max": "",
        "masts_source": "",
        "masts_confidence": "medium",
        "extra_text": "",
        "note": "",
    }
    data.update(changes)
    return data


def three_wijken(cast: Cast) -> dict[str, Any]:
    """Three wijken of Oss with two points and a candidate site (see test_areas.py)."""
    x, y = geometry.OSS_RD
    made: dict[str, Any] = {
        "centrum": factories.AreaFactory(municipality=cast.oss, code="WK082801", name="Centrum",
                                         centre_rd=(x, y), population=1000),
        "oost": factories.AreaFactory(municipality=cast.oss, code="WK082802", name="Oost",
                                      centre_rd=(x + 1000, y), population=1000),
        "noord": factories.AreaFactory(municipality=cast.oss, code="WK082803", name="Noord",
                                       centre_rd=(x, y + 3000), population=500),
    }  # fmt: skip
    p1 = SupportPointFactory(region=cast.region, code="OSS-01", tier=Tier.COORDINATION, at=(x, y))
    p2 = SupportPointFactory(
        region=cast.region, code="OSS-02", tier=Tier.LOCAL, at=(x, y + 3000), parent="OSS-01"
    )
    SupportPointFactory(
        region=cast.region, code="KAN-02", tier=Tier.CANDIDATE, lifecycle=Lifecycle.CANDIDATE,
        at=(x + 2000, y),
    )  # fmt: skip
    made["p1"] = set_fuel(p1, 24.0)
    made["p2"] = set_fuel(p2, 72.0)
    return made
