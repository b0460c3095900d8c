"""Static export benchmark (issue 16): a full ``export-public`` of the demo region, then an
incremental one after one point's state changed.

    .venv/bin/python benchmarks/publicinfo/bench_export.py [--runs 3] [--database demo.sqlite3]

Loads the Brabant-Noord demo region into a fresh SQLite database (or copies ``--database``, a
database made by ``paraat demo``), then in one worker process measures, ``--runs`` times each:

1. the full export with posters (``snapshot.build`` + ``export.export_site``);
2. a status report of one point in a real incident, then ``export.update_points`` for it (what
   ``export-public DIR --points CODE`` does), with its snapshot build;
3. the baseline, in the same run on the same disk: copying the whole exported folder, and the
   files the incremental export rewrote (what writing the output costs without making it).

Printed: median wall and CPU seconds, files, the ratios to the baselines, the load average
before and after, and PASS/FAIL against the targets (full export < 10 s, incremental < 1 s, wall
time). The machine may be shared: the CPU seconds are what the export itself costs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FULL_TARGET_S = 10.0
INCREMENTAL_TARGET_S = 1.0


def _timed(fn: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _copy_files(site: Path, names: list[str], into: Path) -> None:
    for name in names:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / name, target)


def worker(tmp: Path, runs: int) -> dict[str, Any]:
    """Runs inside the configured environment (the demo database); returns the figures."""
    import django

    django.setup()
    from django.utils import timezone

    from paraat.operations import services
    from paraat.operations.constants import Channel, IncidentKind
    from paraat.operations.models import Activation, Incident
    from paraat.publicinfo import export, snapshot

    region = snapshot.public_region()
    assert region is not None, "the demo made no region"
    site = tmp / "site"
    full: list[tuple[float, float]] = []
    copies: list[float] = []
    result = None
    for run in range(runs):
        wall, cpu, result = _timed(
            lambda: export.export_site(snapshot.build(region), site, region=region)
        )
        full.append((wall, cpu))
        copy = tmp / f"copy-{run}"
        copies.append(_timed(lambda copy=copy: shutil.copytree(site, copy))[0])
        shutil.rmtree(copy)
    assert result is not None

    user = None
    incident = Incident.objects.in_region(region).real().open().first()
    if incident is None:
        incident = services.create_incident(
            region=region, title="Benchmark", kind=IncidentKind.POWER_OUTAGE, is_exercise=False,
            municipalities=list(region.municipalities.all()), user=user,
        )  # fmt: skip
        services.activate(incident=incident, user=user)
    activation = Activation.objects.filter(incident=incident).select_related("point").first()
    assert activation is not None, "no point was activated"
    point = activation.point
    incremental: list[tuple[float, float]] = []
    rewritten: list[float] = []
    files = 0
    for run in range(runs):
        services.record_status(
            incident=incident, point=point, idempotency_key=f"bench-export-{time.time_ns()}",
            state=("full", "open", "limited")[run % 3], channel=Channel.API,
            reported_at=timezone.now(),
        )  # fmt: skip
        before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
        wall, cpu, changed = _timed(
            lambda: export.update_points(snapshot.build(region), site, [point.code])
        )
        incremental.append((wall, cpu))
        files = changed.files
        names = [
            p.relative_to(site).as_posix()
            for p in site.rglob("*")
            if p.is_file() and before.get(p) != p.stat().st_mtime_ns
        ]
        copy = tmp / f"partial-{run}"
        rewritten.append(_timed(lambda copy=copy, names=names: _copy_files(site, names, copy))[0])
        shutil.rmtree(copy)
    return {
        "full_wall": statistics.median(w for w, _c in full),
        "full_cpu": statistics.median(c for _w, c in full),
        "full_files": result.files,
        "full_mb": result.bytes / 1e6,
        "copy_wall": statistics.median(copies),
        "inc_wall": statistics.median(w for w, _c in incremental),
        "inc_cpu": statistics.median(c for _w, c in incremental),
        "inc_files": files,
        "inc_copy_wall": statistics.median(rewritten),
        "point": point.code,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", help="a database made by `paraat demo` (copied, not changed)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.worker), args.runs)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="paraat-bench-export-"))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARAAT_")}
        env.update(
            {
                "PARAAT_DATA_DIR": str(tmp),
                "PARAAT_ENV": "development",
                "PARAAT_DEBUG": "false",
                "PARAAT_LOG_LEVEL": "WARNING",
                "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
                "DJANGO_SETTINGS_MODULE": "paraat.settings",
                "PYTHONPATH": str(ROOT / "src"),
            }
        )
        if args.database:
            shutil.copyfile(args.database, tmp / "bench.sqlite3")
        else:
            print("loading the demo region ...", flush=True)
            subprocess.run(
                [sys.executable, "-m", "paraat", "demo", "--no-serve"],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        load_before = os.getloadavg()
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(tmp), "--runs", str(args.runs)],
            env=env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        load_after = os.getloadavg()
        figures = json.loads(out.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    f = figures
    full_ok = f["full_wall"] < FULL_TARGET_S
    inc_ok = f["inc_wall"] < INCREMENTAL_TARGET_S
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(
        f"full export:        {f['full_wall']:6.2f} s wall, {f['full_cpu']:6.2f} s CPU, "
        f"{f['full_files']} files, {f['full_mb']:.1f} MB; copying them: {f['copy_wall']:.2f} s "
        f"(ratio {f['full_wall'] / max(f['copy_wall'], 1e-6):.0f}x); target < {FULL_TARGET_S:g} s: "
        f"{'PASS' if full_ok else 'FAIL'}"
    )
    print(
        f"incremental ({f['point']}): {f['inc_wall']:6.2f} s wall, {f['inc_cpu']:6.2f} s CPU, "
        f"{f['inc_files']} files; copying them: {f['inc_copy_wall']:.3f} s "
        f"(ratio {f['inc_wall'] / max(f['inc_copy_wall'], 1e-6):.0f}x); share of the full export "
        f"{f['inc_wall'] / f['full_wall']:.1%}; target < {INCREMENTAL_TARGET_S:g} s: "
        f"{'PASS' if inc_ok else 'FAIL'}"
    )
    return 0 if full_ok and inc_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
