"""The outage clock: propagate failures through the services, on likely values and by Monte Carlo.

Rather than stepping through 673 time points, the engine computes *when* each service turns
degraded and down, for every run at once (arrays of shape services x runs), visiting services
in dependency order:

    supply lost   = earliest over `needs` groups of (latest failure among the alternatives)
    backup starts = max(supply lost, earliest failure of a `resupplied_by` service)
    down          = backup starts + backup duration (for assets: the duration at which
                    `down_share` of the assets has failed)
    degraded      = earliest of: supply lost (if `degraded_on_backup`), `degraded_share` of the
                    assets failed, any `degrades_with` service down; never later than down

The state at each time point then follows from comparing those times with the time grid, which
is exact (no stepping error) and about a hundred times faster than a time-stepped loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .decisions import derive_decisions
from .errors import single
from .loading import parse_points
from .measures import apply_measures
from .model import Figure, Measure, Point, Scenario, Service, WeatherProfile
from .result import LIKELY, PointOutcome, Result, ServiceOutcome, first_time
from .sampling import (
    AssetPlan,
    asset_durations,
    rank,
    sample_figure,
    service_rng,
    stratified_counts,
)

EPS = 1e-9


@dataclass(frozen=True)
class Compiled:
    """A scenario turned into index lists and figures, ready for array arithmetic."""

    services: tuple[Service, ...]
    order: tuple[int, ...]
    needs: tuple[tuple[tuple[int, ...], ...], ...]
    degrades: tuple[tuple[int, ...], ...]
    resupply: tuple[tuple[int, ...], ...]
    onset: tuple[float | None, ...]
    plain: tuple[int, ...]
    plain_figures: tuple[Figure, ...]
    assets: Mapping[int, AssetPlan]


def with_weather(scenario: Scenario, profile: WeatherProfile) -> Scenario:
    """Backups shortened and severities raised as the weather profile says (cold homes)."""
    services = []
    for service in scenario.services:
        factor = profile.duration_factor.get(service.id, 1.0)
        delta = profile.severity_delta.get(service.id, 0)
        services.append(
            replace(
                service,
                backup=service.backup.scaled(factor) if factor != 1.0 else service.backup,
                severity=max(1, min(3, service.severity + delta)),
            )
        )
    return replace(scenario, services=tuple(services))


def compile_scenario(scenario: Scenario, points: Sequence[Point]) -> Compiled:
    index = {s.id: i for i, s in enumerate(scenario.services)}
    plain: list[int] = []
    plain_figures: list[Figure] = []
    assets: dict[int, AssetPlan] = {}
    for i, service in enumerate(scenario.services):
        backup = service.backup
        if backup.per_asset:
            assets[i] = _asset_plan(service, points)
        elif backup.figure is not None:
            plain.append(i)
            plain_figures.append(backup.figure)
    return Compiled(
        services=scenario.services,
        order=tuple(index[sid] for sid in scenario.order),
        needs=tuple(
            tuple(tuple(index[x] for x in group) for group in s.needs) for s in scenario.services
        ),
        degrades=tuple(tuple(index[x] for x in s.degrades_with) for s in scenario.services),
        resupply=tuple(tuple(index[x] for x in s.resupplied_by) for s in scenario.services),
        onset=tuple(scenario.initiating.get(s.id) for s in scenario.services),
        plain=tuple(plain),
        plain_figures=tuple(plain_figures),
        assets=assets,
    )


def _asset_plan(service: Service, points: Sequence[Point]) -> AssetPlan:
    backup = service.backup
    figures: list[Figure | None] = []
    fixed: list[float] = []
    if backup.from_points and points:
        for point in points:
            figures.append(None if point.autonomy_hours is not None else backup.unknown)
            fixed.append(point.autonomy_hours or 0.0)
    else:
        counts = stratified_counts([c.share for c in backup.classes], backup.assets)
        for asset_class, count in zip(backup.classes, counts, strict=True):
            figures.extend([asset_class.figure] * count)
            fixed.extend([0.0] * count)
    count = len(fixed)
    degraded = backup.degraded_share
    return AssetPlan(
        figures=tuple(figures),
        fixed=tuple(fixed),
        correlation=backup.correlation,
        down_rank=rank(backup.down_share, count),
        degraded_rank=rank(degraded, count) if degraded is not None else None,
    )


def propagate(
    model: Compiled, entropy: int | None, runs: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Times (hours) at which each service turns degraded and down, and its backup starts.

    Each array has shape (services, runs); np.inf means "not in this run". With `entropy`
    None every duration takes its likely value (the deterministic run).
    """
    size = len(model.services)
    backup_down = np.zeros((size, runs))
    backup_degraded = np.full((size, runs), np.inf)
    for i, figure in zip(model.plain, model.plain_figures, strict=True):
        if entropy is None:
            backup_down[i] = figure.likely
        else:
            backup_down[i] = sample_figure(service_rng(entropy, model.services[i].id), figure, runs)
    for i, plan in model.assets.items():
        rng = None if entropy is None else service_rng(entropy, model.services[i].id)
        backup_down[i], degraded = asset_durations(rng, plan, runs)
        if degraded is not None:
            backup_degraded[i] = degraded
    down = np.full((size, runs), np.inf)
    worse = np.full((size, runs), np.inf)
    start = np.full((size, runs), np.inf)
    for i in model.order:
        lost = np.full(runs, np.inf)
        for group in model.needs[i]:
            lost = np.minimum(lost, down[list(group)].max(axis=0))
        begins = lost
        if model.resupply[i]:
            begins = np.maximum(lost, down[list(model.resupply[i])].min(axis=0))
        fails = begins + backup_down[i]
        degraded = np.minimum(fails, begins + backup_degraded[i])
        if model.services[i].degraded_on_backup:
            degraded = np.minimum(degraded, lost)
        if model.degrades[i]:
            degraded = np.minimum(degraded, down[list(model.degrades[i])].min(axis=0))
        onset = model.onset[i]
        if onset is not None:
            fails = np.minimum(fails, onset)
            degraded = np.minimum(degraded, fails)
        down[i], worse[i], start[i] = fails, degraded, begins
    return worse, down, start


def probability_curves(moments: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Share of runs in which each service has reached a state by each time, (services, times)."""
    ordered = np.sort(moments, axis=1)
    runs = moments.shape[1]
    return np.vstack([np.searchsorted(row, times + EPS, side="right") / runs for row in ordered])


def fresh_seed() -> int:
    """A random seed that is recorded in the result, so an unseeded run can be repeated."""
    return int(np.random.SeedSequence().generate_state(1, np.uint64)[0])


def _within(value: float, horizon: float) -> float | None:
    return float(value) if np.isfinite(value) and value <= horizon + EPS else None


def simulate(
    scenario: Scenario,
    *,
    points: Iterable[Point | Mapping[str, Any]] | None = None,
    runs: int = 1000,
    seed: int | None = 0,
    weather: str = "mild",
    measures: Sequence[str | Measure] = (),
) -> Result:
    """Run the outage clock for a scenario and (optionally) the region's noodsteunpunten.

    `runs` Monte Carlo runs over the ranges (0: only the run on likely values), reproducible
    for a given `seed`. `weather` names a profile of the scenario ("mild", "cold", "frost").
    `measures` are ids from the catalogue (or Measure objects) applied before the run.
    """
    if runs < 0:
        raise ValueError("runs must be 0 or more")
    parsed = parse_points(points or [])
    if measures:
        scenario, parsed = apply_measures(scenario, parsed, measures)
    if weather not in scenario.weather:
        known = ", ".join(scenario.weather)
        raise single(scenario.origin, "weather", f"unknown weather {weather!r}; known: {known}")
    profile = scenario.weather[weather]
    scenario = with_weather(scenario, profile)
    model = compile_scenario(scenario, parsed)
    steps = int(round(scenario.horizon_hours / scenario.step_hours))
    times = np.arange(steps + 1) * scenario.step_hours
    entropy = seed if seed is not None else fresh_seed()
    likely_worse, likely_down, likely_start = propagate(model, None, 1)
    if runs:
        worse, down, _ = propagate(model, entropy, runs)
    else:
        worse, down = likely_worse, likely_down
    p_down = probability_curves(down, times)
    p_worse = probability_curves(worse, times)
    quantiles = np.quantile(down, [0.1, 0.5, 0.9], axis=1, method="inverted_cdf")
    horizon = scenario.horizon_hours
    outcomes = tuple(
        ServiceOutcome(
            id=s.id,
            name_nl=s.name_nl,
            name_en=s.name_en,
            severity=s.severity,
            likely_degraded_hours=_within(likely_worse[i, 0], horizon),
            likely_down_hours=_within(likely_down[i, 0], horizon),
            p_down=p_down[i],
            p_degraded=p_worse[i] - p_down[i],
            down_quantiles=(
                _within(quantiles[0, i], horizon),
                _within(quantiles[1, i], horizon),
                _within(quantiles[2, i], horizon),
            ),
            time_likely_down=first_time(times, p_down[i], LIKELY),
            time_likely_degraded=first_time(times, p_worse[i], LIKELY),
        )
        for i, s in enumerate(scenario.services)
    )
    point_outcomes = _point_outcomes(scenario, parsed, likely_start)
    return Result(
        scenario=scenario,
        times=times,
        runs=runs,
        seed=entropy if runs else None,
        weather=profile,
        measures=tuple(m if isinstance(m, str) else m.id for m in measures),
        services=outcomes,
        decisions=derive_decisions(scenario, times, outcomes, point_outcomes),
        points=point_outcomes,
    )


def _point_outcomes(
    scenario: Scenario, points: Sequence[Point], likely_start: np.ndarray
) -> tuple[PointOutcome, ...]:
    service = scenario.points_service()
    if service is None or not points:
        return ()
    begins = float(likely_start[scenario.ids.index(service.id), 0])
    unknown_hours = service.backup.unknown.likely if service.backup.unknown else 0.0
    outcomes = []
    for p in points:
        assumed = p.autonomy_hours if p.autonomy_hours is not None else unknown_hours
        exhausted = begins + assumed if np.isfinite(begins) else None
        outcomes.append(PointOutcome(p.code, p.name, p.tier, p.autonomy_hours, assumed, exhausted))
    return tuple(outcomes)
