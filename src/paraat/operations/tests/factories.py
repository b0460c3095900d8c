"""Operations test data: an incident in Oss with two prepared points under one coordination point."""

from __future__ import annotations

from dataclasses import dataclass

from paraat.operations import services
from paraat.operations.constants import IncidentKind
from paraat.operations.models import Incident
from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.testing import geometry
from paraat.testing.personas import Cast


def make_point(
    cast: Cast,
    code: str,
    dx: float = 0,
    tier: str = Tier.LOCAL,
    parent: str | None = "CP-OSS",
    at: tuple[float, float] = geometry.OSS_RD,
) -> SupportPoint:
    lon, lat = geometry.point_wgs84(at[0] + dx, at[1])
    return point_services.save_point(
        region=cast.region,
        data={
            "code": code,
            "name": f"Punt {code}",
            "tier": tier,
            "lifecycle": Lifecycle.PREPARED,
            "lon": lon,
            "lat": lat,
        },
        coordination_code=parent if tier == Tier.LOCAL else None,
    )


@dataclass
class Scene:
    incident: Incident
    hub: SupportPoint
    a: SupportPoint
    b: SupportPoint
    vught: SupportPoint


def make_scene(cast: Cast, exercise: bool = True) -> Scene:
    hub = make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    a = make_point(cast, "OSS-01", dx=500)
    b = make_point(cast, "OSS-02", dx=-800)
    vught = make_point(cast, "VUG-01", at=geometry.VUGHT_RD, parent="CP-OSS")
    incident = services.create_incident(
        region=cast.region,
        title="Stroomuitval Oss",
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=exercise,
        municipalities=[cast.oss],
        user=cast.cas,
    )
    services.activate(incident=incident, user=cast.cas)
    return Scene(incident, hub, a, b, vught)
