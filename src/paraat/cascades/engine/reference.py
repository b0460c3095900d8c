"""A plain-Python, time-stepped implementation of the same model, as a readable cross-check.

It walks the 673 time points one by one, service by service, with Python's `random` module,
the way one would first write the model down. It is far too slow for 10,000 runs, which is why
the engine works with failure times and numpy arrays instead; the tests use it to check that
both give the same timeline (exactly on likely values, statistically over random runs) and the
benchmark uses it as the baseline for the speed-up.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Sequence
from functools import lru_cache
from statistics import NormalDist

from .model import Figure, Point, Scenario
from .sampling import QUANTILE_GRID, _unit_quantiles, pert_parameters
from .simulate import compile_scenario, with_weather

EPS = 1e-9
NORMAL = NormalDist()
GRID = QUANTILE_GRID.tolist()


@lru_cache(maxsize=256)
def _table(a: float, b: float) -> list[float]:
    table: list[float] = _unit_quantiles(a, b).tolist()
    return table


def _quantile(figure: Figure, u: float) -> float:
    """PERT inverse CDF by linear interpolation on the same table the engine uses."""
    if figure.max <= figure.min:
        return figure.min
    table = _table(*pert_parameters(figure.min, figure.likely, figure.max))
    j = min(max(bisect.bisect_right(GRID, u) - 1, 0), len(GRID) - 2)
    share = (u - GRID[j]) / (GRID[j + 1] - GRID[j])
    quantile: float = figure.min + (figure.max - figure.min) * (
        table[j] + share * (table[j + 1] - table[j])
    )
    return quantile


def reference_probabilities(
    scenario: Scenario,
    *,
    points: Sequence[Point] = (),
    runs: int = 200,
    seed: int = 0,
    weather: str = "mild",
    likely: bool = False,
) -> tuple[list[list[float]], list[list[float]]]:
    """P(down) and P(degraded or worse) per service (scenario order) and time point.

    With `likely` every duration takes its likely value and `runs` is ignored.
    """
    scenario = with_weather(scenario, scenario.weather[weather])
    model = compile_scenario(scenario, points)
    size = len(model.services)
    step = scenario.step_hours
    count = int(round(scenario.horizon_hours / step)) + 1
    runs = 1 if likely else runs
    rnd = random.Random(seed)  # noqa: S311 - a seeded simulation, not a secret
    down_counts = [[0] * count for _ in range(size)]
    worse_counts = [[0] * count for _ in range(size)]
    plain = dict(zip(model.plain, model.plain_figures, strict=True))
    for _ in range(runs):
        backup_down = [0.0] * size
        backup_degraded = [math.inf] * size
        for i, spec in plain.items():
            if likely:
                backup_down[i] = spec.likely
            else:
                a, b = pert_parameters(spec.min, spec.likely, spec.max)
                backup_down[i] = spec.min + (spec.max - spec.min) * rnd.betavariate(a, b)
        for i, plan in model.assets.items():
            common = rnd.gauss(0.0, 1.0)
            durations = []
            for figure, fixed in zip(plan.figures, plan.fixed, strict=True):
                if figure is None:
                    durations.append(fixed)
                elif likely:
                    durations.append(figure.likely)
                else:
                    z = math.sqrt(plan.correlation) * common
                    z += math.sqrt(1.0 - plan.correlation) * rnd.gauss(0.0, 1.0)
                    durations.append(_quantile(figure, NORMAL.cdf(z)))
            durations.sort()
            backup_down[i] = durations[plan.down_rank]
            if plan.degraded_rank is not None:
                backup_degraded[i] = durations[plan.degraded_rank]
        state = [0] * size  # 0 working, 1 degraded, 2 down
        lost_at: list[float | None] = [None] * size
        resupply_lost_at: list[float | None] = [None] * size
        for k in range(count):
            t = k * step
            for i in model.order:
                service = model.services[i]
                if lost_at[i] is None and any(
                    all(state[j] == 2 for j in group) for group in model.needs[i]
                ):
                    lost_at[i] = t
                if resupply_lost_at[i] is None and any(state[j] == 2 for j in model.resupply[i]):
                    resupply_lost_at[i] = t
                begins = lost_at[i]
                if begins is not None and model.resupply[i]:
                    later = resupply_lost_at[i]
                    begins = None if later is None else max(begins, later)
                new = 0
                onset = model.onset[i]
                if (onset is not None and t >= onset - EPS) or (
                    begins is not None and t >= begins + backup_down[i] - EPS
                ):
                    new = 2
                elif (
                    (lost_at[i] is not None and service.degraded_on_backup)
                    or (begins is not None and t >= begins + backup_degraded[i] - EPS)
                    or any(state[j] == 2 for j in model.degrades[i])
                ):
                    new = 1
                state[i] = max(state[i], new)
                if state[i]:
                    worse_counts[i][k] += 1
                    if state[i] == 2:
                        down_counts[i][k] += 1
    return (
        [[c / runs for c in row] for row in down_counts],
        [[c / runs for c in row] for row in worse_counts],
    )
