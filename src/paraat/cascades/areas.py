"""Which noodsteunpunten serve each area, read from the planning app, for the outage clock per area.

Planning owns how an area is covered: its demand points (the area's residents spread over a
100 m grid) and the points within the default distance (straight line, 1,000 m). This module asks
planning for them once per region and registry state, groups the residents by the points that
reach them, and hands plain `engine.areas.AreaDemand` rows to the engine. It prefers wijken, then
postcode areas (PC4), and otherwise the layer planning itself would choose.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Region
from paraat.cascades.engine import Result
from paraat.cascades.engine import areas as engine_areas
from paraat.planning import inputs
from paraat.planning.constants import DEFAULT_THRESHOLD_M, Weight
from paraat.supportpoints.models import SupportPoint

TIMEOUT = 60 * 60
PREFERRED_KINDS = (AreaKind.WIJK, AreaKind.PC4)


@dataclass(frozen=True)
class Served:
    """The region's areas as groups of residents with the points that reach them."""

    area_kind: str | None
    threshold_m: float
    areas: list[engine_areas.AreaDemand]
    municipalities: dict[str, str]
    notes: list[str] = field(default_factory=list)


def _kind(region: Region) -> str:
    for kind in PREFERRED_KINDS:
        if Area.objects.in_region(region).of_kind(kind).filter(population__gt=0).exists():
            return kind
    return inputs.choose_area_kind(region, None, Weight.RESIDENTS)


def _state(region: Region) -> str:
    """What the grouping depends on: the areas' figures and where the points and sites are."""
    areas = (
        Area.objects.in_region(region)
        .values("kind")
        .annotate(n=Count("pk"), people=Sum("population"), keys=Sum("pk"))
    )
    sites = SupportPoint.objects.in_region(region).values_list("code", "lifecycle", "lat", "lon")
    text = json.dumps([sorted(map(str, areas)), sorted(map(str, sites))])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def served(region: Region) -> Served:
    """The grouping for the region, cached under everything it depends on."""
    key = f"cascades:areas:{region.pk}:{_state(region)}"
    found = cache.get(key)
    if found is None:
        found = _served(region)
        cache.set(key, found, TIMEOUT)
    return found


def _served(region: Region) -> Served:
    try:
        kind = _kind(region)
        demand = inputs.load_demand(
            region=region, municipality=None, weight=Weight.RESIDENTS, area_kind=kind
        )
    except ValidationError as error:
        return Served(None, DEFAULT_THRESHOLD_M, [], {}, notes=list(error.messages))
    sites = inputs.site_info(inputs.existing_points(region))
    candidates = inputs.site_info(inputs.candidate_sites(region, None))
    cover = inputs.cover_matrix(demand.demand, sites, DEFAULT_THRESHOLD_M, None).tocsr()
    extra = inputs.cover_matrix(demand.demand, candidates, DEFAULT_THRESHOLD_M, None).tocsr()
    weights = np.asarray(demand.demand.weights[Weight.RESIDENTS], dtype=float)
    codes = [s.code for s in sites]
    extra_codes = [s.code for s in candidates]
    groups: dict[str, dict[tuple[str, ...], float]] = defaultdict(lambda: defaultdict(float))
    reach: dict[str, set[str]] = defaultdict(set)
    for i, area in enumerate(demand.demand.area.astype(str)):
        row = cover.indices[cover.indptr[i] : cover.indptr[i + 1]]
        groups[area][tuple(sorted(codes[j] for j in row))] += float(weights[i])
        more = extra.indices[extra.indptr[i] : extra.indptr[i + 1]]
        reach[area].update(extra_codes[j] for j in more)
    rows = []
    for code, by_points in sorted(groups.items()):
        info = demand.areas.get(code)
        rows.append(
            engine_areas.AreaDemand(
                code=code,
                name=info.name if info else code,
                municipality=info.municipality if info else "",
                groups=tuple((w, points) for points, w in sorted(by_points.items())),
                candidates=tuple(sorted(reach[code])),
            )
        )
    return Served(kind, DEFAULT_THRESHOLD_M, rows, dict(demand.municipalities), demand.notes)


@dataclass(frozen=True)
class AreaClocks:
    served: Served
    areas: list[engine_areas.AreaClock]
    municipalities: list[engine_areas.AreaClock]

    def to_dict(self) -> dict[str, Any]:
        return {
            "area_kind": self.served.area_kind,
            "threshold_m": self.served.threshold_m,
            "distance": "straight",
            "weight": Weight.RESIDENTS.value,
            "notes": [str(n) for n in self.served.notes],
            "municipalities": [c.to_dict() for c in self.municipalities],
            "areas": [c.to_dict() for c in self.areas],
        }


def clocks(region: Region, result: Result) -> AreaClocks:
    """Per area and per municipality, the hours its coverage drops in this timeline."""
    found = served(region)
    area_rows, municipality_rows = engine_areas.for_result(
        result, found.areas, found.municipalities
    )
    return AreaClocks(found, area_rows, municipality_rows)
