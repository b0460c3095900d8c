"""The public mirror's round, in process (issue 16): the CPU time of writing what one point's
closing changes, on a snapshot with many postcode areas, without nginx, wrk or a server.

    .venv/bin/python benchmarks/publicinfo/bench_follow.py [--pages 20000] [--database demo.sqlite3]
        [--profile]

Loads the Brabant-Noord demo region into a fresh SQLite database (or copies ``--database``, a
database made by ``paraat demo``), then in one worker process: builds the snapshot, adds invented
PC6 areas (inside the demo's PC4 areas, their nearest points from memory) until there are
``--pages`` postcode areas, puts a real incident in progress in the snapshot (every point open,
limited or full, as reported an hour ago), writes the whole mirror once (``export_site`` with an
``export.Mirror``), and then measures ``Mirror.follow`` for:

1. closing the point shown on the most pages (what bench_spike.py's probe does);
2. opening it again;
3. a closing queued behind figure-only changes (other points' services) of earlier rounds: the
   rounds and files until every page of the closing is written.

Printed: files, CPU seconds and CPU per file of each, and the load average. ``--profile`` prints
the cProfile of (1). The machine may be shared: the CPU seconds are what the round costs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _with_pc6(snap: Any, pages: int) -> Any:
    """``snap`` with invented PC6 areas up to ``pages`` postcode areas (seeded: the same each run)."""
    import dataclasses
    import random

    import shapely
    from shapely.geometry import shape

    from paraat.areas.constants import AreaKind
    from paraat.publicinfo.snapshot import AreaEntry

    rng = random.Random(16)
    pc4 = sorted(snap.places.areas[AreaKind.PC4].values(), key=lambda a: a.code)
    letters = [a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ"]
    pc6: dict[str, AreaEntry] = {}
    for n in range(max(0, pages - len(pc4))):
        area = pc4[n % len(pc4)]
        outline = shape(area.outline) if area.outline else None
        lon, lat = area.lon, area.lat
        if outline is not None:
            x0, y0, x1, y1 = outline.bounds
            for _try in range(50):
                x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
                if outline.contains(shapely.Point(x, y)):
                    lon, lat = x, y
                    break
        code = f"{area.code}{letters[n // len(pc4)]}"
        nearest = tuple((i, round(m)) for i, m in snap.nearest_to(lon, lat))
        pc6[code] = AreaEntry(
            AreaKind.PC6, code, "", area.municipality, area.municipality_code, lon, lat, nearest
        )
    areas = {**snap.places.areas, AreaKind.PC6: pc6}
    return dataclasses.replace(snap, places=dataclasses.replace(snap.places, areas=areas))


def _in_incident(snap: Any, now: Any) -> Any:
    import dataclasses
    import datetime as dt
    import random

    from paraat.publicinfo.constants import PublicState, Risk
    from paraat.publicinfo.snapshot import IncidentInfo, PointStatus

    rng = random.Random(16)
    hour = dt.timedelta(hours=1)
    statuses = {
        p.code: PointStatus(
            rng.choice([PublicState.OPEN, PublicState.LIMITED, PublicState.FULL]),
            p.planned_services,
            reported_at=now - hour / 2,
            since=now - hour,
        )
        for p in snap.places.points
    }
    incident = IncidentInfo("power_outage", Risk.POWER_OUTAGE, now - 2 * hour, ())
    situation = dataclasses.replace(
        snap.situation, built_at=now, incidents=(incident,), statuses=statuses
    )
    return dataclasses.replace(snap, situation=situation)


def _moved(snap: Any, seconds: int, **changes: Any) -> Any:
    """The next round's snapshot: ``changes`` are point code -> PointStatus."""
    import dataclasses
    import datetime as dt

    situation = snap.situation
    moved = dataclasses.replace(
        situation,
        built_at=situation.built_at + dt.timedelta(seconds=seconds),
        statuses={**situation.statuses, **changes},
    )
    return dataclasses.replace(snap, situation=moved, version=f"v{seconds}")


def _timed(fn: Any) -> tuple[float, Any]:
    cpu = time.process_time()
    value = fn()
    return time.process_time() - cpu, value


def worker(tmp: Path, pages: int, profile: bool) -> dict[str, Any]:
    import dataclasses

    import django

    django.setup()
    from django.utils import timezone

    from paraat.areas.constants import AreaKind
    from paraat.publicinfo import export, snapshot
    from paraat.publicinfo import pages as page_mod
    from paraat.publicinfo.constants import PublicState

    region = snapshot.public_region()
    assert region is not None, "the demo made no region"
    now = timezone.now().replace(microsecond=0)
    snap = _in_incident(_with_pc6(snapshot.build(region), pages), now)
    areas = [a for kind in (AreaKind.PC4, AreaKind.PC6) for a in snap.places.areas[kind].values()]
    shown: dict[int, int] = {}
    for area in areas:
        for i, _m in page_mod.choose(snap, area.nearest):
            shown[i] = shown.get(i, 0) + 1
    # The probe: the usable point shown on the most pages.
    usable = [i for i in shown if snap.status(snap.places.points[i]).state != PublicState.FULL]
    probe = snap.places.points[max(usable, key=lambda i: (shown[i], -i))]
    site, mirror = tmp / "site", export.Mirror()
    full_cpu, full = _timed(
        lambda: export.export_site(snap, site, posters_too=False, mirror=mirror)
    )
    status = snap.status(probe)
    closed = dataclasses.replace(status, state=PublicState.CLOSED, since=now)
    close = _moved(snap, 10, **{probe.code: closed})

    def follow(new: Any) -> tuple[int, int]:
        rounds = files = 0
        while True:
            result, _codes = mirror.follow(new, site, budget=1e9)
            rounds, files = rounds + 1, files + result.files
            if not mirror.waiting:
                return rounds, files

    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    close_cpu, (_r, close_files) = _timed(lambda: follow(close))
    if profile:
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
    reopen = _moved(close, 20, **{probe.code: dataclasses.replace(status, since=now)})
    open_cpu, (_r, open_files) = _timed(lambda: follow(reopen))

    # A closing behind figure-only changes: every other point's services change in one round
    # each (budget 0: one area a round), then the probe closes.
    later = reopen
    others = [p for p in snap.places.points if p.code != probe.code]
    for n, point in enumerate(others[:10], start=1):
        old = later.status(point)
        fewer = dataclasses.replace(old, services=old.services[1:])
        later = _moved(later, 20 + n, **{point.code: fewer})
        mirror.follow(later, site, budget=0)
    queued = len(mirror.waiting)
    closing = {
        a.code
        for a in export.affected_areas(later, [probe.code])
        if any(
            later.places.points[i].code == probe.code for i, _m in page_mod.choose(later, a.nearest)
        )
    }
    later = _moved(later, 40, **{probe.code: dataclasses.replace(closed, since=now)})
    rounds = behind_files = 0
    while rounds == 0 or closing & set(mirror.waiting):
        result, _codes = mirror.follow(later, site, budget=0.2)
        rounds, behind_files = rounds + 1, behind_files + result.files
    return {
        "areas": len(areas),
        "probe": probe.code,
        "probe_pages": shown[probe.index],
        "full_files": full.files,
        "full_cpu": full_cpu,
        "close_files": close_files,
        "close_cpu": close_cpu,
        "open_files": open_files,
        "open_cpu": open_cpu,
        "queued": queued,
        "behind_rounds": rounds,
        "behind_files": behind_files,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--database", help="a database made by `paraat demo` (copied, not changed)")
    parser.add_argument("--profile", action="store_true", help="cProfile the closing's round")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.worker), args.pages, args.profile)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="paraat-bench-follow-"))
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
        command = [sys.executable, __file__, "--worker", str(tmp), "--pages", str(args.pages)]
        out = subprocess.run(
            command + (["--profile"] if args.profile else []),
            env=env, check=True, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        load_after = os.getloadavg()
        f = json.loads(out.strip().splitlines()[-1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(
        f"{f['areas']} postcode areas; full export through the mirror: {f['full_files']} files, "
        f"{f['full_cpu']:.1f} s CPU"
    )
    for name, label in (("close", f"closing {f['probe']}"), ("open", "opening it again")):
        files, cpu = f[f"{name}_files"], f[f"{name}_cpu"]
        print(
            f"{label} (shown on {f['probe_pages']} pages): {files} files, {cpu:.2f} s CPU, "
            f"{1000 * cpu / max(files, 1):.2f} ms CPU a file"
        )
    print(
        f"closing behind {f['queued']} areas of figure-only changes: every page of it written "
        f"after {f['behind_rounds']} rounds, {f['behind_files']} files"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
