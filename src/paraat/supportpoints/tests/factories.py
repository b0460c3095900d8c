"""Support point test data, made through the services so municipality and area follow from the
location (RD New offsets from the centre of the factory municipality's 10 km square)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import factory
from django.utils import timezone

from paraat.supportpoints import services
from paraat.supportpoints.constants import CommsKind, ContactRole, Lifecycle, Service, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast


class SupportPointFactory(factory.Factory):
    """``at`` is a point in RD New (default: the centre of Oss); ``parent`` a coordination code."""

    class Meta:
        model = SupportPoint

    region = factory.SubFactory(factories.RegionFactory)
    code = factory.Sequence(lambda n: f"SP-{n:03d}")
    name = factory.Sequence(lambda n: f"Punt {n}")
    tier = Tier.COORDINATION
    lifecycle = Lifecycle.DESIGNATED
    at = geometry.OSS_RD
    parent = None

    @classmethod
    def _create(cls, model_class: type[SupportPoint], *args: Any, **kwargs: Any) -> SupportPoint:
        region = kwargs.pop("region")
        x, y = kwargs.pop("at")
        parent = kwargs.pop("parent")
        lon, lat = geometry.point_wgs84(x, y)
        return services.save_point(
            region=region, data={**kwargs, "lon": lon, "lat": lat}, coordination_code=parent
        )


def make_ready(point: SupportPoint, *, fuel_litres: float = 300.0) -> SupportPoint:
    """Everything the default profile asks for; 300 litres at 3 l/h is 100 hours of power."""
    services.save_point(
        region=point.region,
        point=point,
        data={
            "open_within_minutes": 30,
            "wheelchair_accessible": True,
            "generator_kw": 15.0,
            "fuel_litres": fuel_litres,
            "fuel_consumption_lph": 3.0,
            "power_need_kw": 3.0,
            "generator_last_test": timezone.localdate() - dt.timedelta(days=30),
        },
    )
    services.set_services(
        point=point,
        services={
            Service.INFORMATION: {"available": True},
            Service.TOILET: {"available": True},
            Service.DRINKING_WATER: {"available": True, "quantity": 200.0},
        },
    )
    services.set_comms(point=point, kinds=[CommsKind.C2000])
    for i in (1, 2):
        services.save_contact(
            point=point,
            data={
                "role": ContactRole.KEY_HOLDER,
                "name": f"Sleutelhouder {point.code}-{i}",
                "phone": f"06-0000000{i}",
                "available_24_7": True,
            },
        )
    point.refresh_from_db()
    return point


@dataclass
class Network:
    hub_oss: SupportPoint
    ready: SupportPoint
    gaps: SupportPoint
    candidate: SupportPoint
    hub_vught: SupportPoint
    vught: SupportPoint


def make_network(cast: Cast) -> Network:
    """Oss: a coordination point, a ready local point, one with gaps and a candidate site.
    Vught: a coordination point and a local point."""
    services.ensure_norm_profile(region=cast.region)
    ox, oy = geometry.OSS_RD
    vx, vy = geometry.VUGHT_RD
    hub_oss = SupportPointFactory(
        region=cast.region, code="CP-OSS", name="Kazerne Oss", at=(ox, oy)
    )
    ready = make_ready(
        SupportPointFactory(
            region=cast.region,
            code="OSS-01",
            name="Wijkcentrum De Schalm",
            tier=Tier.LOCAL,
            lifecycle=Lifecycle.PREPARED,
            parent="CP-OSS",
            at=(ox + 1_000, oy),
        )
    )
    gaps = SupportPointFactory(
        region=cast.region,
        code="OSS-02",
        name="Sporthal Noord",
        tier=Tier.LOCAL,
        parent="CP-OSS",
        at=(ox - 1_500, oy + 500),
        wheelchair_accessible=False,
    )
    candidate = SupportPointFactory(
        region=cast.region,
        code="KAND-01",
        name="Basisschool De Wilg",
        tier=Tier.CANDIDATE,
        lifecycle=Lifecycle.CANDIDATE,
        at=(ox + 2_000, oy - 2_000),
    )
    hub_vught = SupportPointFactory(
        region=cast.region, code="CP-VUGHT", name="Kazerne Vught", at=(vx, vy)
    )
    vught = SupportPointFactory(
        region=cast.region,
        code="VUG-01",
        name="Bibliotheek Vught",
        tier=Tier.LOCAL,
        parent="CP-VUGHT",
        at=(vx + 800, vy),
    )
    return Network(hub_oss, ready, gaps, candidate, hub_vught, vught)
