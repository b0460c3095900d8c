"""Benchmark of merging a bundle of 100,000 changes into a SQLite instance (issue 15).

    .venv/bin/python benchmarks/sync/bench_merge.py [--changes 100000] [--cycles 10] [--profile FILE]

Builds, in a temporary directory, a region server and a laptop (two SQLite databases, each used by
its own `paraat` processes), as the two-instance test does: the laptop imports the region's
bundle, then takes real writes through the services while it is apart (status reports, logbook
entries, edits of a point and of the incident, help requests made, claimed and closed, and the
audit entries and activation updates those make). Those changes are the pattern: copied with
fresh uids, change ids, idempotency keys and later clock stamps (each copy's `base` stamps
follow the journal, so an edit is an ordinary newer edit) until the bundle holds N changes,
written and signed as `paraat bundle export` writes them. Then, in the same run:
- `paraat bundle import` of that bundle on the region (a process of its own; the figure
  includes starting Django), the target being under 30 s (PASS/FAIL, exit code 1);
- the baseline: Django's own `paraat loaddata` of the same records (every row the merge made or
  changed, dumped afterwards as a fixture) into a copy of the region's database taken before the
  merge, i.e. the cost of writing those rows without checking, journaling or merging anything;
- that every record of the bundle arrived once (by uid), and the ratio merge / loaddata.
Both wall time and CPU time of each process are printed: on a machine shared with other work the
wall time grows with the load, the CPU time much less.
`--profile FILE` runs the import under cProfile and writes the statistics to FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from paraat.sync import bundle  # noqa: E402  (pure Python, no Django)
from paraat.testing.bundles import synthesize  # noqa: E402

TARGET_SECONDS = 30.0
SECRET = "bench-sync-secret"
SYNCED = {
    "supportpoints.supportpoint": "supportpoints_supportpoint",
    "operations.incident": "operations_incident",
    "operations.activation": "operations_activation",
    "operations.helprequest": "operations_helprequest",
    "operations.statusreport": "operations_statusreport",
    "operations.logentry": "operations_logentry",
    "core.auditentry": "core_auditentry",
}


def env_for(folder: Path, name: str, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PARAAT_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{folder / (name + '.sqlite3')}",
            "PARAAT_DATA_DIR": str(folder / name),
            "PARAAT_ENV": "development",
            "PARAAT_LOG_LEVEL": "WARNING",
            "PARAAT_SYNC_SECRET": SECRET,
            "PARAAT_SYNC_INSTANCE_NAME": name,
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def paraat(env: dict[str, str], *args: str) -> str:
    return run(env, sys.executable, "-m", "paraat", *args)


def scenario(env: dict[str, str], name: str) -> str:
    return run(env, sys.executable, "-m", "paraat.sync.tests.scenario", name)


def own_step(env: dict[str, str], name: str, *args: str) -> str:
    return run(env, sys.executable, __file__, "--step", name, *args)


# Steps run in a process of their own, against the database in their environment.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    import django

    django.setup()


def step_writes(cycles: int) -> None:
    """The laptop apart: a realistic mix of writes through the services."""
    _django()
    from paraat.accounts.models import User
    from paraat.operations import services
    from paraat.operations.constants import Channel, Need, Phase, PointState
    from paraat.operations.models import Incident
    from paraat.supportpoints import services as point_services
    from paraat.supportpoints.models import SupportPoint

    incident = Incident.objects.get()
    cas = User.objects.get(username="cas")
    points = list(SupportPoint.objects.filter(code__in=["OSS-01", "OSS-02"]).order_by("code"))
    states = [PointState.OPEN, PointState.LIMITED, PointState.OPEN, PointState.FULL]
    for cycle in range(cycles):
        for n in range(20):
            point = points[n % 2]
            services.record_status(
                incident=incident, point=point, idempotency_key=f"w{cycle}-{n}",
                state=states[n % 4], channel=Channel.LINE if n % 3 else Channel.WEB,
                visitors=10 * n + cycle, needs=[Need.DRINKING_WATER] if n % 5 == 0 else [],
                reporter=cas, note=f"ronde {cycle}",
            )  # fmt: skip
        for n in range(6):
            services.log(incident=incident, author=cas, text=f"Logboek ronde {cycle}, regel {n}")
        point = points[cycle % 2]
        point_services.save_point(
            region=point.region, point=point, data={"notes": f"sleutel bij buren ({cycle})"}
        )
        services.set_phase(
            incident=incident,
            phase=Phase.OPERATIONAL if cycle % 2 == 0 else Phase.SCALING_UP,
            user=cas,
        )
        request = services.create_help_request(
            incident=incident, kind=Need.DRINKING_WATER, description=f"Water voor {cycle} mensen",
            user=cas, point=point, idempotency_key=f"hv{cycle}",
        )  # fmt: skip
        services.claim_request(request=request, user=cas)
        services.complete_request(request=request, user=cas, outcome="geleverd")


def step_fixture(bundle_path: str, out: str) -> None:
    """Every row the bundle made or changed, as a Django fixture (the baseline's input)."""
    _django()
    from django.core import serializers

    from paraat.sync import registry

    uids: dict[str, set[str]] = {}
    with open(bundle_path, encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            change = json.loads(line)
            uids.setdefault(change["model"], set()).add(change["uid"])
    rows: list[Any] = []
    for label, wanted in uids.items():
        manager = registry.model_of(label)._default_manager
        found = list(manager.filter(uid__in=list(wanted)).order_by("pk"))
        rows.extend(found)
    with open(out, "w", encoding="utf-8") as fixture:
        serializers.serialize("json", rows, stream=fixture)
    print(json.dumps({"rows": len(rows)}))


def children_cpu() -> float:
    """CPU seconds of the finished child processes: on a shared machine, what the work cost."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite database, with what is still in its write-ahead log."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def count_by_uid(db: Path, uids: dict[str, set[str]]) -> tuple[int, int]:
    """(records present once, records missing or doubled) of the bundle's uids."""
    good = bad = 0
    with sqlite3.connect(db) as conn:
        for label, wanted in uids.items():
            table = SYNCED[label]
            present: dict[str, int] = {}
            for (uid,) in conn.execute(f'SELECT uid FROM "{table}"'):  # noqa: S608
                key = str(uuid.UUID(str(uid))) if uid else uid
                present[key] = present.get(key, 0) + 1
            for uid in wanted:
                if present.get(uid) == 1:
                    good += 1
                else:
                    bad += 1
    return good, bad


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--cycles", type=int, default=10, help="write cycles of the pattern")
    parser.add_argument("--profile", metavar="FILE", help="run the import under cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "writes":
        step_writes(int(args.args[0]))
        return 0
    if args.step == "fixture":
        step_fixture(*args.args)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="paraat-bench-sync-"))
    region, laptop = env_for(tmp, "region"), env_for(tmp, "laptop")
    try:
        print(f"set-up in {tmp}: region and laptop, {args.cycles} write cycles on the laptop…")
        paraat(region, "migrate", "-v0")
        copy_database(tmp / "region.sqlite3", tmp / "laptop.sqlite3")  # migrate once
        for env in (region, laptop):
            scenario(env, "cast")
        scenario(region, "seed")
        first = json.loads(paraat(region, "bundle", "export", str(tmp / "r1.jsonl"), "--json"))
        paraat(laptop, "bundle", "import", str(tmp / "r1.jsonl"))
        with sqlite3.connect(tmp / "laptop.sqlite3") as conn:
            (since,) = conn.execute("SELECT MAX(id) FROM sync_change").fetchone()
        own_step(laptop, "writes", str(args.cycles))
        apart = json.loads(
            paraat(
                laptop, "bundle", "export", str(tmp / "l1.jsonl"), "--since", str(since), "--json"
            )
        )
        seed = bundle.read(tmp / "r1.jsonl", SECRET).changes
        pattern = bundle.read(tmp / "l1.jsonl", SECRET)
        changes = synthesize(
            pattern.changes, seed, args.changes, pattern.header["instance"]["node"]
        )
        big = tmp / "big.jsonl"
        header = {**pattern.header, "since": 0, "until": len(changes)}
        header.pop("count", None)
        header.pop("signature", None)
        bundle.write(big, header, changes, SECRET)
        mix: dict[str, int] = {}
        uids: dict[str, set[str]] = {}
        for change in changes:
            mix[change["model"]] = mix.get(change["model"], 0) + 1
            uids.setdefault(change["model"], set()).add(change["uid"])
        print(
            f"bundle: {len(changes):,} changes ({big.stat().st_size / 1e6:.0f} MB) from a pattern of "
            f"{apart['count']} real changes; region seed {first['count']} changes"
        )
        for label, n in sorted(mix.items(), key=lambda item: -item[1]):
            print(f"  {label:28} {n:>7,} changes, {len(uids[label]):>7,} records")

        copy_database(tmp / "region.sqlite3", tmp / "region-before.sqlite3")
        copy_database(tmp / "region.sqlite3", tmp / "baseline.sqlite3")
        command = ["bundle", "import", str(big), "--json"]
        cpu = children_cpu()
        started = time.perf_counter()
        if args.profile:
            out = run(
                region,
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                args.profile,
                "-m",
                "paraat",
                *command,
            )
        else:
            out = paraat(region, *command)
        merge_s = time.perf_counter() - started
        merge_cpu = children_cpu() - cpu
        result = json.loads(out)
        good, bad = count_by_uid(tmp / "region.sqlite3", uids)

        fixture = tmp / "fixture.json"
        rows = json.loads(own_step(region, "fixture", str(big), str(fixture)))["rows"]
        base_env = env_for(tmp, "baseline")
        cpu = children_cpu()
        started = time.perf_counter()
        paraat(base_env, "loaddata", str(fixture), "-v0")
        load_s = time.perf_counter() - started
        load_cpu = children_cpu() - cpu
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"\n{'':22} {'seconds':>8} {'CPU s':>6} {'changes/s':>10} {'rows':>8}\n"
        f"{'bundle import (merge)':22} {merge_s:>8.1f} {merge_cpu:>6.1f} {len(changes) / merge_s:>10,.0f} {result['created']:>8,}\n"
        f"{'loaddata (baseline)':22} {load_s:>8.1f} {load_cpu:>6.1f} {len(changes) / load_s:>10,.0f} {rows:>8,}\n"
        f"merge / loaddata: {merge_s / load_s:.2f}× wall time, {merge_cpu / load_cpu:.2f}× CPU time; "
        f"applied {result['applied']:,}, created "
        f"{result['created']:,}, conflicts {result['conflicts']}, already {result['already']}"
    )
    ok = merge_s < TARGET_SECONDS and bad == 0 and result["applied"] == len(changes)
    print(
        f"{'PASS' if ok else 'FAIL'}: {len(changes):,} changes merged in {merge_s:.1f} s "
        f"(target < {TARGET_SECONDS:.0f} s), every record once by uid ({good:,} present, {bad} "
        f"missing or doubled)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
