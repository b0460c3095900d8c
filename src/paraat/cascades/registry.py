"""The region's noodsteunpunten as the outage model sees them, straight from the registry.

Autonomy comes from `supportpoints.facts.autonomy_hours` (fuel stock / consumption plus
battery / need), the same figure the norm check uses, so the timeline and the readiness pages
never disagree about how long a point keeps its power.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from paraat.areas.models import Region
from paraat.cascades.engine import Point
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.models import SupportPoint

ENERGY_FIELDS = (
    "code",
    "name",
    "tier",
    "generator_kw",
    "mobile_generator_connection",
    "battery_kwh",
    "power_need_kw",
    "fuel_litres",
    "fuel_consumption_lph",
)


def engine_points(region: Region) -> list[Point]:
    """Active coordination and local points of the region, with their autonomy in hours."""
    rows = SupportPoint.objects.in_region(region).active().only(*ENERGY_FIELDS).order_by("code")
    return [Point(p.code, p.name, p.tier, autonomy_hours(p)[0]) for p in rows]


def registry_state(points: Sequence[Point]) -> str:
    """A short fingerprint of what the model uses from the registry (for the result cache)."""
    text = "|".join(f"{p.code};{p.tier};{p.autonomy_hours}" for p in points)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
