"""A run as one JSON document: what the command line prints, the API returns and the pages show."""

from __future__ import annotations

from typing import Any

from paraat.planning import explain
from paraat.planning.models import CoverageRun, OptimisationRun


def parameters(run: CoverageRun | OptimisationRun) -> dict[str, Any]:
    data: dict[str, Any] = {
        "municipality": run.municipality.code if run.municipality else None,
        "threshold_m": run.threshold_m,
        "distance_kind": run.distance_kind,
        "network": run.network.name if run.network else run.figures.get("network_file"),
        "weight": run.weight,
        "area_kind": run.area_kind,
        "capacity": run.capacity,
    }
    if isinstance(run, CoverageRun):
        data.update(closed=run.closed, added=run.added)
    else:
        data.update(model=run.model, k=run.k, target=run.target, time_limit=run.time_limit)
    return data


def document(run: CoverageRun | OptimisationRun, *, with_cells: bool = True) -> dict[str, Any]:
    figures = dict(run.figures)
    if not with_cells:
        figures.pop("cells", None)
    return {
        "id": run.pk,
        "kind": "optimisation" if isinstance(run, OptimisationRun) else "coverage",
        "region": run.region.code,
        "created_at": run.created_at.isoformat(),
        "created_by": run.created_by.get_username() if run.created_by else None,
        "seconds": run.seconds,
        "parameters": parameters(run),
        "explanation": explain.for_run(run),
        "figures": figures,
    }
