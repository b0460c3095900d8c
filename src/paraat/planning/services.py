"""Planning runs and walking networks: every change the planning app makes goes through here.

Each run computes everything first and stores one row at the end, in one transaction: a bad
threshold, an empty network file or areas without population leave nothing behind.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from scipy.sparse import issparse
from scipy.spatial.distance import cdist

from paraat.areas.models import Municipality, Region
from paraat.core.jobs import ProgressFn
from paraat.geo.network import NetworkError, read_network
from paraat.geo.network import WalkingNetwork as Graph
from paraat.planning import coverage, explain, inputs, privacy
from paraat.planning.constants import (
    DEFAULT_CAPACITY,
    DEFAULT_CELL_M,
    DEFAULT_THRESHOLD_M,
    DEFAULT_TIME_LIMIT,
    VULNERABILITY_WEIGHTS,
    DistanceKind,
    OptimisationModel,
    Weight,
)
from paraat.planning.models import CoverageRun, OptimisationRun, WalkingNetwork

RunT = TypeVar("RunT", CoverageRun, OptimisationRun)

# p-median / p-center look at distances up to this many times the threshold (at least 5 km):
# a resident further from every site than that is counted as out of reach.
DISTANCE_REACH_FACTOR = 5.0
# p-median / p-center work on a dense (demand x sites) matrix: demand is merged into larger blocks
# until it has at most this many cells (about 80 MB).
DENSE_CELLS = 10_000_000
# The steps an optimisation reports to a progress bar or the job page.
OPTIMISE_STEPS = 6

# The form field an optimiser error belongs to (by OptimisationError.code); others go to "model".
ERROR_FIELDS = {
    "too_many_sites": "k",
    "bad_count": "k",
    "bad_target": "target",
    "target_unreachable": "target",
    "bad_time_limit": "time_limit",
}


def _check_weight(weight: str) -> str:
    if weight not in Weight.values:
        raise ValidationError({"weight": _("Unknown weight “%(weight)s”.") % {"weight": weight}})
    return weight


def _graph(network: WalkingNetwork | None, network_file: Path | None) -> Graph | None:
    if network_file is not None:
        return inputs.load_graph(Path(network_file))
    if network is not None:
        return inputs.load_graph(network.full_path)
    return None


def _coverage_figures(
    *,
    region: Region,
    municipality: Municipality | None,
    threshold_m: float,
    weight: str,
    area_kind: str | None,
    graph: Graph | None,
    closed: Sequence[str],
    added: Sequence[str],
    capacity: int,
) -> tuple[dict[str, Any], str]:
    demand = inputs.load_demand(
        region=region, municipality=municipality, weight=weight, area_kind=area_kind
    )
    points = inputs.existing_points(region, closed=closed, added=added)
    sites = inputs.site_info(points)
    cover = inputs.cover_matrix(demand.demand, sites, threshold_m, graph)
    result = coverage.figures(
        demand.demand,
        cover,
        weight=weight,
        sites=sites,
        areas=demand.areas,
        municipalities=demand.municipalities,
        capacity=capacity,
        cell=DEFAULT_CELL_M,
    )
    result["notes"] = demand.notes
    result["area_kind"] = demand.area_kind
    result["layer_complete"] = demand.complete
    if municipality is not None:
        # Points elsewhere in the region count when they reach residents here; others are noise.
        result["points"] = [
            p for p in result["points"] if p["municipality"] == municipality.code or p["within"] > 0
        ]
    return result, demand.area_kind


def _private(figures: dict[str, Any], weight: str, region: Region) -> dict[str, Any]:
    """Figures of a run weighted by a vulnerability aggregate lose their small counts before they
    are stored, so no page, export, API call or command can show them. The region may have raised
    the threshold (its settings page); never below the national one."""
    if weight not in VULNERABILITY_WEIGHTS:
        return figures
    result: dict[str, Any] = privacy.suppress_figures(figures, region.small_count_limit)
    return result


def run_coverage(
    *,
    region: Region,
    user: Any = None,
    municipality: Municipality | None = None,
    threshold_m: float = DEFAULT_THRESHOLD_M,
    weight: str = Weight.RESIDENTS,
    area_kind: str | None = None,
    network: WalkingNetwork | None = None,
    network_file: Path | None = None,
    closed: Sequence[str] = (),
    added: Sequence[str] = (),
    capacity: int = DEFAULT_CAPACITY,
    save: bool = True,
) -> CoverageRun:
    """Who lives within reach of a designated or prepared point today, stored as a dated run so
    progress stays visible. ``closed`` / ``added`` make it a what-if without changing any point.
    ``save=False`` computes the same run and returns it unsaved (no id): nothing is stored."""
    started = time.perf_counter()
    threshold_m = inputs.check_threshold(threshold_m)
    _check_weight(weight)
    if capacity <= 0:
        raise ValidationError({"capacity": _("The capacity must be more than 0 residents.")})
    graph = _graph(network, network_file)
    figures, kind = _coverage_figures(
        region=region,
        municipality=municipality,
        threshold_m=threshold_m,
        weight=weight,
        area_kind=area_kind,
        graph=graph,
        closed=closed,
        added=added,
        capacity=capacity,
    )
    figures["network_file"] = Path(network_file).name if network_file else None
    figures = _private(figures, weight, region)
    return _saved(
        CoverageRun(
            region=region,
            municipality=municipality,
            threshold_m=threshold_m,
            distance_kind=DistanceKind.WALKING if graph is not None else DistanceKind.STRAIGHT,
            network=network if network_file is None else None,
            weight=weight,
            area_kind=kind,
            capacity=capacity,
            closed=sorted({c.strip().upper() for c in closed if c.strip()}),
            added=sorted({c.strip().upper() for c in added if c.strip()}),
            figures=figures,
            summary={key: figures[key] for key in ("total", "covered", "share")},
            seconds=round(time.perf_counter() - started, 3),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        ),
        save=save,
    )


def _saved(run: RunT, *, save: bool) -> RunT:
    """The run stored, or (``save=False``) dated as if it were and left unsaved."""
    if not save:
        run.created_at = timezone.now()
        return run
    with transaction.atomic():
        run.save()
    return run


def _solve(
    model: str,
    *,
    demand: inputs.DemandInput,
    weight: str,
    weights: np.ndarray,
    sites: list[coverage.SiteInfo],
    fixed: np.ndarray,
    candidates: np.ndarray,
    cover: Any,
    graph: Graph | None,
    threshold_m: float,
    k: int | None,
    target: float | None,
    capacity: int | None,
    time_limit: float,
) -> tuple[Any, Any]:
    """The optimiser's solution, and for p-median / p-center the distances and weights it used
    (demand merged into larger blocks when the full demand would not fit a dense matrix)."""
    from paraat.planning import optimise

    capacities = None if capacity is None else np.full(len(sites), float(capacity))
    if model == OptimisationModel.MCLP:
        return optimise.maximal_covering(
            cover,
            weights,
            k=k if k is not None else 0,
            fixed=fixed.tolist(),
            candidates=candidates.tolist(),
            capacity=capacities,
            time_limit=time_limit,
        ), None
    if model == OptimisationModel.LSCP:
        return optimise.set_covering(
            cover,
            weights,
            target=target if target is not None else 1.0,
            fixed=fixed.tolist(),
            candidates=candidates.tolist(),
            capacity=capacities,
            time_limit=time_limit,
        ), None
    points = demand.demand
    size = DEFAULT_CELL_M
    while len(points) * len(sites) > DENSE_CELLS:
        size *= 2
        points = coverage.coarsen(demand.demand, size)
    point_weights = np.asarray(points.weights[weight], dtype=float).copy()
    xy = np.array([[s.x, s.y] for s in sites], dtype=float).reshape(-1, 2)
    if graph is None:
        distance: Any = cdist(points.xy, xy)
    else:
        # Walking: only pairs within reach are searched; residents beyond reach of every site
        # are left out of the question (their weight set to 0) and named in a note.
        reach = max(threshold_m * DISTANCE_REACH_FACTOR, 5_000.0)
        distance = graph.within(points.xy, xy, reach)
        point_weights[np.diff(distance.indptr) == 0] = 0.0
    solver = optimise.p_median if model == OptimisationModel.PMEDIAN else optimise.p_center
    solution = solver(
        distance,
        point_weights,
        p=k if k is not None else 0,
        fixed=fixed.tolist(),
        candidates=candidates.tolist(),
        time_limit=time_limit,
    )
    return solution, (distance, point_weights)


def run_optimisation(
    *,
    region: Region,
    model: str,
    user: Any = None,
    municipality: Municipality | None = None,
    k: int | None = None,
    target: float | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    threshold_m: float = DEFAULT_THRESHOLD_M,
    weight: str = Weight.RESIDENTS,
    area_kind: str | None = None,
    network: WalkingNetwork | None = None,
    network_file: Path | None = None,
    capacity: int | None = None,
    progress: ProgressFn | None = None,
    save: bool = True,
) -> OptimisationRun:
    """Propose new sites among the candidates (existing points stay) and store the proposal with
    what each site adds, the gap to the proven best and the time used. ``capacity`` (residents per
    site) is only applied when given; ``progress`` hears each of the OPTIMISE_STEPS steps."""
    from paraat.planning.optimise import OptimisationError

    def step(done: int, message: str) -> None:
        if progress is not None:
            progress(done, OPTIMISE_STEPS, message)

    started = time.perf_counter()
    threshold_m, target = _checked_request(model, k, target, time_limit, threshold_m, weight)
    step(0, _("Reading the walking network") if (network or network_file) else _("Reading demand"))
    graph = _graph(network, network_file)
    step(1, _("Reading demand"))
    demand = inputs.load_demand(
        region=region, municipality=municipality, weight=weight, area_kind=area_kind
    )
    step(2, _("Finding which sites reach which residents"))
    existing, candidate_points = _sites(region, municipality, model, k)
    sites = existing + candidate_points
    fixed = np.arange(len(existing))
    candidates = np.arange(len(existing), len(sites))
    weights = np.asarray(demand.demand.weights[weight], dtype=float)
    cover = inputs.cover_matrix(demand.demand, sites, threshold_m, graph)
    step(3, _("Searching the best sites"))
    try:
        solution, distance = _solve(
            model,
            demand=demand,
            weight=weight,
            weights=weights,
            sites=sites,
            fixed=fixed,
            candidates=candidates,
            cover=cover,
            graph=graph,
            threshold_m=threshold_m,
            k=k,
            target=target,
            capacity=capacity,
            time_limit=time_limit,
        )
    except OptimisationError as exc:
        field = ERROR_FIELDS.get(exc.code, "model")
        raise ValidationError({field: explain.optimisation_error(exc)}) from None
    step(4, _("Working out what each site adds"))
    figures = proposal_figures(
        demand=demand,
        weight=weight,
        sites=sites,
        fixed=fixed,
        cover=cover,
        solution=solution,
        distance=distance,
        capacity=capacity or DEFAULT_CAPACITY,
    )
    figures = _private(figures, weight, region)
    step(5, _("Saving the proposal"))
    return _store_run(
        region=region, municipality=municipality, model=model, k=k, target=target,
        time_limit=time_limit, threshold_m=threshold_m, graph=graph,
        network=network if network_file is None else None, weight=weight,
        area_kind=demand.area_kind, capacity=capacity or DEFAULT_CAPACITY, figures=figures,
        seconds=round(time.perf_counter() - started, 3), user=user, save=save,
    )  # fmt: skip


def _checked_request(
    model: str,
    k: int | None,
    target: float | None,
    time_limit: float,
    threshold_m: float,
    weight: str,
) -> tuple[float, float | None]:
    """Refuse a request that cannot be run; returns the threshold and the target share (all
    residents when set covering is asked without one)."""
    if model not in OptimisationModel.values:
        raise ValidationError({"model": _("Unknown model “%(model)s”.") % {"model": model}})
    threshold_m = inputs.check_threshold(threshold_m)
    _check_weight(weight)
    if model == OptimisationModel.LSCP:
        if target is None:
            target = 1.0
        if not 0 < target <= 1:
            raise ValidationError(
                {"target": _("The target share must be above 0% and at most 100%.")}
            )
    elif k is None or k < 1:
        raise ValidationError({"k": _("Choose at least 1 new site.")})
    if not np.isfinite(time_limit) or time_limit <= 0:
        raise ValidationError({"time_limit": _("The time limit must be more than 0 seconds.")})
    return threshold_m, target


def _sites(
    region: Region, municipality: Municipality | None, model: str, k: int | None
) -> tuple[list[Any], list[Any]]:
    """The existing points (kept) and the candidate sites, refused when there are too few."""
    existing = inputs.site_info(inputs.existing_points(region))
    candidate_points = inputs.site_info(inputs.candidate_sites(region, municipality))
    if not candidate_points:
        raise ValidationError({"k": _("There are no candidate sites to choose from.")})
    if k is not None and model != OptimisationModel.LSCP and k > len(candidate_points):
        raise ValidationError(
            {
                "k": _(
                    "You asked for %(count)s new sites, but there are only %(candidates)s candidate sites."
                )
                % {"count": k, "candidates": len(candidate_points)}
            }
        )
    return existing, candidate_points


def _store_run(
    *,
    region: Region,
    municipality: Municipality | None,
    model: str,
    k: int | None,
    target: float | None,
    time_limit: float,
    threshold_m: float,
    graph: Any,
    network: WalkingNetwork | None,
    weight: str,
    area_kind: str,
    capacity: int,
    figures: dict[str, Any],
    seconds: float,
    user: Any,
    save: bool = True,
) -> OptimisationRun:
    adds = [site["adds"] for site in figures["selected"]]
    summary = {
        "sites": len(figures["selected"]),
        "added": None if None in adds else float(sum(adds)),
        "share": figures["after"]["share"],
    }
    return _saved(
        OptimisationRun(
            region=region,
            municipality=municipality,
            model=model,
            k=k if model != OptimisationModel.LSCP else None,
            target=target if model == OptimisationModel.LSCP else None,
            time_limit=time_limit,
            threshold_m=threshold_m,
            distance_kind=DistanceKind.WALKING if graph is not None else DistanceKind.STRAIGHT,
            network=network,
            weight=weight,
            area_kind=area_kind,
            capacity=capacity,
            figures=figures,
            summary=_private(summary, weight, region),
            seconds=seconds,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        ),
        save=save,
    )


def _nearest(distance: Any, columns: np.ndarray) -> np.ndarray:
    """Per demand point the shortest distance to one of the columns (inf: none in reach)."""
    if not issparse(distance):
        if len(columns) == 0:
            return np.full(distance.shape[0], np.inf)
        return np.asarray(distance[:, columns].min(axis=1), dtype=float)
    part = distance[:, columns].tocsr()
    result = np.full(part.shape[0], np.inf)
    has = np.diff(part.indptr) > 0
    if part.nnz:
        result[has] = np.minimum.reduceat(part.data, part.indptr[:-1][has])
    return result


def proposal_figures(
    *,
    demand: inputs.DemandInput,
    weight: str,
    sites: list[coverage.SiteInfo],
    fixed: np.ndarray,
    cover: Any,
    solution: Any,
    distance: Any,
    capacity: int,
) -> dict[str, Any]:
    """The proposal as shown: chosen sites with what each adds, coverage before and after."""
    weights = np.asarray(demand.demand.weights[weight], dtype=float)
    selected, gains = coverage.greedy_order(
        cover, weights, fixed=list(fixed), chosen=[int(j) for j in solution.selected]
    )

    def cover_of(columns: list[int]) -> dict[str, Any]:
        part = cover[:, columns] if columns else cover[:, :0]
        result = coverage.figures(
            demand.demand,
            part,
            weight=weight,
            sites=[sites[j] for j in columns],
            areas=demand.areas,
            municipalities=demand.municipalities,
            capacity=capacity,
        )
        keep = ("total", "covered", "uncovered", "share", "covered_2plus", "largest_gap")
        return {key: result[key] for key in keep} | {
            "municipalities": result["municipalities"],
            "areas": result["areas"],
        }

    figures: dict[str, Any] = {
        "model": solution.model,
        "weight": weight,
        "selected": [
            {
                "code": sites[j].code,
                "name": sites[j].name,
                "municipality": sites[j].municipality,
                "x": sites[j].x,
                "y": sites[j].y,
                "adds": gain,
            }
            for j, gain in zip(selected, gains, strict=True)
        ],
        "objective": float(solution.objective),
        "bound": None if not np.isfinite(solution.bound) else float(solution.bound),
        "gap": float(solution.gap),
        "optimal": bool(solution.optimal),
        "solver_seconds": round(float(solution.seconds), 3),
        "method": solution.method,
        "status": solution.status,
        "candidates": len(sites) - len(fixed),
        "existing": len(fixed),
        "before": cover_of(list(fixed)),
        "after": cover_of(list(fixed) + selected),
        "notes": demand.notes,
        "area_kind": demand.area_kind,
        "layer_complete": demand.complete,
    }
    if distance is not None:
        matrix, block_weights = distance
        before = np.asarray(fixed, dtype=np.int64)
        after = np.asarray(list(fixed) + selected, dtype=np.int64)
        figures["distance_before"] = coverage.distance_summary(
            _nearest(matrix, before), block_weights
        )
        figures["distance_after"] = coverage.distance_summary(
            _nearest(matrix, after), block_weights
        )
    return figures


def import_network(
    *, region: Region, path: Path, name: str = "", user: Any = None, layer: str | None = None
) -> WalkingNetwork:
    """Build a walking network from an .osm.pbf file or a line layer and register it for the
    region. The built network is stored under the data directory; nothing is kept on failure."""
    path = Path(path)
    if path.suffix == ".npz":  # a stored network is not a source to import
        raise ValidationError(
            {"file": _("%(file)s: give an .osm.pbf file or a line layer.") % {"file": path.name}}
        )
    try:
        graph = read_network(path, layer=layer)
    except NetworkError as exc:
        raise ValidationError({"file": str(exc)}) from None
    if graph.n_edges == 0:
        raise ValidationError(
            {"file": _("%(file)s: no walkable ways found.") % {"file": path.name}}
        )
    relative = Path("planning") / "networks" / f"{region.code}-{uuid.uuid4().hex[:12]}.npz"
    target = settings.DATA_DIR / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    graph.save(target)
    try:
        with transaction.atomic():
            return WalkingNetwork.objects.create(
                region=region,
                name=name or path.name,
                source_name=path.name,
                path=str(relative),
                n_nodes=graph.n_nodes,
                n_edges=graph.n_edges,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except Exception:
        target.unlink(missing_ok=True)
        raise
