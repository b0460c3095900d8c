"""Benchmark of the walking distances the public snapshot computes (issue 6).

    .venv/bin/python benchmarks/publicinfo/bench_walking.py [--nodes 80000] [--k 8]

When the public region has a walking network, every rebuild of the snapshot's places walks from
each postcode area and wijk of Brabant-Noord (their centres, from the demo data) to its k nearest
of ~50 support points (every 7th polling place), over a synthetic street grid of the region's box
(``--nodes`` crossings, a quarter of the links missing, split into 25 m edges as read from OSM:
about a million nodes). Also with 20,000 extra random origins, as a region with PC6 postcodes.

Measured in the same run, as baselines: the straight-line estimate (a cKDTree query) and one
multi-source Dijkstra over the whole network (``WalkingNetwork.nearest``, the nearest site only).
Printed: seconds and the ratio to that one pass. Target: the areas' walks take under 40 passes
(a few seconds per rebuild, once per change: the answer is kept while points and network stay).
Exit code 1 when the target fails. Timing belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from paraat.geo import nearest
from paraat.geo.crs import RD_NEW, reproject
from paraat.geo.network import WalkingNetwork
from paraat.geo.readers import read_features

DATA = Path(__file__).resolve().parents[2] / "src/paraat/areas/demo_data/brabant-noord"
TARGET_PASSES = 40.0


def centres(filename: str) -> np.ndarray:
    table = read_features(DATA / filename)
    points = [
        reproject(geometry, table.crs or 4326, RD_NEW).representative_point()
        for geometry in table.geometries
        if geometry is not None
    ]
    return np.array([[p.x, p.y] for p in points], dtype=float)


def sites() -> np.ndarray:
    table = read_features(DATA / "stemlokalen_tk2023.geojson")
    every = np.array([[row["x_rd"], row["y_rd"]] for row in table.rows], dtype=float)
    return every[np.isfinite(every).all(axis=1)][::7]


def street_grid(bounds: tuple[float, ...], crossings: int, seed: int = 7) -> WalkingNetwork:
    minx, miny, maxx, maxy = bounds
    spacing = np.sqrt((maxx - minx) * (maxy - miny) / crossings)
    nx_, ny_ = int((maxx - minx) / spacing) + 1, int((maxy - miny) / spacing) + 1
    rng = np.random.default_rng(seed)
    gx, gy = np.meshgrid(np.arange(nx_), np.arange(ny_), indexing="ij")
    x = minx + gx.ravel() * spacing + rng.uniform(-0.3, 0.3, gx.size) * spacing
    y = miny + gy.ravel() * spacing + rng.uniform(-0.3, 0.3, gy.size) * spacing
    ids = np.arange(gx.size).reshape(nx_, ny_)
    a = np.concatenate([ids[:-1, :].ravel(), ids[:, :-1].ravel()])
    b = np.concatenate([ids[1:, :].ravel(), ids[:, 1:].ravel()])
    keep = rng.random(len(a)) > 0.25
    return WalkingNetwork.from_segments(x, y, a[keep], b[keep])


def timed(function, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=80_000, help="street crossings of the grid")
    parser.add_argument("--k", type=int, default=8, help="nearest points kept per area")
    args = parser.parse_args()
    origins = np.vstack([centres("pc4_inwoners_2021.geojson"), centres("wijken_2022.geojson")])
    points = sites()
    pad = 2_000.0
    bounds = (
        min(origins[:, 0].min(), points[:, 0].min()) - pad,
        min(origins[:, 1].min(), points[:, 1].min()) - pad,
        max(origins[:, 0].max(), points[:, 0].max()) + pad,
        max(origins[:, 1].max(), points[:, 1].max()) + pad,
    )
    network = street_grid(bounds, args.nodes)
    network.snap(points[:1])  # build the snapping tree once, as a loaded network does
    print(f"network: {network.n_nodes:,} nodes; {len(points)} points; {len(origins)} areas")
    one_pass, _ = timed(lambda: network.nearest(origins, points))
    estimate, _ = timed(lambda: nearest.nearest(points, origins, args.k))
    walks, (metres, _found) = timed(lambda: nearest.walking(network, points, origins, args.k), 2)
    rng = np.random.default_rng(1)
    many = np.vstack(
        [
            origins,
            np.column_stack(
                [
                    rng.uniform(bounds[0], bounds[2], 20_000),
                    rng.uniform(bounds[1], bounds[3], 20_000),
                ]
            ),
        ]
    )
    with_pc6, _ = timed(lambda: nearest.walking(network, points, many, args.k), 1)
    print(f"baseline: one nearest() pass {one_pass:.3f} s; straight-line estimate {estimate:.4f} s")
    ratio = walks / one_pass
    print(
        f"walks to the {args.k} nearest, {len(origins)} areas: {walks:.2f} s "
        f"= {ratio:.1f} passes ({walks / estimate:,.0f}x the estimate); "
        f"{int(np.isinf(metres).sum())} of {metres.size} out of reach"
    )
    print(f"with 20,000 more origins (PC6): {with_pc6:.2f} s = {with_pc6 / one_pass:.1f} passes")
    ok = ratio <= TARGET_PASSES
    print(f"{'PASS' if ok else 'FAIL'}: areas' walks within {TARGET_PASSES:.0f} passes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
