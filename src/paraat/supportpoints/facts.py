"""Build a point's facts for the norm engine from the database."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from paraat.geo.text import Text
from paraat.supportpoints.constants import ContactRole, Service
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.norm_engine import PointFacts, power_autonomy


def autonomy_hours(point: SupportPoint) -> tuple[float | None, Text]:
    return power_autonomy(
        generator_kw=point.generator_kw,
        mobile_generator_connection=point.mobile_generator_connection,
        battery_kwh=point.battery_kwh,
        power_need_kw=point.power_need_kw,
        fuel_litres=point.fuel_litres,
        fuel_consumption_lph=point.fuel_consumption_lph,
    )


def point_facts(point: SupportPoint, today: dt.date | None = None) -> PointFacts:
    """Everything the rules need; uses prefetched services, comms and contacts when present."""
    hours, note = autonomy_hours(point)
    services = {s.service: s.available for s in point.services.all()}
    water = next((s for s in point.services.all() if s.service == Service.DRINKING_WATER), None)
    water_litres: float | None = None
    if water is not None:
        water_litres = (
            (water.quantity if water.quantity is not None else None) if water.available else 0.0
        )
    key_holders = sum(
        1 for c in point.contacts.all() if c.role == ContactRole.KEY_HOLDER and c.available_24_7
    )
    has_generator = None if point.generator_kw is None else point.generator_kw > 0
    return PointFacts(
        tier=point.tier,
        power_hours=hours,
        power_note=note,
        comms_kinds=frozenset(c.kind for c in point.comms.all()),
        key_holders_24_7=key_holders,
        open_within_minutes=point.open_within_minutes,
        wheelchair_accessible=point.wheelchair_accessible,
        services=services,
        drinking_water_litres=water_litres,
        has_generator=has_generator,
        generator_last_test=point.generator_last_test,
        today=today or timezone.localdate(),
    )
