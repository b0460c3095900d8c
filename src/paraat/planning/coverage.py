"""Coverage figures from demand points, sites and a coverage matrix. Plain module, no Django.

The coverage matrix is the (demand points x sites) sparse matrix of paraat.geo.distance /
paraat.geo.network: a stored entry means "within the threshold", its value the distance in metres.
Every figure is a sum of demand weights (residents, 65+, ...), so totals add up exactly:
covered + uncovered = total, per region, municipality and area.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from paraat.geo.demand import Demand

MAP_CELLS = 2_500
"""At most this many blocks of demand cells are stored per run for the map and the exports."""


@dataclass(frozen=True)
class SiteInfo:
    """A support point or candidate site as the figures show it."""

    code: str
    name: str
    municipality: str  # CBS code
    meets_norm: bool = False
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class AreaInfo:
    name: str
    municipality: str  # CBS code


def _binary(cover: csr_matrix) -> csr_matrix:
    """The sparsity structure as 1.0 entries (a pair at 0 m is a stored entry too)."""
    structure = csr_matrix(
        (np.ones(cover.nnz), cover.indices, cover.indptr), shape=cover.shape, copy=False
    )
    return structure


def _round(value: float) -> float:
    return round(float(value), 1)


def _share(part: float, whole: float) -> float | None:
    return round(float(part / whole), 4) if whole > 0 else None


def covered_count(cover: csr_matrix, columns: np.ndarray | None = None) -> np.ndarray:
    """How many of the given sites (default: all) reach each demand point."""
    matrix = cover if columns is None else cover[:, columns]
    return np.diff(csr_matrix(matrix).indptr)


def nearest_in_cover(cover: csr_matrix) -> np.ndarray:
    """Per demand point the column of the nearest site within reach, -1 when none."""
    coo = cover.tocoo()
    result = np.full(cover.shape[0], -1, dtype=np.int64)
    if coo.nnz == 0:
        return result
    order = np.lexsort((coo.data, coo.row))
    rows, cols = coo.row[order], coo.col[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    result[rows[first]] = cols[first]
    return result


def map_blocks(
    demand: Demand, weights: np.ndarray, covered: np.ndarray, cell: float
) -> dict[str, Any]:
    """Demand cells grouped into square blocks for the map: [x, y, total, covered] (RD centres).

    Blocks are whole multiples of the demand cell, large enough to keep at most about MAP_CELLS
    blocks, so a map of a whole region stays small.
    """
    n = len(demand)
    if n == 0:
        return {"size": cell, "rows": []}
    factor = max(1, math.ceil(math.sqrt(n / MAP_CELLS)))
    size = cell * factor
    bx = np.floor(demand.x / size).astype(np.int64)
    by = np.floor(demand.y / size).astype(np.int64)
    keys, inverse = np.unique(np.column_stack([bx, by]), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    total = np.bincount(inverse, weights=weights, minlength=len(keys))
    cov = np.bincount(inverse, weights=weights * covered, minlength=len(keys))
    rows = [
        [float((kx + 0.5) * size), float((ky + 0.5) * size), _round(t), _round(c)]
        for (kx, ky), t, c in zip(keys, total, cov, strict=True)
        if t > 0
    ]
    return {"size": size, "rows": rows}


def figures(
    demand: Demand,
    cover: csr_matrix,
    *,
    weight: str,
    sites: Sequence[SiteInfo],
    areas: Mapping[str, AreaInfo],
    municipalities: Mapping[str, str],
    capacity: int,
    cell: float = 100.0,
) -> dict[str, Any]:
    """All coverage figures of one run (see docs/planning.md for what each one means).

    ``sites`` are the columns of ``cover`` in order; ``areas`` maps the demand's area codes to a
    name and municipality; ``municipalities`` maps CBS codes to names.
    """
    if cover.shape != (len(demand), len(sites)):
        raise ValueError(
            f"coverage matrix is {cover.shape}, expected ({len(demand)}, {len(sites)})"
        )
    w = np.asarray(demand.weights[weight], dtype=float)
    cover = csr_matrix(cover)
    binary = _binary(cover)
    count = np.diff(binary.indptr)
    covered = count > 0
    norm_columns = np.flatnonzero([s.meets_norm for s in sites])
    covered_norm = (
        covered_count(binary, norm_columns) > 0 if len(norm_columns) else np.zeros_like(covered)
    )
    total = float(w.sum())

    points = _point_rows(cover, binary, w, count, covered, sites, capacity)
    area_rows, municipality_rows = _area_rows(
        demand, w, covered, covered_norm, areas, municipalities
    )
    gaps = sorted(area_rows, key=lambda row: (-row["uncovered"], row["code"]))
    largest_gap = gaps[0] if gaps and gaps[0]["uncovered"] > 0 else None
    covered_weight = float(w[covered].sum())
    norm_weight = float(w[covered_norm].sum())
    return {
        "weight": weight,
        "demand_points": len(demand),
        "sites": len(sites),
        "total": _round(total),
        "covered": _round(covered_weight),
        "uncovered": _round(total - covered_weight),
        "share": _share(covered_weight, total),
        "covered_2plus": _round(w[count >= 2].sum()),
        "covered_norm": _round(norm_weight),
        "share_norm": _share(norm_weight, total),
        "points_over_capacity": sum(1 for p in points if p["over_capacity"]),
        "largest_gap": largest_gap,
        "municipalities": municipality_rows,
        "areas": sorted(area_rows, key=lambda row: (row["municipality"], row["code"])),
        "points": points,
        "cells": map_blocks(demand, w, covered, cell),
    }


def _point_rows(
    cover: csr_matrix,
    binary: csr_matrix,
    w: np.ndarray,
    count: np.ndarray,
    covered: np.ndarray,
    sites: Sequence[SiteInfo],
    capacity: int,
) -> list[dict[str, Any]]:
    """Per point: residents within reach, residents it serves as the nearest, critical ones (no
    other point reaches them)."""
    within = binary.T @ w
    nearest = nearest_in_cover(cover)
    assigned = np.bincount(nearest[covered], weights=w[covered], minlength=len(sites))
    single = count == 1
    only_column = binary.indices[binary.indptr[:-1][single]]
    critical = np.bincount(only_column, weights=w[single], minlength=len(sites))
    return [
        {
            "code": s.code,
            "name": s.name,
            "municipality": s.municipality,
            "meets_norm": s.meets_norm,
            "within": _round(within[j]),
            "assigned": _round(assigned[j]),
            "capacity": capacity,
            "over_capacity": bool(assigned[j] > capacity),
            "critical": _round(critical[j]),
        }
        for j, s in enumerate(sites)
    ]


def _area_rows(
    demand: Demand,
    w: np.ndarray,
    covered: np.ndarray,
    covered_norm: np.ndarray,
    areas: Mapping[str, AreaInfo],
    municipalities: Mapping[str, str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per area and per municipality (by name, only those with residents): total, covered,
    uncovered, share, covered by points that meet the norm."""
    codes, inverse = np.unique(demand.area.astype(str), return_inverse=True)
    inverse = inverse.ravel()
    area_total = np.bincount(inverse, weights=w, minlength=len(codes))
    area_cov = np.bincount(inverse, weights=w * covered, minlength=len(codes))
    area_norm = np.bincount(inverse, weights=w * covered_norm, minlength=len(codes))
    area_rows: list[dict[str, Any]] = []
    by_municipality: dict[str, list[float]] = {code: [0.0, 0.0, 0.0] for code in municipalities}
    for code, t, c, cn in zip(codes, area_total, area_cov, area_norm, strict=True):
        info = areas.get(str(code), AreaInfo(name=str(code), municipality=""))
        area_rows.append(
            {
                "code": str(code),
                "name": info.name,
                "municipality": info.municipality,
                **_totals(t, c, cn),
            }
        )
        sums = by_municipality.setdefault(info.municipality, [0.0, 0.0, 0.0])
        sums[0] += t
        sums[1] += c
        sums[2] += cn
    municipality_rows = [
        {"code": code, "name": municipalities.get(code, code), **_totals(t, c, cn)}
        for code, (t, c, cn) in sorted(
            by_municipality.items(), key=lambda item: municipalities.get(item[0], item[0])
        )
        if t > 0
    ]
    return area_rows, municipality_rows


def _totals(total: float, covered: float, covered_norm: float) -> dict[str, Any]:
    return {
        "total": _round(total),
        "covered": _round(covered),
        "uncovered": _round(total - covered),
        "share": _share(covered, total),
        "covered_norm": _round(covered_norm),
    }


def marginal_gains(
    cover: csr_matrix, weights: np.ndarray, *, fixed: Sequence[int], added: Sequence[int]
) -> list[float]:
    """Weight each added column brings that the fixed ones and the earlier added ones do not."""
    binary = _binary(csr_matrix(cover)).tocsc()
    reached = np.zeros(cover.shape[0], dtype=bool)
    for j in fixed:
        reached[binary.indices[binary.indptr[j] : binary.indptr[j + 1]]] = True
    gains = []
    for j in added:
        rows = binary.indices[binary.indptr[j] : binary.indptr[j + 1]]
        new = rows[~reached[rows]]
        gains.append(_round(weights[new].sum()))
        reached[new] = True
    return gains


def distance_summary(distances: np.ndarray, weights: np.ndarray) -> dict[str, float | None]:
    """Weighted average and longest distance to the nearest site (inf: beyond reach)."""
    reachable = np.isfinite(distances)
    total = float(weights.sum())
    if total <= 0 or not reachable.any():
        return {"average_m": None, "longest_m": None, "unreachable": _round(total)}
    w = weights[reachable]
    return {
        "average_m": _round((distances[reachable] * w).sum() / w.sum()) if w.sum() > 0 else None,
        "longest_m": _round(distances[reachable][w > 0].max()) if (w > 0).any() else None,
        "unreachable": _round(weights[~reachable].sum()),
    }


def coarsen(demand: Demand, size: float) -> Demand:
    """Demand points merged per square block of ``size`` metres and area, at the weighted centre.

    Totals per area stay exact; distances move by at most about half a block. Used where a model
    needs a dense matrix (p-median, p-center) and the full demand would not fit.
    """
    if len(demand) == 0:
        return demand
    bx = np.floor(demand.x / size).astype(np.int64)
    by = np.floor(demand.y / size).astype(np.int64)
    _codes, area_index = np.unique(demand.area.astype(str), return_inverse=True)
    keys = np.column_stack([bx, by, area_index.ravel()])
    _unique, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    groups = len(first)
    base = np.asarray(demand.weights["residents"], dtype=float)
    mass = np.bincount(inverse, weights=base, minlength=groups)
    count = np.bincount(inverse, minlength=groups).astype(float)
    # Weighted centre by residents; a block with no residents uses the plain mean.
    use = np.where(mass > 0, mass, count)
    factor = np.where(mass[inverse] > 0, base, 1.0)
    x = np.bincount(inverse, weights=demand.x * factor, minlength=groups) / use
    y = np.bincount(inverse, weights=demand.y * factor, minlength=groups) / use
    weights = {
        key: np.bincount(inverse, weights=np.asarray(values, dtype=float), minlength=groups)
        for key, values in demand.weights.items()
    }
    return Demand(x=x, y=y, weights=weights, area=demand.area[first])


def greedy_order(
    cover: csr_matrix, weights: np.ndarray, *, fixed: Sequence[int], chosen: Sequence[int]
) -> tuple[list[int], list[float]]:
    """The chosen columns, most useful first: each next one adds the most on top of the fixed
    columns and the ones before it. Returns the order and what each adds."""
    binary = _binary(csr_matrix(cover)).tocsc()
    reached = np.zeros(cover.shape[0], dtype=bool)
    for j in fixed:
        reached[binary.indices[binary.indptr[j] : binary.indptr[j + 1]]] = True
    left = list(dict.fromkeys(int(j) for j in chosen))
    order: list[int] = []
    gains: list[float] = []
    while left:
        best, best_gain = left[0], -1.0
        for j in left:
            rows = binary.indices[binary.indptr[j] : binary.indptr[j + 1]]
            gain = float(weights[rows[~reached[rows]]].sum())
            if gain > best_gain + 1e-9:
                best, best_gain = j, gain
        rows = binary.indices[binary.indptr[best] : binary.indptr[best + 1]]
        reached[rows] = True
        left.remove(best)
        order.append(best)
        gains.append(_round(best_gain))
    return order, gains
