"""What a planning run reads from the database: demand from areas, existing points and candidates,
and the distances between them. Reads only; the services store the runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from scipy.sparse import csr_matrix

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.geo import crs as geocrs
from paraat.geo.demand import Demand, DemandError, spread_areas
from paraat.geo.distance import within_straight
from paraat.geo.geojson import from_geojson
from paraat.geo.network import NetworkError, read_network
from paraat.geo.network import WalkingNetwork as Graph
from paraat.planning.constants import DEFAULT_CELL_M, Weight
from paraat.planning.coverage import AreaInfo, SiteInfo
from paraat.supportpoints.constants import NormResult
from paraat.supportpoints.models import SupportPoint

# Finest first: the default area layer is the finest one that has the figure asked for.
AREA_PREFERENCE = (AreaKind.GRID, AreaKind.PC6, AreaKind.BUURT, AreaKind.WIJK, AreaKind.PC4)


@dataclass
class DemandInput:
    demand: Demand
    area_kind: str
    areas: dict[str, AreaInfo]
    municipalities: dict[str, str]
    notes: list[str]
    complete: bool = True


def _value(area: Area, weight: str) -> float | None:
    if weight == Weight.RESIDENTS:
        return area.population
    if weight in (Weight.AGE_65_PLUS, Weight.AGE_75_PLUS):
        value = getattr(area, weight)
        return None if value is None else float(value)
    raw = (area.vulnerability or {}).get(weight)
    return None if raw is None else float(raw)


# A layer whose residents add up to less than this share of the municipalities' own figure
# misses part of the region (a few suppressed small counts stay well above it).
COMPLETE_SHARE = 0.9


def _scope(region: Region, municipality: Municipality | None) -> list[Municipality]:
    if municipality is not None:
        return [municipality]
    return list(Municipality.objects.in_region(region).order_by("code"))


def layer_gaps(
    region: Region, municipality: Municipality | None, kind: str
) -> tuple[list[Municipality], float | None]:
    """Where a layer falls short: the municipalities it has no area in, and the share of the
    municipalities' residents its areas hold (None when the municipalities' figures are unknown)."""
    scope = _scope(region, municipality)
    areas = Area.objects.in_region(region).of_kind(kind)
    if municipality is not None:
        areas = areas.in_municipality(municipality)
    present = set(areas.values_list("municipality_id", flat=True).distinct())
    missing = [m for m in scope if m.pk not in present]
    known = [m.population for m in scope]
    share = None
    if scope and all(known):
        held = sum(p or 0 for p in areas.values_list("population", flat=True))
        share = held / sum(p or 0 for p in known)
    return missing, share


def _complete(region: Region, municipality: Municipality | None, kind: str) -> bool:
    missing, share = layer_gaps(region, municipality, kind)
    return not missing and (share is None or share >= COMPLETE_SHARE)


def choose_area_kind(region: Region, municipality: Municipality | None, weight: str) -> str:
    """The finest area layer that covers the whole region (or municipality) and has the figure
    asked for. A finer layer that covers only part of it would leave residents out and make the
    coverage look better than it is; when no layer is complete, the finest with the figure is
    used and `load_demand` says what it misses."""
    areas = Area.objects.in_region(region)
    if municipality is not None:
        areas = areas.in_municipality(municipality)
    present = set(areas.kinds_present())
    with_figure = []
    for kind in AREA_PREFERENCE:
        if kind not in present:
            continue
        if any(_value(a, weight) for a in areas.of_kind(kind).only("population", *_fields(weight))):
            with_figure.append(kind)
    for kind in with_figure:
        if _complete(region, municipality, kind):
            return kind
    if with_figure:
        return with_figure[0]
    raise ValidationError(
        {"weight": _("No area in the region has figures for “%(weight)s”.") % {"weight": weight}}
    )


def _gap_notes(region: Region, municipality: Municipality | None, kind: str) -> list[str]:
    missing, share = layer_gaps(region, municipality, kind)
    notes = []
    label = AreaKind(kind).label
    if missing:
        notes.append(
            _(
                "The layer “%(kind)s” has no areas in %(count)d of %(total)d municipalities "
                "(%(names)s): their residents are not counted, so the coverage is not that of "
                "the whole region."
            )
            % {
                "kind": label,
                "count": len(missing),
                "total": len(_scope(region, municipality)),
                "names": ", ".join(m.name for m in missing[:20]),
            }
        )
    elif share is not None and share < COMPLETE_SHARE:
        notes.append(
            _(
                "The areas of the layer “%(kind)s” hold %(share)s%% of the residents of the "
                "municipalities: the others are not counted."
            )
            % {"kind": label, "share": round(share * 100)}
        )
    return notes


def _fields(weight: str) -> list[str]:
    if weight in (Weight.AGE_65_PLUS, Weight.AGE_75_PLUS):
        return [weight]
    if weight == Weight.RESIDENTS:
        return []
    return ["vulnerability"]


def load_demand(
    *,
    region: Region,
    municipality: Municipality | None,
    weight: str,
    area_kind: str | None,
    cell: float = DEFAULT_CELL_M,
) -> DemandInput:
    """Demand points from the areas' figures, spread over a 100 m grid inside each area."""
    kind = area_kind or choose_area_kind(region, municipality, weight)
    if kind not in AreaKind.values:
        raise ValidationError({"area_kind": _("Unknown area kind “%(kind)s”.") % {"kind": kind}})
    areas = Area.objects.in_region(region).of_kind(kind).select_related("municipality")
    if municipality is not None:
        areas = areas.in_municipality(municipality)
    rows = list(areas)
    if not rows:
        raise ValidationError({"area_kind": _("There are no areas of this kind in the region.")})
    if not any(area.population for area in rows):
        raise ValidationError(
            {
                "area_kind": _(
                    "The areas of this layer have no residents: import population figures first."
                )
            }
        )
    inputs = []
    for area in rows:
        values: dict[str, float | None] = {"residents": area.population}
        if weight != Weight.RESIDENTS:
            values[weight] = _value(area, weight)
        inputs.append((area.code, _rd(area.geometry), values))
    try:
        demand = spread_areas(inputs, cell=cell)
    except DemandError as exc:
        raise ValidationError(
            {"area_kind": _("Areas without population: %(problem)s") % {"problem": exc}}
        ) from None
    missing = demand.missing.get(weight, ())
    if len(missing) == len(rows):
        raise ValidationError(
            {"weight": _("No area of this kind has figures for “%(weight)s”.") % {"weight": weight}}
        )
    if float(demand.weights[weight].sum()) <= 0:
        raise ValidationError({"area_kind": _("The areas have no population (every figure is 0).")})
    notes = _gap_notes(region, municipality, kind)
    if missing:
        notes.append(
            _("%(count)d areas have no figure and count as 0: %(codes)s")
            % {"count": len(missing), "codes": ", ".join(sorted(missing)[:20])}
        )
    names = dict(
        Municipality.objects.in_region(region).values_list("code", "name").order_by("code")
    )
    if municipality is not None:
        names = {municipality.code: municipality.name}
    return DemandInput(
        demand=demand,
        area_kind=kind,
        areas={
            a.code: AreaInfo(name=a.name or a.code, municipality=a.municipality.code) for a in rows
        },
        municipalities=names,
        notes=notes,
        complete=_complete(region, municipality, kind),
    )


def _rd(geometry: dict[str, Any]) -> Any:
    return geocrs.reproject(from_geojson(geometry), geocrs.WGS84, geocrs.RD_NEW)


def site_info(points: Sequence[SupportPoint]) -> list[SiteInfo]:
    """Points in RD New with what the figures show of them (municipality preloaded)."""
    if not points:
        return []
    x, y = geocrs.to_rd(np.array([p.lon for p in points]), np.array([p.lat for p in points]))
    return [
        SiteInfo(
            code=p.code,
            name=p.name,
            municipality=p.municipality.code,
            meets_norm=p.norm_result == NormResult.PASS,
            x=float(px),
            y=float(py),
        )
        for p, px, py in zip(points, x, y, strict=True)
    ]


def existing_points(
    region: Region, *, closed: Sequence[str] = (), added: Sequence[str] = ()
) -> list[SupportPoint]:
    """Designated and prepared points, minus the ones a what-if closes, plus candidates it adds."""
    closed_codes = {c.strip().upper() for c in closed if c.strip()}
    added_codes = {c.strip().upper() for c in added if c.strip()}
    base = SupportPoint.objects.in_region(region).select_related("municipality")
    points = list(base.active().order_by("code"))
    known = {p.code for p in points}
    unknown = sorted(closed_codes - known)
    if unknown:
        raise ValidationError(
            {
                "closed": _("Not a designated or prepared point: %(codes)s")
                % {"codes": ", ".join(unknown)}
            }
        )
    extra = list(base.candidates().filter(code__in=added_codes).order_by("code"))
    unknown = sorted(added_codes - {p.code for p in extra})
    if unknown:
        raise ValidationError(
            {"added": _("Not a candidate site: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    return [p for p in points if p.code not in closed_codes] + extra


def candidate_sites(region: Region, municipality: Municipality | None) -> list[SupportPoint]:
    points = SupportPoint.objects.in_region(region).candidates().select_related("municipality")
    if municipality is not None:
        points = points.in_municipality(municipality)
    return list(points.order_by("code"))


def check_threshold(threshold_m: float) -> float:
    value = float(threshold_m)
    if not np.isfinite(value) or value <= 0:
        raise ValidationError({"threshold_m": _("The distance must be more than 0 metres.")})
    return value


def load_graph(path: Path) -> Graph:
    """A walking network from a stored .npz, or built from an .osm.pbf / line layer file."""
    try:
        return read_network(path)
    except NetworkError as exc:
        raise ValidationError({"network": str(exc)}) from None


def cover_matrix(
    demand: Demand, sites: Sequence[SiteInfo], threshold_m: float, graph: Graph | None
) -> csr_matrix:
    """(demand x sites) pairs within the threshold, in metres, straight or walking."""
    xy = np.array([[s.x, s.y] for s in sites], dtype=float).reshape(-1, 2)
    if graph is None:
        return within_straight(demand.xy, xy, threshold_m)
    return graph.within(demand.xy, xy, threshold_m)
