"""Benchmark of the siting optimisation against PySAL spopt, measured side by side in one run.

    .venv/bin/python benchmarks/planning/bench_siting.py [--demand 5000] [--candidates 300]
        [--radius 1000] [--p 15] [--seed 7] [--skip-spopt] [--skip-region]

A synthetic region of 30 × 30 km with 60 towns (clustered demand points with resident weights)
and candidate sites near the demand. Every demand point is within the radius of some candidate,
so set covering of 100% is feasible.

Targets (PASS/FAIL per line, exit code 1 on any FAIL):
- maximal covering (p new sites) and set covering (100%): the same optimal objective as spopt
  (solved with HiGHS through PuLP) and at least 100× faster in CPU time (``time.process_time``,
  the steady comparison on a shared machine; wall time is printed too). Our time is the best of
  ``--repeat`` runs and includes building the sparse coverage matrix from coordinates; spopt runs
  once (it takes tens of seconds) and its time excludes building its dense cost matrix.
- p-median and p-center with p sites: a proven gap of at most 0.1% in under 10 s. spopt is not
  run for these (its model does not finish within 15 minutes at this size).
- Region scale (skip with ``--skip-region``): 59,000 demand cells × 3,000 candidates, maximal
  covering with k = 50 within 0.5% of a proven bound in under 5 s of CPU; straight-line coverage
  of 9 million demand points against 5,000 sites in under 10 s and under 2 GB peak memory (peak
  RSS of a fresh subprocess, so the figure is its own).
Timing belongs here, never in the unit tests. The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time

import numpy as np
from scipy.spatial.distance import cdist

from paraat.geo.distance import within_straight
from paraat.planning.optimise import maximal_covering, p_center, p_median, set_covering

SPEED_UP = 100.0
SECONDS = 10.0
GAP = 0.001
REGION_SECONDS = 5.0
REGION_GAP = 0.005
COVERAGE_SECONDS = 10.0
COVERAGE_GB = 2.0


def region(
    demand: int,
    candidates: int,
    radius: float,
    seed: int,
    *,
    towns: int = 60,
    extent: float = 30_000,
):
    """Clustered demand points with weights, and candidate sites near demand."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, extent, size=(towns, 2))
    size = rng.pareto(1.2, size=towns) + 1
    spread = rng.uniform(400, 1_500, size=towns)
    town = rng.choice(towns, size=demand * 3, p=size / size.sum())
    points = centres[town] + rng.normal(size=(demand * 3, 2)) * spread[town, None]
    sites = points[rng.choice(points.shape[0], size=candidates, replace=False)]
    sites = sites + rng.normal(size=sites.shape) * 200
    reach = within_straight(points, sites, radius)
    reachable = np.flatnonzero(np.diff(reach.indptr) > 0)
    xy = points[rng.choice(reachable, size=demand, replace=False)]
    weights = rng.integers(1, 60, size=demand).astype(np.float64)
    return xy, weights, sites


def spopt_mclp(cost, weights, radius, p):
    import pulp
    from spopt.locate import MCLP

    start, cpu = time.perf_counter(), time.process_time()
    model = MCLP.from_cost_matrix(cost, weights, radius, p_facilities=p)
    model.solve(pulp.HiGHS(msg=False))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    covered = float(weights[[bool(f) for f in model.cli2fac]].sum())
    return seconds, cpu, covered


def spopt_lscp(cost, radius):
    import pulp
    from spopt.locate import LSCP

    start, cpu = time.perf_counter(), time.process_time()
    model = LSCP.from_cost_matrix(cost, radius)
    model.solve(pulp.HiGHS(msg=False))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu, float(round(model.problem.objective.value()))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demand", type=int, default=5_000)
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--radius", type=float, default=1_000.0)
    parser.add_argument("--p", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="runs of ours; the best counts")
    parser.add_argument("--skip-spopt", action="store_true", help="only our own figures")
    parser.add_argument("--skip-region", action="store_true", help="skip the region-scale cases")
    parser.add_argument("--coverage-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.coverage_only:
        return coverage_only()
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    xy, weights, sites = region(args.demand, args.candidates, args.radius, args.seed)
    print(
        f"{args.demand:,} demand points × {args.candidates} candidates, radius {args.radius:,.0f} m, "
        f"p = {args.p}, total weight {weights.sum():,.0f}"
    )
    maximal_covering(within_straight(xy[:50], sites, args.radius), weights[:50], k=1)  # warm-up
    results: list[bool] = []

    def ours(function, **options):
        """Best of ``--repeat`` runs (wall and CPU time), from coordinates to the answer."""
        walls, cpus, result = [], [], None
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            result = function(within_straight(xy, sites, args.radius), weights, **options)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        return result, min(walls), min(cpus)

    mclp, mclp_s, mclp_cpu = ours(maximal_covering, k=args.p, time_limit=60)
    lscp, lscp_s, lscp_cpu = ours(set_covering, target=1.0, time_limit=60)
    print(
        f"ours  mclp: covered {mclp.objective:,.0f} (bound {mclp.bound:,.0f}, optimal {mclp.optimal}) "
        f"in {mclp_s:.3f} s wall, {mclp_cpu:.3f} s CPU [{mclp.method}; {mclp.details}]"
    )
    print(
        f"ours  lscp: {lscp.objective:.0f} sites (bound {lscp.bound:.0f}, optimal {lscp.optimal}) "
        f"in {lscp_s:.3f} s wall, {lscp_cpu:.3f} s CPU [{lscp.method}; {lscp.details}]"
    )
    if not args.skip_spopt:
        cost = cdist(xy, sites)
        sp_mclp_s, sp_mclp_cpu, sp_covered = spopt_mclp(cost, weights, args.radius, args.p)
        print(
            f"spopt mclp: covered {sp_covered:,.0f} in {sp_mclp_s:.3f} s wall, {sp_mclp_cpu:.3f} s CPU"
        )
        sp_lscp_s, sp_lscp_cpu, sp_sites = spopt_lscp(cost, args.radius)
        print(
            f"spopt lscp: {sp_sites:.0f} sites in {sp_lscp_s:.3f} s wall, {sp_lscp_cpu:.3f} s CPU"
        )
        for name, ours, theirs, times in (
            (
                "maximal covering",
                mclp.objective,
                sp_covered,
                (mclp_s, sp_mclp_s, mclp_cpu, sp_mclp_cpu),
            ),
            ("set covering", lscp.objective, sp_sites, (lscp_s, sp_lscp_s, lscp_cpu, sp_lscp_cpu)),
        ):
            same = abs(ours - theirs) <= 1e-6 * max(abs(theirs), 1.0)
            ratio, cpu_ratio = times[1] / times[0], times[3] / times[2]
            ok = same and cpu_ratio >= SPEED_UP
            results.append(ok)
            print(
                f"{verdict(ok)}: {name}: same optimum {same} ({ours:,.0f} vs {theirs:,.0f}), "
                f"{cpu_ratio:.1f}x faster than spopt in CPU time (target >= {SPEED_UP:.0f}x; "
                f"wall time {ratio:.1f}x)"
            )

    distance = cdist(xy, sites)
    for name, function in (("p-median", p_median), ("p-center", p_center)):
        start, cpu = time.perf_counter(), time.process_time()
        solution = function(distance, weights, p=args.p, time_limit=SECONDS)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        ok = cpu <= SECONDS and solution.gap <= GAP
        results.append(ok)
        # The solver's limit is wall time (the 10 s); the verdict takes CPU time, which on a
        # shared machine is what a machine of its own would have taken. The load says how shared.
        print(
            f"{verdict(ok)}: {name}: objective {solution.objective:,.1f}, bound {solution.bound:,.1f}, "
            f"gap {solution.gap:.3%} (optimal {solution.optimal}) in {seconds:.2f} s wall, {cpu:.2f} s CPU "
            f"at load {os.getloadavg()[0]:.1f} (target < {SECONDS:.0f} s CPU within a {SECONDS:.0f} s "
            f"wall limit, gap <= {GAP:.1%}) [{solution.method}; {solution.details}]"
        )
    print("spopt p-median / p-center: not run (does not finish within 15 minutes at this size)")
    if not args.skip_region:
        results.append(region_covering())
        command = [sys.executable, __file__, "--coverage-only"]
        results.append(subprocess.run(command, check=False).returncode == 0)
    return 0 if all(results) else 1


def region_covering() -> bool:
    """59,000 cells × 3,000 candidates (radius 1.5 km), maximal covering with k = 50."""
    xy, weights, sites = region(59_000, 3_000, 1_500.0, 11, towns=400, extent=60_000)
    start, cpu = time.perf_counter(), time.process_time()
    # The target is CPU time; the solver's limit is wall time, which on a shared machine runs
    # out long before the CPU time does (wall 4-5x CPU at a load of 10 on 2 cores), so it gets
    # ten times as much as a safety net; the solver's own step counts bound its CPU time.
    solution = maximal_covering(
        within_straight(xy, sites, 1_500.0), weights, k=50, time_limit=10 * REGION_SECONDS
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    ok = cpu < REGION_SECONDS and solution.gap <= REGION_GAP
    print(
        f"{verdict(ok)}: region maximal covering 59,000 × 3,000, k = 50: covered "
        f"{solution.objective:,.0f}, bound {solution.bound:,.0f}, gap {solution.gap:.2%} in "
        f"{seconds:.2f} s wall, {cpu:.2f} s CPU (target < {REGION_SECONDS:.0f} s, gap <= "
        f"{REGION_GAP:.1%}) [{solution.method}; {solution.details}]"
    )
    return ok


def coverage_only(points: int = 9_000_000, count: int = 5_000, radius: float = 1_000.0) -> int:
    """Straight-line coverage at national scale, in its own process (its own peak memory)."""
    rng = np.random.default_rng(11)
    towns = 2_500
    centre = np.column_stack(
        [rng.uniform(15_000, 275_000, towns), rng.uniform(310_000, 610_000, towns)]
    )
    size = rng.lognormal(0, 1.2, towns)
    spread = 600 + 2_500 * np.sqrt(size / size.max())
    share = size / size.sum()
    town = rng.choice(towns, points, p=share)
    demand = centre[town] + rng.normal(0, 1, (points, 2)) * spread[town, None]
    del town
    site_town = rng.choice(towns, count, p=share)
    site_xy = centre[site_town] + rng.normal(0, 1, (count, 2)) * spread[site_town, None]
    start, cpu = time.perf_counter(), time.process_time()
    cover = within_straight(demand, site_xy, radius)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    ok = cpu < COVERAGE_SECONDS and peak_gb < COVERAGE_GB
    print(
        f"{verdict(ok)}: straight-line coverage {points:,} points × {count:,} sites: "
        f"{cover.nnz:,} pairs in {seconds:.2f} s wall, {cpu:.2f} s CPU, peak {peak_gb:.2f} GB "
        f"(target < {COVERAGE_SECONDS:.0f} s, < {COVERAGE_GB:.0f} GB)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
