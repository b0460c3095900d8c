"""Drawing backup durations for the Monte Carlo run.

Durations come from a PERT distribution over (min, likely, max): a Beta distribution stretched
over the range with its mode at the likely value (shape 4, the usual choice in project
planning). It stays inside the range, unlike a normal distribution, and puts less weight on the
extremes than a triangular one.

For services made of many assets (mobile masts, hospitals, noodsteunpunten) every asset gets its
own duration. The assets are not independent: batteries of one operator have the same age, load
and temperature. Independent draws would make the time at which half of 100 masts have failed
almost certain, which hides the real uncertainty. A Gaussian copula with a common factor per run
(weight `correlation`) keeps each asset's own distribution but lets whole runs be early or
late together.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.special import betaincinv, ndtr

from .model import Figure

PERT_SHAPE = 4.0
QUANTILE_GRID = np.linspace(0.0, 1.0, 2049)


def pert_parameters(low: float, likely: float, high: float) -> tuple[float, float]:
    """Beta shape parameters of the PERT distribution; (1, 1) for a fixed value."""
    width = high - low
    if width <= 0:
        return 1.0, 1.0
    return (
        1.0 + PERT_SHAPE * (likely - low) / width,
        1.0 + PERT_SHAPE * (high - likely) / width,
    )


def service_rng(entropy: int, service_id: str) -> np.random.Generator:
    """A generator of its own for each service, derived from the seed and the service id.

    Changing one service's figures (or the number of points) then leaves every other service's
    draws untouched: two runs that are compared share their random numbers wherever nothing
    changed (common random numbers), so differences come from the change, not from noise.
    """
    key = zlib.crc32(service_id.encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(key,)))


@lru_cache(maxsize=256)
def _unit_quantiles(a: float, b: float) -> np.ndarray:
    grid: np.ndarray = betaincinv(a, b, QUANTILE_GRID)
    return grid


def pert_quantiles(figure: Figure, u: np.ndarray) -> np.ndarray:
    """PERT inverse CDF by interpolation on a cached grid (exact betaincinv is ~100x slower)."""
    if figure.max <= figure.min:
        return np.full_like(u, figure.min)
    grid = _unit_quantiles(*pert_parameters(figure.min, figure.likely, figure.max))
    quantiles: np.ndarray = figure.min + (figure.max - figure.min) * np.interp(
        u, QUANTILE_GRID, grid
    )
    return quantiles


def sample_figure(rng: np.random.Generator, figure: Figure, runs: int) -> np.ndarray:
    """`runs` PERT draws by inverse transform, so one uniform stream maps to any range."""
    return pert_quantiles(figure, rng.random(runs))


@dataclass(frozen=True)
class AssetPlan:
    """The assets of one service: a figure per asset, or a fixed duration (a known point)."""

    figures: tuple[Figure | None, ...]
    fixed: tuple[float, ...]
    correlation: float
    down_rank: int
    degraded_rank: int | None

    @property
    def count(self) -> int:
        return len(self.fixed)


def rank(share: float, count: int) -> int:
    """0-based index of the asset whose failure makes `share` of `count` assets failed."""
    return max(0, min(count - 1, math.ceil(share * count - 1e-9) - 1))


def stratified_counts(shares: Sequence[float], total: int) -> list[int]:
    """Split `total` assets over classes by share (largest remainder), so shares are exact."""
    raw = [s * total for s in shares]
    counts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def asset_durations(
    rng: np.random.Generator | None, plan: AssetPlan, runs: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """Backup durations at which the service turns down and degraded, shape (runs,) each.

    With `rng` None every asset takes its likely value (the deterministic run).
    """
    durations = np.empty((runs, plan.count))
    if rng is None:
        for j, (figure, fixed) in enumerate(zip(plan.figures, plan.fixed, strict=True)):
            durations[:, j] = figure.likely if figure else fixed
    else:
        common = rng.standard_normal((runs, 1))
        own = rng.standard_normal((runs, plan.count))
        rho = plan.correlation
        u = ndtr(math.sqrt(rho) * common + math.sqrt(1.0 - rho) * own)
        by_figure: dict[Figure, list[int]] = {}
        for j, (figure, fixed) in enumerate(zip(plan.figures, plan.fixed, strict=True)):
            if figure is None:
                durations[:, j] = fixed
            else:
                by_figure.setdefault(figure, []).append(j)
        for figure, columns in by_figure.items():
            durations[:, columns] = pert_quantiles(figure, u[:, columns])
    ranks = [plan.down_rank] + ([plan.degraded_rank] if plan.degraded_rank is not None else [])
    ordered = np.partition(durations, sorted(set(ranks)), axis=1)
    degraded = ordered[:, plan.degraded_rank] if plan.degraded_rank is not None else None
    return ordered[:, plan.down_rank], degraded
