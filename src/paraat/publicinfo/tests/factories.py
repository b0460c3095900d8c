"""Public-side test data: a small network in Oss and Vught with postcode areas (PC4 and PC6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area
from paraat.operations import services as operations
from paraat.operations.constants import Channel, IncidentKind
from paraat.operations.models import Incident
from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Lifecycle, Service, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast

OSS_X, OSS_Y = geometry.OSS_RD


def point(
    cast: Cast, code: str, name: str, dx: float = 0, dy: float = 0, tier: str = Tier.LOCAL
) -> SupportPoint:
    lon, lat = geometry.point_wgs84(OSS_X + dx, OSS_Y + dy)
    made = point_services.save_point(
        region=cast.region,
        data={
            "code": code,
            "name": name,
            "tier": tier,
            "lifecycle": Lifecycle.PREPARED,
            "street": "Kerkstraat",
            "house_number": str(len(code)),
            "postcode": "5341AB",
            "city": "Oss",
            "lon": lon,
            "lat": lat,
        },
        coordination_code="CP-OSS" if tier == Tier.LOCAL else None,
    )
    point_services.set_services(
        point=made,
        services={Service.INFORMATION: {"available": True}, Service.WARMTH: {"available": True}},
    )
    return made


@dataclass
class Network:
    hub: SupportPoint
    near: SupportPoint  # 600 m east of the centre of PC4 5341
    middle: SupportPoint  # 1.5 km west
    far: SupportPoint  # 3 km north
    retired: SupportPoint  # never shown
    pc4: Area
    pc6: Area


def make_network(cast: Cast) -> Network:
    hub = point(cast, "CP-OSS", "Brandweerkazerne Oss", dx=2_500, dy=2_500, tier=Tier.COORDINATION)
    near = point(cast, "OSS-01", "Wijkcentrum De Ruwaard", dx=600)
    middle = point(cast, "OSS-02", "Sporthal Schadewijk", dx=-1_500)
    far = point(cast, "OSS-03", "Bibliotheek Oss", dy=3_000)
    retired = point(cast, "OSS-09", "Oude school", dx=100)
    point_services.save_point(
        region=cast.region, point=retired, data={"lifecycle": Lifecycle.RETIRED}
    )
    pc4 = factories.AreaFactory(
        municipality=cast.oss, kind=AreaKind.PC4, code="5341", name="", size_m=1_000.0
    )
    pc6 = factories.AreaFactory(
        municipality=cast.oss,
        kind=AreaKind.PC6,
        code="5341AB",
        name="",
        size_m=100.0,
        centre_rd=(OSS_X - 1_400, OSS_Y),
    )
    factories.AreaFactory(
        municipality=cast.oss, kind=AreaKind.WIJK, code="WK082801", name="Centrum", size_m=2_000.0
    )
    factories.AreaFactory(
        municipality=cast.vught,
        kind=AreaKind.PC4,
        code="5261",
        name="",
        centre_rd=geometry.VUGHT_RD,
    )
    return Network(hub, near, middle, far, retired, pc4, pc6)


def start_incident(cast: Cast, *, exercise: bool = False, **kwargs: Any) -> Incident:
    incident = operations.create_incident(
        region=cast.region,
        title="Stroomuitval Oss",
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=exercise,
        municipalities=[cast.oss],
        user=cast.cas,
        **kwargs,
    )
    operations.activate(incident=incident, user=cast.cas)
    return incident


def report(
    cast: Cast,
    incident: Incident,
    point: SupportPoint,
    state: str,
    *,
    services: tuple[str, ...] = (),
    minutes_ago: int = 5,
) -> None:
    operations.record_status(
        incident=incident,
        point=point,
        idempotency_key=f"{incident.pk}-{point.code}-{state}-{minutes_ago}",
        state=state,
        channel=Channel.WEB,
        services_available=services,
        reporter=cast.cas,
        reported_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
