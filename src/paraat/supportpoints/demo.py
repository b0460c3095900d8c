"""Demo support points for Brabant-Noord: the 6 known fire stations as coordination points, the
polling places as candidate sites, and designated noodsteunpunten with visibly fictional readiness
data (names 'Demo …', phone numbers 06-00…), some passing the norm and some failing it.

How many: one noodsteunpunt per RESIDENTS_PER_POINT (20,000) residents of a municipality,
rounded, and at least MIN_PER_MUNICIPALITY (3): 's-Hertogenbosch gets 8, Boekel 3, 43 in all.
Where: greedily the candidate (preferred building types first) that most shortens the residents'
total straight-line distance to their nearest point, the CBS wijken standing for the residents,
so the city centres get their points and a resident is sent to a point in their own town.

Deterministic (a seeded random generator, candidates in code order) and idempotent: a
municipality that already has its number of local points gets no more, so a re-run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from django.utils import timezone

from paraat.areas.constants import AreaKind
from paraat.areas.demo import DEMO_DIR, REGION_CODE
from paraat.areas.models import Area, Municipality, Region
from paraat.geo import crs as geocrs
from paraat.geo.nearest import point_rd
from paraat.geo.readers import read_features
from paraat.supportpoints import polling, services
from paraat.supportpoints.constants import (
    BuildingType,
    CommsKind,
    ContactRole,
    Lifecycle,
    Service,
    Tier,
)
from paraat.supportpoints.models import SupportPoint

PREFERRED = (
    BuildingType.COMMUNITY_CENTRE,
    BuildingType.SPORTS_HALL,
    BuildingType.TOWN_HALL,
    BuildingType.LIBRARY,
    BuildingType.SCHOOL,
)
# One noodsteunpunt per RESIDENTS_PER_POINT residents, never fewer than MIN_PER_MUNICIPALITY.
RESIDENTS_PER_POINT = 20_000
MIN_PER_MUNICIPALITY = 3


def load() -> list[str]:
    region = Region.objects.get(code=REGION_CODE)
    rng = random.Random(2026)  # noqa: S311 - invented demo data, seeded
    services.ensure_norm_profile(region=region)
    coordination = _coordination_points(region, rng)
    result = polling.import_polling_places(
        path=DEMO_DIR / "stemlokalen_tk2023.geojson", region=region
    )
    designated = _designate(region, coordination, rng)
    _assign_demo_lead(region)
    return [
        f"{len(coordination)} coördinatiepunten (brandweerkazernes)",
        f"{result['created']} kandidaat-locaties (stemlokalen), {len(result['skipped'])} overgeslagen",
        f"{designated} noodsteunpunten aangewezen met fictieve gereedheidsgegevens",
    ]


def _coordination_points(region: Region, rng: random.Random) -> list[SupportPoint]:
    table = read_features(DEMO_DIR / "brandweerkazernes_brabant-noord_partieel.geojson")
    points = []
    for row, geom in zip(table.rows, table.geometries, strict=True):
        assert geom is not None
        place = str(row["plaats"])
        code = "CP-" + place.upper().replace(" ", "").replace("'", "")[:12]
        with_generator = rng.random() < 0.5
        point = services.save_point(
            region=region,
            point=SupportPoint.objects.filter(region=region, code=code).first(),
            data={
                "code": code,
                "name": str(row["naam"]),
                "tier": Tier.COORDINATION,
                "lifecycle": Lifecycle.PREPARED,
                "building_type": BuildingType.FIRE_STATION,
                "street": str(row["straat"]),
                "house_number": str(row["huisnummer"]),
                "postcode": str(row["postcode"]),
                "city": place,
                "lon": geom.x,
                "lat": geom.y,
                "capacity": 40,
                "wheelchair_accessible": True,
                "open_within_minutes": 15,
                "source": str(row["bron"])[:200],
                "generator_kw": 60.0 if with_generator else None,
                "mobile_generator_connection": True,
                "fuel_litres": float(rng.choice([300, 500, 800])) if with_generator else None,
                "fuel_consumption_lph": 8.0 if with_generator else None,
                "power_need_kw": 20.0,
                "generator_last_test": timezone.localdate()
                - dt.timedelta(days=rng.randint(20, 500))
                if with_generator
                else None,
            },
        )
        services.set_comms(
            point=point,
            kinds=[CommsKind.C2000, CommsKind.SATELLITE_PHONE]
            if rng.random() < 0.6
            else [CommsKind.C2000],
        )
        services.set_services(
            point=point,
            services={
                Service.INFORMATION: {"available": True},
                Service.EMERGENCY_REPORT: {"available": True},
                Service.FIRST_AID: {"available": True},
            },
        )
        _contacts(point, rng, rng.randint(1, 3))
        points.append(point)
    return points


def _rd(point: SupportPoint) -> tuple[float, float]:
    return point_rd(point.lon, point.lat)


def points_wanted(population: int | None) -> int:
    """How many noodsteunpunten the demo designates in a municipality of this many residents."""
    return max(MIN_PER_MUNICIPALITY, round((population or 0) / RESIDENTS_PER_POINT))


def _demand(municipality: Municipality) -> np.ndarray:
    """Where the municipality's residents live: (x, y, residents) of its wijken, else postcodes."""
    for kind in (AreaKind.WIJK, AreaKind.PC4):
        rows = list(
            Area.objects.in_municipality(municipality)
            .of_kind(kind)
            .filter(population__gt=0)
            .order_by("code")
            .values_list("point_lon", "point_lat", "population")
        )
        if rows:
            lon, lat, residents = (
                np.array(column, dtype=float) for column in zip(*rows, strict=True)
            )
            x, y = geocrs.to_rd(lon, lat)
            return np.column_stack([x, y, residents])
    return np.zeros((0, 3))


def _designate(region: Region, coordination: list[SupportPoint], rng: random.Random) -> int:
    hubs = [(p, _rd(p)) for p in coordination]
    count = 0
    for municipality in region.municipalities.order_by("code"):
        wanted = points_wanted(municipality.population)
        existing = list(SupportPoint.objects.in_municipality(municipality).local())
        # Loading the demo again designates no more than points_wanted() in all.
        if len(existing) >= wanted:
            continue
        candidates = SupportPoint.objects.in_municipality(municipality).filter(tier=Tier.CANDIDATE)
        pool = list(candidates.filter(building_type__in=PREFERRED).order_by("code"))
        if len(pool) < wanted - len(existing):  # a small municipality: any building will do
            pool += list(candidates.exclude(building_type__in=PREFERRED).order_by("code"))
        chosen = _closest_to_residents(_demand(municipality), existing, pool, wanted)
        for candidate in chosen:
            at = _rd(candidate)
            hub = min(hubs, key=lambda h: np.hypot(h[1][0] - at[0], h[1][1] - at[1]))[0]
            _make_ready(region, candidate, hub, rng)
            count += 1
    return count


def _closest_to_residents(
    demand: np.ndarray, existing: list[SupportPoint], pool: list[SupportPoint], wanted: int
) -> list[SupportPoint]:
    """Greedy choice: each time the candidate that most shortens the residents' total distance
    to their nearest point (existing points count as already chosen). Deterministic: ties go to
    the lowest code, because the pool is sorted by code."""
    if not pool or len(existing) >= wanted:
        return []
    sites = np.array([_rd(p) for p in pool])
    if len(demand) == 0:  # no residents known: the candidates themselves, equally weighted
        demand = np.column_stack([sites, np.ones(len(sites))])
    people, weight = demand[:, :2], demand[:, 2]
    to_site = np.hypot(
        people[:, None, 0] - sites[None, :, 0], people[:, None, 1] - sites[None, :, 1]
    )
    best = np.full(len(people), np.inf)
    for point in existing:
        x, y = _rd(point)
        best = np.minimum(best, np.hypot(people[:, 0] - x, people[:, 1] - y))
    chosen: list[int] = []
    while len(chosen) < min(wanted - len(existing), len(pool)):
        total = (np.minimum(best[:, None], to_site) * weight[:, None]).sum(axis=0)
        total[chosen] = np.inf
        pick = int(np.argmin(total))
        chosen.append(pick)
        best = np.minimum(best, to_site[:, pick])
    return [pool[i] for i in chosen]


def _make_ready(region: Region, point: SupportPoint, hub: SupportPoint, rng: random.Random) -> None:
    """Some points are fully prepared, the rest show the gaps regions really have."""
    ready = rng.random() < 0.3
    generator = ready or rng.random() < 0.55
    lifecycle = Lifecycle.PREPARED if ready or rng.random() < 0.4 else Lifecycle.DESIGNATED
    services.save_point(
        region=region,
        point=point,
        coordination_code=hub.code,
        data={
            "tier": Tier.LOCAL,
            "lifecycle": lifecycle,
            "capacity": rng.choice([60, 80, 120, 150, 200, 300]),
            "open_within_minutes": 30 if ready else rng.choice([30, 45, 60, 60, 90]),
            "generator_kw": float(rng.choice([10, 15, 20])) if generator else None,
            "mobile_generator_connection": (not generator) and rng.random() < 0.5,
            "fuel_litres": (300.0 if ready else float(rng.choice([60, 120, 200, 300])))
            if generator
            else None,
            "fuel_consumption_lph": (3.0 if ready else float(rng.choice([2.5, 3.0, 4.0])))
            if generator
            else None,
            "battery_kwh": float(rng.choice([5, 10])) if rng.random() < 0.2 else None,
            "power_need_kw": 3.0,
            "generator_last_test": timezone.localdate()
            - dt.timedelta(days=rng.randint(10, 200 if ready else 600))
            if generator
            else None,
            "notes": "Fictieve demogegevens.",
        },
    )
    if ready and point.wheelchair_accessible is None:
        services.save_point(region=region, point=point, data={"wheelchair_accessible": True})
    offered: dict[str, dict[str, Any]] = {
        Service.INFORMATION: {"available": ready or rng.random() < 0.9}
    }
    for service in (
        Service.FIRST_AID,
        Service.CHARGING,
        Service.WARMTH,
        Service.TOILET,
        Service.HELP_DESK,
    ):
        offered[service] = {"available": ready or rng.random() < 0.6}
    offered[Service.DRINKING_WATER] = {
        "available": True,
        "quantity": 300.0 if ready else float(rng.choice([0, 50, 200, 500])),
    }
    services.set_services(point=point, services=offered)
    kinds = [
        k
        for k in (CommsKind.C2000, CommsKind.RUNNER, CommsKind.AMATEUR_RADIO, CommsKind.LANDLINE)
        if rng.random() < 0.4
    ]
    services.set_comms(point=point, kinds=[CommsKind.C2000, CommsKind.RUNNER] if ready else kinds)
    _contacts(point, rng, 2 if ready else rng.randint(0, 3), always_reachable=ready)


def _contacts(
    point: SupportPoint, rng: random.Random, n: int, always_reachable: bool = False
) -> None:
    services.replace_contacts(
        point=point,
        contacts=[
            {
                "role": ContactRole.KEY_HOLDER,
                "name": f"Demo-sleutelhouder {point.code}-{i + 1}",
                "phone": f"06-0000{rng.randint(1000, 9999)}",
                "available_24_7": always_reachable or rng.random() < 0.7,
            }
            for i in range(n)
        ],
    )


def _assign_demo_lead(region: Region) -> None:
    """The demo point lead ('puntleider') leads the local points in Oss, so the phone form has points."""
    from paraat.accounts.models import User

    lead = User.objects.filter(username="puntleider").first()
    if lead is None:
        return
    for point in SupportPoint.objects.in_region(region).local().filter(municipality__code="GM0828"):
        point.leads.add(lead)
