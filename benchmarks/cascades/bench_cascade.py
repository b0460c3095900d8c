"""Benchmark of the outage clock: 10,000 Monte Carlo runs of the full default model.

    .venv/bin/python benchmarks/cascades/bench_cascade.py [--runs 10000] [--baseline-runs 200]

Measures, in the same process:
- the vectorised engine (`paraat.cascades.engine.simulate`) on the default long-power-outage
  scenario with a region of 60 noodsteunpunten, `--runs` Monte Carlo runs, 15-minute steps
  over 7 days; target: under 10 s on 2 cores (PASS/FAIL, exit code 1 on FAIL);
- the plain-Python time-stepped implementation of the same model
  (`paraat.cascades.engine.reference`) on `--baseline-runs` runs, as the baseline;
- the speed-up per run, and how far the two probability curves lie apart (they use different
  random numbers, so they agree only up to Monte Carlo noise).
Timing belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np

from paraat.cascades.engine import load_scenario, parse_points, simulate
from paraat.cascades.engine.reference import reference_probabilities

TARGET_SECONDS = 10.0


def region_points(count: int = 60, seed: int = 42):
    """A synthetic region: a quarter coordination points, autonomy from none to a week, some unknown."""
    rng = np.random.default_rng(seed)
    choices = [None, 0, 0, 2, 4, 8, 12, 24, 48, 72, 96, 168]
    return parse_points(
        {
            "code": f"NSP-{i:03d}",
            "name": f"Noodsteunpunt {i}",
            "tier": "coordination" if i % 4 == 0 else "local",
            "autonomy_hours": choices[int(rng.integers(len(choices)))],
        }
        for i in range(count)
    )


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--baseline-runs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scenario = load_scenario("power-outage-nl")
    points = region_points()
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    print(
        f"scenario {scenario.id}: {len(scenario.services)} services, {len(points)} points, 673 time points"
    )
    simulate(scenario, points=points, runs=100, seed=0)  # warm-up: imports and quantile tables

    likely_s, _ = timed(lambda: simulate(scenario, points=points, runs=0), args.repeat)
    engine_s, result = timed(
        lambda: simulate(scenario, points=points, runs=args.runs, seed=1), args.repeat
    )
    print(f"engine, run on likely values only:  {likely_s * 1000:8.1f} ms")
    print(f"engine, {args.runs:,} Monte Carlo runs:   {engine_s:8.3f} s (median of {args.repeat})")

    start = time.perf_counter()
    down, _ = reference_probabilities(scenario, points=points, runs=args.baseline_runs, seed=2)
    baseline_s = time.perf_counter() - start
    print(f"pure-Python baseline, {args.baseline_runs} runs:   {baseline_s:8.3f} s")

    engine_per_run = engine_s / args.runs
    baseline_per_run = baseline_s / args.baseline_runs
    print(
        f"per run: engine {engine_per_run * 1e6:.1f} us, baseline {baseline_per_run * 1e3:.2f} ms"
    )
    print(f"speed-up per run: {baseline_per_run / engine_per_run:,.0f}x")
    difference = np.abs(np.array(down) - result.p_down)  # type: ignore[attr-defined]
    print(
        f"agreement: max |P(down) engine - baseline| = {difference.max():.3f}, "
        f"mean {difference.mean():.4f} (Monte Carlo noise with {args.baseline_runs} baseline runs)"
    )
    verdict = "PASS" if engine_s < TARGET_SECONDS else "FAIL"
    print(f"{verdict}: {args.runs:,} runs in {engine_s:.2f} s (target < {TARGET_SECONDS:.0f} s)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
