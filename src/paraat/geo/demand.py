"""Weighted demand points: where the residents are, as points with weights.

Plain module without Django. Coordinates are RD New metres (EPSG:28992).

Two sources:

* :func:`spread_areas` spreads the figures of area polygons (wijk, buurt, postcode) evenly over
  the centres of a regular grid (100 m by default, aligned to multiples of the cell size like the
  CBS 100 m grid) that fall inside each polygon, optionally only where a mask geometry (built-up
  area, buffered address points) says people live. Every polygon keeps its totals exactly: its
  values are divided by the number of its points. A polygon too small to hold a cell centre gets
  one point at its representative point. When a mask leaves a polygon without any cell, the
  polygon's unmasked cells are used (the population has to be somewhere), and that fallback is
  listed in :attr:`Demand.unmasked`.
* :func:`from_points` takes points that already carry their figures: CBS 100 m grid cells
  (their centres) or address points with residents. :func:`aggregate` merges address points
  per area and 100 m cell, so millions of addresses become far fewer points.

The error that spreading introduces
-----------------------------------
Spreading assumes residents live uniformly over the whole polygon, including fields, woods and
water. In a rural postcode with one village that is badly wrong: residents are moved out of the
village into the fields. Coverage then comes out *too low* for a point in the village (part of
its residents are placed more than 1 km away) and *too high* for a point in the countryside.
The error is at most the population of the polygons that a coverage circle cuts through, and it
grows with polygon size: it vanishes when every polygon lies fully inside or fully outside every
circle.

Worked example, by hand: a postcode area of 3 x 3 km with 2,000 residents who all live in a
village of 1 km² in its centre, with a support point in the middle of the village. Truly all
2,000 live within 1,000 m. Spread evenly over the 900 cells, only the cells inside the 1 km
circle count: 702 residents (35%). With the village as ``mask`` all 2,000 are covered.

With the demo data (Brabant-Noord, 344 polling places, 1,000 m straight line; printed by
``benchmarks/planning/bench_coverage.py``): spread over the 156 postcode areas, 58.0% of the
residents are covered; spread over the 113 wijken, 57.5%. Both understate coverage for the same
reason: villages and town cores are smeared over the farmland around them. Postcode 5151
(Drunen, 24.4 km², 12,760 residents) has only 28% of its residents within 1 km when spread
evenly; postcode 5491 (Sint-Oedenrode, 45.5 km²) 20%, although in reality most of their
residents live in the built-up cores, where the polling places are.

How to remove it: use a finer layer (CBS 100 m grid or address points with residents via
:func:`from_points`: then the error is at most half a cell, 50-70 m, on each distance), or pass a
``mask`` of the built-up area or of buffered address points to :func:`spread_areas`, so
residents are only placed where people actually live.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from paraat.geo.text import MessageError, gettext_noop

RESIDENTS = "residents"
STANDARD_WEIGHTS = ("residents", "age_65_plus", "age_75_plus")


class DemandError(MessageError):
    """Input that cannot become demand points: the message names the area and the figure."""


class AreaInput(NamedTuple):
    """One area polygon in RD New metres with its figures, e.g. {"residents": 12760.0}."""

    code: str
    geometry: BaseGeometry
    values: Mapping[str, float | None]


@dataclass(frozen=True)
class Demand:
    """Demand points with one weight array per figure ("residents" always)."""

    x: np.ndarray
    y: np.ndarray
    weights: dict[str, np.ndarray]
    area: np.ndarray
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per figure, the areas that had no value for it (counted as 0 in that weight)."""
    unmasked: tuple[str, ...] = ()
    """Areas the mask left without any cell, spread over all their cells instead."""

    def __len__(self) -> int:
        return len(self.x)

    @property
    def xy(self) -> np.ndarray:
        """The points as an (n, 2) array, the form paraat.geo.distance takes."""
        return np.column_stack([self.x, self.y])

    def totals(self) -> dict[str, float]:
        return {key: float(values.sum()) for key, values in self.weights.items()}


def _value(area: AreaInput, key: str) -> float | None:
    raw = area.values.get(key)
    if raw is None:
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise DemandError(
            gettext_noop("area %(code)s: '%(key)s' is not a number (%(value)r)"),
            {"code": area.code, "key": key, "value": raw},
        ) from None
    if np.isnan(value):
        return None
    if not np.isfinite(value) or value < 0:
        raise DemandError(
            gettext_noop("area %(code)s: '%(key)s' must be 0 or more, not %(value)r"),
            {"code": area.code, "key": key, "value": raw},
        )
    return value


def grid_centres(
    geometry: BaseGeometry, cell: float, mask: BaseGeometry | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Centres of the grid cells (aligned to multiples of ``cell``) inside the geometry (and mask)."""
    if geometry.is_empty:
        return np.empty(0), np.empty(0)
    minx, miny, maxx, maxy = geometry.bounds
    xs = (np.arange(np.floor(minx / cell), np.ceil(maxx / cell)) + 0.5) * cell
    ys = (np.arange(np.floor(miny / cell), np.ceil(maxy / cell)) + 0.5) * cell
    if len(xs) == 0 or len(ys) == 0:
        return np.empty(0), np.empty(0)
    mesh_x, mesh_y = np.meshgrid(xs, ys)
    gx, gy = mesh_x.ravel(), mesh_y.ravel()
    shapely.prepare(geometry)
    inside = shapely.contains_xy(geometry, gx, gy)
    if mask is not None:
        inside[inside] = shapely.contains_xy(mask, gx[inside], gy[inside])
    return gx[inside], gy[inside]


def spread_areas(
    areas: Sequence[AreaInput | tuple[str, BaseGeometry, Mapping[str, float | None]]],
    *,
    cell: float = 100.0,
    mask: BaseGeometry | None = None,
) -> Demand:
    """Spread each polygon's figures evenly over the grid cell centres inside it (see module doc).

    Raises DemandError for no areas, no residents at all, or a negative / non-numeric figure.
    """
    if not np.isfinite(cell) or cell <= 0:
        raise DemandError(
            gettext_noop("the cell size must be more than 0 metres, not %(value)r"), {"value": cell}
        )
    items = [AreaInput(*a) for a in areas]
    if not items:
        raise DemandError(gettext_noop("there are no areas to spread the residents over"))
    keys: list[str] = [RESIDENTS]
    for item in items:
        for key in item.values:
            if key not in keys:
                keys.append(key)
    if mask is not None:
        shapely.prepare(mask)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    weights: dict[str, list[np.ndarray]] = {key: [] for key in keys}
    missing: dict[str, list[str]] = {key: [] for key in keys}
    unmasked: list[str] = []
    for item in items:
        geometry = item.geometry
        if geometry is None or geometry.is_empty:
            raise DemandError(
                gettext_noop("area %(code)s: the area has no geometry"), {"code": item.code}
            )
        values = {key: _value(item, key) for key in keys}
        gx, gy = grid_centres(geometry, cell, mask)
        if len(gx) == 0 and mask is not None:
            gx, gy = grid_centres(geometry, cell)
            if len(gx):
                unmasked.append(item.code)
        if len(gx) == 0:
            point = geometry.representative_point()
            gx, gy = np.array([point.x]), np.array([point.y])
        count = len(gx)
        xs.append(gx)
        ys.append(gy)
        codes.append(np.full(count, item.code, dtype=object))
        for key in keys:
            value = values[key]
            if value is None:
                missing[key].append(item.code)
                value = 0.0
            weights[key].append(np.full(count, value / count))
    if len(missing[RESIDENTS]) == len(items):
        raise DemandError(gettext_noop("no area has a number of residents"))
    residents = np.concatenate(weights[RESIDENTS])
    if not residents.any():
        raise DemandError(gettext_noop("the areas have 0 residents together"))
    return Demand(
        x=np.concatenate(xs),
        y=np.concatenate(ys),
        weights={
            key: residents if key == RESIDENTS else np.concatenate(parts)
            for key, parts in weights.items()
        },
        area=np.concatenate(codes),
        missing={key: tuple(codes_) for key, codes_ in missing.items() if codes_},
        unmasked=tuple(unmasked),
    )


def from_points(
    x: ArrayLike,
    y: ArrayLike,
    weights: Mapping[str, ArrayLike],
    area: ArrayLike | None = None,
) -> Demand:
    """Demand from points that carry their own figures (CBS 100 m grid centres, address points).

    Raises DemandError for arrays of different lengths, missing residents, non-finite coordinates
    or negative weights, naming the first bad point.
    """
    px = np.asarray(x, dtype=float).ravel()
    py = np.asarray(y, dtype=float).ravel()
    n = len(px)
    if len(py) != n:
        raise DemandError(
            gettext_noop("x has %(x)s values but y has %(y)s"), {"x": n, "y": len(py)}
        )
    if RESIDENTS not in weights:
        raise DemandError(gettext_noop("the points have no weight 'residents'"))
    bad = np.flatnonzero(~(np.isfinite(px) & np.isfinite(py)))
    if len(bad):
        raise DemandError(
            gettext_noop("point %(index)s has no valid coordinates"), {"index": int(bad[0])}
        )
    arrays: dict[str, np.ndarray] = {}
    for key, values in weights.items():
        array = np.asarray(values, dtype=float).ravel()
        if len(array) != n:
            raise DemandError(
                gettext_noop("weight '%(key)s' has %(values)s values for %(points)s points"),
                {"key": key, "values": len(array), "points": n},
            )
        bad = np.flatnonzero(~np.isfinite(array) | (array < 0))
        if len(bad):
            raise DemandError(
                gettext_noop("point %(index)s: weight '%(key)s' must be 0 or more, not %(value)r"),
                {"index": int(bad[0]), "key": key, "value": array[bad[0]]},
            )
        arrays[key] = array
    codes = np.full(n, "", dtype=object) if area is None else np.asarray(area, dtype=object)
    if len(codes) != n:
        raise DemandError(
            gettext_noop("area has %(values)s values for %(points)s points"),
            {"values": len(codes), "points": n},
        )
    return Demand(x=px, y=py, weights=arrays, area=codes)


def aggregate(demand: Demand, *, cell: float = 100.0) -> Demand:
    """Merge the points of each area that fall in the same grid cell into one point.

    For address points (millions nationally): coverage computed over cells of 100 m is as good
    as the cell size, with far fewer points. Weights are summed; the point goes to the
    residents-weighted mean position of its members (their plain mean when they have no
    residents), so it stays inside the built-up part of the cell. Areas are never mixed: a cell
    on an area boundary gives one point per area.
    """
    if not np.isfinite(cell) or cell <= 0:
        raise DemandError(
            gettext_noop("the cell size must be more than 0 metres, not %(value)r"), {"value": cell}
        )
    if len(demand) == 0:
        return demand
    area_codes, area_index = np.unique(demand.area.astype(str), return_inverse=True)
    column = np.floor(demand.x / cell).astype(np.int64)
    row = np.floor(demand.y / cell).astype(np.int64)
    keys = np.column_stack([area_index.ravel(), column, row])
    _unique, group = np.unique(keys, axis=0, return_inverse=True)
    group = group.ravel()
    count = np.bincount(group)
    residents = demand.weights[RESIDENTS]
    mass = np.bincount(group, weights=residents)
    has_mass = mass[group] > 0
    share = np.where(has_mass, residents / np.where(has_mass, mass[group], 1.0), 1.0 / count[group])
    first = np.zeros(len(count), dtype=np.int64)
    first[group[::-1]] = np.arange(len(group))[::-1]
    return Demand(
        x=np.bincount(group, weights=demand.x * share),
        y=np.bincount(group, weights=demand.y * share),
        weights={key: np.bincount(group, weights=w) for key, w in demand.weights.items()},
        area=np.asarray(area_codes, dtype=object)[area_index.ravel()[first]],
        missing=demand.missing,
        unmasked=demand.unmasked,
    )
