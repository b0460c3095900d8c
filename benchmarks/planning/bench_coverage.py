"""Benchmark of coverage analysis: demand spreading, straight-line and walking coverage.

    .venv/bin/python benchmarks/planning/bench_coverage.py [--national] [--threshold 1000]

Measures, in the same process, with baselines measured in the same run:
- Brabant-Noord (156 postcode areas spread over 100 m cells) x all 344 polling places:
  straight-line coverage (matrix + covered residents, per-site residents, double coverage);
  target under 1 s. Baseline: brute-force numpy distances in chunks (same answer, checked).
- The same demand and sites over a synthetic walking network of ~300,000 nodes: walking coverage
  (snapping + one cut-off Dijkstra per site + the figures); target under 5 s. Baseline: networkx
  single-source Dijkstra with cutoff on a sample of sites, extrapolated to all sites (distances
  checked against ours). Also the same network split into 25 m edges (as read from OSM), for
  information.
- With ``--national``: 9 million clustered demand points x 5,000 sites straight-line coverage in
  a fresh subprocess; targets under 60 s and under 8 GB peak memory (peak RSS of that process).
  Baseline: brute force on a sample, extrapolated.
- The error of spreading residents uniformly over areas: postcode areas against wijken.
Exit code 1 when a target fails. Timing belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from paraat.geo.crs import RD_NEW, reproject
from paraat.geo.demand import AreaInput, Demand, spread_areas
from paraat.geo.distance import within_straight
from paraat.geo.network import WalkingNetwork
from paraat.geo.readers import read_features

DATA = Path(__file__).resolve().parents[2] / "src/paraat/areas/demo_data/brabant-noord"
TARGETS = {"straight": 1.0, "walking": 5.0, "national": 60.0, "national_gb": 8.0}
RESULTS: list[tuple[str, bool]] = []


def verdict(name: str, ok: bool) -> str:
    RESULTS.append((name, ok))
    return "PASS" if ok else "FAIL"


def timed(function, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def read_areas(filename: str, code: str, residents: str, extra: dict[str, str]) -> list[AreaInput]:
    table = read_features(DATA / filename)
    areas = []
    for row, geometry in zip(table.rows, table.geometries, strict=True):
        values = {"residents": row[residents], **{key: row[col] for key, col in extra.items()}}
        areas.append(
            AreaInput(str(row[code]), reproject(geometry, table.crs or 4326, RD_NEW), values)
        )
    return areas


def polling_places() -> np.ndarray:
    table = read_features(DATA / "stemlokalen_tk2023.geojson")
    return np.array([[row["x_rd"], row["y_rd"]] for row in table.rows], dtype=float)


def coverage_figures(demand: Demand, cover: csr_matrix) -> dict[str, float]:
    """What the coverage page shows: covered residents, double coverage, residents per site."""
    residents = demand.weights["residents"]
    reach = np.diff(cover.indptr)
    per_site = np.bincount(
        cover.indices, weights=residents[np.repeat(np.arange(len(reach)), reach)]
    )
    return {
        "covered": float(residents[reach > 0].sum()),
        "double": float(residents[reach > 1].sum()),
        "share": float(residents[reach > 0].sum() / residents.sum()),
        "max_per_site": float(per_site.max()) if len(per_site) else 0.0,
    }


def brute_force_within(demand_xy: np.ndarray, sites_xy: np.ndarray, limit: float) -> csr_matrix:
    rows, cols, data = [], [], []
    for start in range(0, len(demand_xy), 5_000):
        part = demand_xy[start : start + 5_000]
        d = np.sqrt(((part[:, None, :] - sites_xy[None, :, :]) ** 2).sum(axis=2))
        r, c = np.nonzero(d <= limit)
        rows.append(r + start)
        cols.append(c)
        data.append(np.maximum(d[r, c], 1e-6))
    return csr_matrix(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(demand_xy), len(sites_xy)),
    )


def synthetic_network(bounds, target_nodes: int, seed: int = 7) -> tuple[np.ndarray, ...]:
    """A jittered street grid over the region's box with a quarter of the links missing."""
    minx, miny, maxx, maxy = bounds
    spacing = np.sqrt((maxx - minx) * (maxy - miny) / target_nodes)
    nx_, ny_ = int((maxx - minx) / spacing) + 1, int((maxy - miny) / spacing) + 1
    rng = np.random.default_rng(seed)
    gx, gy = np.meshgrid(np.arange(nx_), np.arange(ny_), indexing="ij")
    x = minx + gx.ravel() * spacing + rng.uniform(-0.3, 0.3, gx.size) * spacing
    y = miny + gy.ravel() * spacing + rng.uniform(-0.3, 0.3, gy.size) * spacing
    ids = np.arange(gx.size).reshape(nx_, ny_)
    a = np.concatenate([ids[:-1, :].ravel(), ids[:, :-1].ravel()])
    b = np.concatenate([ids[1:, :].ravel(), ids[:, 1:].ravel()])
    keep = rng.random(len(a)) > 0.25
    return x, y, a[keep], b[keep]


def fresh_copy(network: WalkingNetwork) -> WalkingNetwork:
    """The same network without its cached snapping tree, as just loaded from .npz."""
    graph = network.graph
    return WalkingNetwork(network.x, network.y, graph.indptr, graph.indices, graph.data)


def networkx_coverage(network: WalkingNetwork, demand_xy, sites_xy, limit: float):
    """Baseline: the same job with networkx (one cut-off Dijkstra per site), same snapping.

    Returns (seconds without building the networkx graph, seconds to build it, matrix).
    """
    import networkx as nx

    coo = network.graph.tocoo()
    upper = coo.row < coo.col
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        zip(coo.row[upper].tolist(), coo.col[upper].tolist(), coo.data[upper].tolist(), strict=True)
    )
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    fresh = fresh_copy(network)
    demand_node, demand_snap = fresh.snap(demand_xy)
    site_node, site_snap = fresh.snap(sites_xy)
    by_node: dict[int, list[int]] = {}
    for point, node in enumerate(demand_node.tolist()):
        by_node.setdefault(node, []).append(point)
    rows, cols, data = [], [], []
    for site, (node, snap) in enumerate(zip(site_node.tolist(), site_snap.tolist(), strict=True)):
        if snap > limit:
            continue
        lengths = nx.single_source_dijkstra_path_length(graph, node, cutoff=limit - snap)
        for reached, metres in lengths.items():
            for point in by_node.get(reached, ()):
                total = metres + snap + demand_snap[point]
                if total <= limit:
                    rows.append(point)
                    cols.append(site)
                    data.append(max(total, 1e-6))
    matrix = csr_matrix((data, (rows, cols)), shape=(len(demand_xy), len(sites_xy)))
    return time.perf_counter() - start, build_s, matrix


def walking_case(network, demand: Demand, sites, limit: float, straight_share: float, target: bool):
    def walking():
        walk = fresh_copy(network).within(demand.xy, sites, limit)
        return walk, coverage_figures(demand, walk)

    walking_s, (walk, figures) = timed(walking)
    if target:
        ok = verdict("walking", walking_s < TARGETS["walking"])
        label = f"(target < {TARGETS['walking']:.0f} s) {ok}"
    else:
        label = "(no target)"
    print(
        f"  walking coverage (incl. snapping): {walking_s:6.3f} s  {label}; "
        f"{figures['share']:.1%} covered (straight line {straight_share:.1%})"
    )
    nx_s, nx_build_s, theirs = networkx_coverage(network, demand.xy, sites, limit)
    same = theirs.nnz == walk.nnz and (abs(theirs - walk) > 1e-6).nnz == 0
    print(
        f"  networkx baseline (same snapping, one cut-off Dijkstra per site): {nx_s:6.2f} s "
        f"-> {nx_s / walking_s:.1f}x faster (building its graph took another {nx_build_s:.1f} s); "
        f"same pairs and distances: {same}"
    )
    if not same:
        RESULTS.append(("walking same answer", False))


def spreading_error(threshold: float, sites: np.ndarray) -> None:
    pc4 = read_areas("pc4_inwoners_2021.geojson", "postcode", "inwoners", {})
    wijken = read_areas("wijken_2022.geojson", "wk_code", "population", {})
    print(f"\nSpreading error ({threshold:.0f} m straight line to {len(sites)} polling places)")
    for name, areas in (("postcode areas (pc4)", pc4), ("wijken 2022", wijken)):
        demand = spread_areas(areas)
        figures = coverage_figures(demand, within_straight(demand.xy, sites, threshold))
        print(
            f"  {name:22s} {len(areas):4d} areas {len(demand):7,d} cells: "
            f"{figures['covered']:9,.0f} of {demand.weights['residents'].sum():9,.0f} residents "
            f"covered ({figures['share']:.1%})"
        )
    for code in ("5151", "5491"):
        area = next(a for a in pc4 if a.code == code)
        demand = spread_areas([area])
        figures = coverage_figures(demand, within_straight(demand.xy, sites, threshold))
        print(
            f"  postcode {code} ({area.geometry.area / 1e6:.1f} km2, "
            f"{demand.weights['residents'].sum():,.0f} residents): {figures['share']:.1%} within "
            f"{threshold:.0f} m when spread uniformly"
        )


def national(points: int, sites: int, threshold: float) -> int:
    """Runs in its own process so the peak memory measured is its own."""
    rng = np.random.default_rng(11)
    towns = 2_500
    centre = np.column_stack(
        [rng.uniform(15_000, 275_000, towns), rng.uniform(310_000, 610_000, towns)]
    )
    size = rng.lognormal(0, 1.2, towns)
    spread = 600 + 2_500 * np.sqrt(size / size.max())
    share = size / size.sum()
    start = time.perf_counter()
    town = rng.choice(towns, points, p=share)
    demand = centre[town] + rng.normal(0, 1, (points, 2)) * spread[town, None]
    residents = rng.uniform(0.5, 3, points)
    site_town = rng.choice(towns, sites, p=share)
    site_xy = centre[site_town] + rng.normal(0, 1, (sites, 2)) * spread[site_town, None]
    made = time.perf_counter() - start
    start = time.perf_counter()
    cover = within_straight(demand, site_xy, threshold)
    reach = np.diff(cover.indptr)
    covered = residents[reach > 0].sum() / residents.sum()
    double = residents[reach > 1].sum() / residents.sum()
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    sample = 20_000
    start = time.perf_counter()
    brute = brute_force_within(demand[:sample], site_xy, threshold)
    brute_s = (time.perf_counter() - start) * points / sample
    same = brute.nnz == cover[:sample].nnz
    print(
        f"  clustered synthetic data made in {made:.1f} s; {cover.nnz:,} pairs within "
        f"{threshold:.0f} m; {covered:.1%} covered, {double:.1%} by two or more"
    )
    time_ok = verdict("national time", seconds < TARGETS["national"])
    print(
        f"  straight-line coverage: {seconds:6.2f} s  (target < {TARGETS['national']:.0f} s) {time_ok}"
    )
    memory_ok = verdict("national memory", peak_gb < TARGETS["national_gb"])
    print(
        f"  peak memory (RSS of this process, incl. the data): {peak_gb:.2f} GB  "
        f"(target < {TARGETS['national_gb']:.0f} GB) {memory_ok}"
    )
    print(
        f"  brute-force baseline, extrapolated from {sample:,} points: {brute_s:7.1f} s -> "
        f"{brute_s / seconds:.0f}x faster; same pairs on the sample: {same}"
    )
    return 0 if same and all(ok for _name, ok in RESULTS) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=1_000.0)
    parser.add_argument("--network-nodes", type=int, default=300_000)
    parser.add_argument("--national", action="store_true", help="include 9 M x 5,000 (minutes)")
    parser.add_argument("--national-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--points", type=int, default=9_000_000)
    parser.add_argument("--sites", type=int, default=5_000)
    args = parser.parse_args()
    limit = args.threshold
    if args.national_only:
        return national(args.points, args.sites, limit)
    print(
        f"Coverage benchmark - {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )

    areas = read_areas(
        "pc4_inwoners_2021.geojson",
        "postcode",
        "inwoners",
        {"age_65_plus": "inw_65plus", "age_75_plus": "inw_75plus"},
    )
    sites = polling_places()
    spread_s, demand = timed(lambda: spread_areas(areas))
    print(
        f"\nBrabant-Noord: {len(areas)} postcode areas -> {len(demand):,} demand cells of 100 m "
        f"in {spread_s:.2f} s; {len(sites)} polling places; threshold {limit:.0f} m"
    )

    def straight():
        cover = within_straight(demand.xy, sites, limit)
        return cover, coverage_figures(demand, cover)

    straight_s, (cover, figures) = timed(straight)
    brute_s, brute = timed(lambda: brute_force_within(demand.xy, sites, limit), repeat=1)
    same = brute.nnz == cover.nnz and (abs(brute - cover) > 1e-6).nnz == 0
    ok = verdict("straight", straight_s < TARGETS["straight"])
    print(
        f"  straight-line coverage: {straight_s:6.3f} s  (target < {TARGETS['straight']:.0f} s) "
        f"{ok}; {figures['share']:.1%} of residents covered, {figures['double']:,.0f} by two or more"
    )
    print(
        f"  brute-force baseline:   {brute_s:6.3f} s -> {brute_s / straight_s:.0f}x faster; "
        f"same pairs: {same}"
    )
    if not same:
        RESULTS.append(("straight same answer", False))

    region = read_features(DATA / "veiligheidsregio_brabant-noord.geojson")
    bounds = reproject(region.geometries[0], 4326, RD_NEW).bounds
    x, y, a, b = synthetic_network(bounds, args.network_nodes)
    build_s, network = timed(
        lambda: WalkingNetwork.from_segments(x, y, a, b, max_edge=0, source="synthetic"), repeat=1
    )
    with tempfile.TemporaryDirectory() as tmp:
        network.save(Path(tmp) / "net.npz")
        load_s, network = timed(lambda: WalkingNetwork.load(Path(tmp) / "net.npz"))
    print(
        f"\nSynthetic walking network over the region's box: {network.n_nodes:,} nodes, "
        f"{network.n_edges:,} edges (built in {build_s:.2f} s, loaded from .npz in "
        f"{load_s * 1000:.0f} ms)"
    )
    walking_case(network, demand, sites, limit, figures["share"], target=True)
    split_s, split = timed(
        lambda: WalkingNetwork.from_segments(x, y, a, b, source="synthetic-25m"), repeat=1
    )
    print(
        f"\nThe same streets split into edges of at most 25 m (as from_osm/from_lines do): "
        f"{split.n_nodes:,} nodes, {split.n_edges:,} edges (built in {split_s:.2f} s)"
    )
    walking_case(split, demand, sites, limit, figures["share"], target=False)

    spreading_error(limit, sites)

    if args.national:
        print(
            f"\nNational scale (own process): {args.points:,} demand points x {args.sites:,} sites"
        )
        sys.stdout.flush()
        command = [sys.executable, __file__, "--national-only", f"--points={args.points}"]
        command += [f"--sites={args.sites}", f"--threshold={limit}"]
        RESULTS.append(("national", subprocess.run(command, check=False).returncode == 0))
    else:
        print("\n(national scale skipped; add --national to include it)")
    failed = [name for name, ok in RESULTS if not ok]
    print(f"\n{'ALL PASS' if not failed else 'FAIL: ' + ', '.join(failed)}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
