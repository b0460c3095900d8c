"""Load benchmark for status ingest and the operational picture (issues 5 and 16), against a
real server on loopback (gunicorn gthread, as `paraat serve`), on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/operations/bench_load.py [--points 500] [--minutes 30] [--backends sqlite,postgres] [--pg-database paraat_bench] [--profile DIR]

500 active points each send a report per simulated minute: 32 concurrent reporters (half through
the API, half through the phone form), while 20 operators each refresh the operational picture
every 10 s. Two phases: first the reporters send as fast as the server takes them (closed loop:
the reports/s the server can take), then for --rate-seconds the reports are due at the target
rate of 300 a second, spread over the 32 reporters (open loop), and each report's latency counts
from the moment it was due. The POST p99 target holds at that rate: in the closed loop 32
reporters that never pause keep 32 reports in flight, so by Little's law the mean latency there
is 32 ÷ reports/s whatever the server does (50 ms would need 640 reports/s). The baseline, measured against the
same server just before, is /health/ (one trivial query) from 32 threads; a probe asks /health/
every 0.5 s during the load too. Printed per backend: requests/s, reports/s, POST and picture
p50/p99, errors, lost or duplicated reports, the ratios to /health/, and PASS/FAIL against the
targets of issue 16: POST p99 < 50 ms at 300 reports/s, at least 300 reports/s, picture p99 <
100 ms.

The PostgreSQL database named by --pg-database is dropped and created again: give it a name of its own.
With --profile DIR every request of each server worker runs under cProfile (slower: time a run
without it); the profile per worker goes to DIR and the top functions are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from paraat.testing.loadkit import Client, report_body  # noqa: E402

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
REPORTERS = 32
OPERATORS = 20
REFRESH_SECONDS = 10.0
PROBE_SECONDS = 0.5
BASELINE_REQUESTS = 3000
# Issue 16's targets.
TARGET_POST_P99_MS = 50.0
TARGET_REPORTS_PER_S = 300.0
TARGET_PICTURE_P99_MS = 100.0
PROFILE_CONFIG = Path(__file__).with_name("gunicorn_profile.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    env: dict[str, str], port: int, profile: Path | None, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    """gunicorn as `paraat serve` starts it (gthread workers; by default as many workers and
    threads as `paraat serve`'s defaults), without the access log."""
    argv = [sys.executable, "-m", "gunicorn", "paraat.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread"]  # fmt: skip
    if profile is not None:
        argv += ["--config", str(PROFILE_CONFIG)]
        env = {**env, "PARAAT_BENCH_PROFILE_DIR": str(profile)}
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


class Tally:
    """Latencies and errors per kind of request, from many threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}

    def add(self, kind: str, seconds: float | None, error: str = "") -> None:
        """A request's time (None when it had no answer: counted as an error only)."""
        with self.lock:
            if seconds is not None:
                self.seconds.setdefault(kind, []).append(seconds)
            if error:
                self.errors[f"{kind} {error}"] = self.errors.get(f"{kind} {error}", 0) + 1

    def of(self, *kinds: str) -> list[float]:
        return [s for kind in kinds for s in self.seconds.get(kind, [])]


def _call(
    client: Client,
    tally: Tally,
    kind: str,
    method: str,
    path: str,
    due: float | None = None,
    **kw: Any,
) -> None:
    try:
        result = client.request(method, path, **kw)
    except OSError as exc:
        tally.add(kind, None, type(exc).__name__)
        return
    if due is not None:  # open loop: from the moment the report was due
        result.seconds = time.perf_counter() - due
    error = str(result.status) if result.status >= 400 else ""
    if kind == "form" and (result.status != 302 or "/report/" not in result.location):
        error = (
            error or f"{result.status} to {result.location or 'nowhere'}"
        )  # login, or a form error
    tally.add(kind, result.seconds, error)


def baseline(port: int, token: str) -> tuple[float, list[float]]:
    """/health/ from as many threads as there are reporters, as fast as it answers."""
    tally = Tally()
    jobs = iter(range(BASELINE_REQUESTS))
    lock = threading.Lock()

    def run() -> None:
        client = Client("127.0.0.1", port, token)
        while True:
            with lock:
                if next(jobs, None) is None:
                    return
            _call(client, tally, "health", "GET", "/health/")

    start = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(REPORTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, tally.of("health")


def load(
    port: int, seed: dict[str, Any], minutes: range, rate: float | None = None
) -> tuple[float, Tally]:
    """The reporters until every report of ``minutes`` is sent; the operators and the probe
    meanwhile.

    Without ``rate`` each reporter sends its next report as soon as the last is answered (closed
    loop: what the server can take). With ``rate`` the reports are due at that many per second
    in all, spread over the reporters (open loop), and a report's latency counts from the moment
    it was due, not from when it was sent: a server that falls behind shows it in the latencies
    (no coordinated omission).
    """
    incident = seed["incident"]
    api = f"/api/v1/incidents/{incident}/reports/"
    form = f"/operations/{incident}/report/"
    picture = f"/api/v1/incidents/{incident}/picture/"
    reports = iter(
        [(code, f"m{minute}-{code}", minute) for minute in minutes for code in seed["codes"]]
    )
    lock = threading.Lock()
    done = threading.Event()
    tally = Tally()
    sent = iter(range(10**9))
    begin = time.perf_counter() + 0.2

    def reporter(index: int) -> None:
        client = Client("127.0.0.1", port, seed["token"])
        while True:
            with lock:
                job = next(reports, None)
                number = next(sent)
            if job is None:
                return
            due = None
            if rate is not None:
                due = begin + number / rate
                time.sleep(max(0.0, due - time.perf_counter()))
            body = report_body(*job)
            if index % 2 == 0:
                _call(client, tally, "api", "POST", api, body=body, due=due)
                continue
            fields = {
                "point": body["point"], "idempotency_key": body["idempotency_key"],
                "state": body["state"], "visitors": str(body["visitors"]),
                "comms_working": "unknown", "csrfmiddlewaretoken": seed["csrf"],
            }  # fmt: skip
            _call(client, tally, "form", "POST", form, form=fields, cookie=seed["cookie"], due=due)

    def operator(index: int) -> None:
        client = Client("127.0.0.1", port, seed["token"])
        next_at = time.perf_counter() + index * REFRESH_SECONDS / OPERATORS
        while not done.wait(max(0.0, next_at - time.perf_counter())):
            _call(client, tally, "picture", "GET", picture)
            next_at += REFRESH_SECONDS

    def probe() -> None:
        client = Client("127.0.0.1", port, seed["token"])
        while not done.wait(PROBE_SECONDS):
            _call(client, tally, "probe", "GET", "/health/")

    start = time.perf_counter()
    others = [threading.Thread(target=operator, args=(i,)) for i in range(OPERATORS)]
    others.append(threading.Thread(target=probe))
    reporters = [threading.Thread(target=reporter, args=(i,)) for i in range(REPORTERS)]
    for thread in others + reporters:
        thread.start()
    for thread in reporters:
        thread.join()
    seconds = time.perf_counter() - start
    done.set()
    for thread in others:
        thread.join()
    return seconds, tally


def count_reports(url: str, db_file: Path | None) -> tuple[int, int]:
    query = "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM operations_statusreport"
    if db_file is not None:
        import sqlite3

        with sqlite3.connect(db_file) as conn:
            return tuple(conn.execute(query).fetchone())  # type: ignore[return-value]
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return tuple(conn.execute(query).fetchone())  # type: ignore[return-value]


def run_backend(
    backend: str,
    points: int,
    minutes: int,
    pg_database: str,
    profile: Path | None,
    server_src: Path | None = None,
    rate_seconds: float = 20.0,
    workers: int = 2,
    threads: int = 8,
) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix=f"paraat-bench-{backend}-"))
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PARAAT_") and k != "DATABASE_URL"
    }
    env.update(
        {
            "PARAAT_DATA_DIR": str(tmp),
            "PARAAT_ENV": "development",
            "PARAAT_DEBUG": "false",
            "PARAAT_LOG_LEVEL": "WARNING",
        }
    )
    db_file = None
    if backend == "sqlite":
        db_file = tmp / "bench.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{db_file}"
    else:
        import psycopg

        with psycopg.connect(
            PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_database}"')
            conn.execute(f'CREATE DATABASE "{pg_database}"')
        env["DATABASE_URL"] = PG_SERVER + pg_database
    seed_file = tmp / "seed.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "paraat.testing.loadkit",
            "seed",
            "--points",
            str(points),
            "--out",
            str(seed_file),
        ],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        check=True,
    )
    seed = json.loads(seed_file.read_text())
    env["PYTHONPATH"] = str((server_src or ROOT / "src").resolve())
    port = free_port()
    if profile is not None:
        profile = profile / backend
        profile.mkdir(parents=True, exist_ok=True)
    server = start_server(env, port, profile, workers, threads)
    try:
        baseline(port, seed["token"])  # warms both workers up
        base_seconds, base_lat = baseline(port, seed["token"])
        load_before = os.getloadavg()
        cpu_start = _cpu_of(server.pid)
        seconds, tally = load(port, seed, range(minutes))
        cpu_load = _cpu_of(server.pid) - cpu_start
        load_after = os.getloadavg()
        # Then at the target rate, with reports of later minutes (new keys).
        rate_minutes = max(1, round(TARGET_REPORTS_PER_S * rate_seconds / points))
        rate_run = range(minutes, minutes + rate_minutes)
        rate_wall, at_rate = load(port, seed, rate_run, rate=TARGET_REPORTS_PER_S)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    total, distinct = count_reports(env["DATABASE_URL"], db_file)
    expected = points * (minutes + rate_minutes)
    posts = tally.of("api", "form")
    pictures = tally.of("picture") + at_rate.of("picture")
    rate_posts = at_rate.of("api", "form")
    errors = dict(tally.errors)
    for kind, count in at_rate.errors.items():
        errors[kind] = errors.get(kind, 0) + count
    return {
        "backend": backend,
        "requests": len(posts) + len(pictures) + len(tally.of("probe")),
        "seconds": seconds,
        "server_cpu": cpu_load,
        "throughput": (len(posts) + len(pictures) + len(tally.of("probe"))) / seconds,
        "reports_per_s": len(posts) / seconds,
        "post_p50_ms": percentile(posts, 0.5) * 1000,
        "post_p99_ms": percentile(posts, 0.99) * 1000,
        "api_p99_ms": percentile(tally.of("api"), 0.99) * 1000,
        "form_p99_ms": percentile(tally.of("form"), 0.99) * 1000,
        "rate_reports": len(rate_posts),
        "rate_per_s": len(rate_posts) / rate_wall,
        "rate_p50_ms": percentile(rate_posts, 0.5) * 1000,
        "rate_p99_ms": percentile(rate_posts, 0.99) * 1000,
        "rate_api_p99_ms": percentile(at_rate.of("api"), 0.99) * 1000,
        "rate_form_p99_ms": percentile(at_rate.of("form"), 0.99) * 1000,
        "get_p50_ms": percentile(pictures, 0.5) * 1000,
        "get_p99_ms": percentile(pictures, 0.99) * 1000,
        "pictures": len(pictures),
        "probe_p99_ms": percentile(tally.of("probe"), 0.99) * 1000,
        "errors": errors,
        "stored": total,
        "expected": expected,
        "lost": expected - distinct,
        "duplicated": total - distinct,
        "baseline_rps": len(base_lat) / base_seconds,
        "baseline_p50_ms": percentile(base_lat, 0.5) * 1000,
        "baseline_p99_ms": percentile(base_lat, 0.99) * 1000,
        "realtime_reports_per_s": points / 60,
        "load": (load_before, load_after),
    }


def _cpu_of(pid: int) -> float:
    """CPU seconds of the server's process group so far (gunicorn's master and its workers)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pid:  # the process group that start_new_session made
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def serve_defaults() -> tuple[int, int]:
    """`paraat serve`'s workers and threads when no PARAAT_WEB_* variable sets them."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PARAAT_WEB_WORKERS, settings.PARAAT_WEB_THREADS)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARAAT_WEB_")}
    env.update(DJANGO_SETTINGS_MODULE="paraat.settings", PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    workers, threads = out.stdout.split()
    return int(workers), int(threads)


def print_profile(directory: Path, top: int = 25) -> None:
    import pstats

    files = sorted(directory.glob("worker-*.prof"))
    if not files:
        print(f"          no profile written in {directory}")
        return
    stats = pstats.Stats(*(str(f) for f in files))
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", type=int, default=500)
    parser.add_argument("--minutes", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--pg-database", default="paraat_bench", help="dropped and created again for the run"
    )
    parser.add_argument("--profile", type=Path, help="cProfile the server's requests into DIR")
    parser.add_argument(
        "--server-src",
        type=Path,
        help="run the server from this src directory (another checkout: the figures before a change)",
    )
    parser.add_argument(
        "--rate-seconds",
        type=float,
        default=20.0,
        help="how long the second phase offers the target rate (default 20 s)",
    )
    parser.add_argument("--workers", type=int, help="server workers (default: paraat serve's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: paraat serve's)")
    args = parser.parse_args()
    workers, threads = serve_defaults()
    workers, threads = args.workers or workers, args.threads or threads
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.pg_database):
        parser.error("--pg-database: lower-case letters, digits and underscores only")
    ok = True
    for backend in args.backends.split(","):
        r = run_backend(
            backend.strip(),
            args.points,
            args.minutes,
            args.pg_database,
            args.profile,
            args.server_src,
            args.rate_seconds,
            workers,
            threads,
        )
        errors = sum(r["errors"].values())
        health_p99 = r["baseline_p99_ms"]
        print(
            f"{r['backend']} ({workers} workers of {threads} threads): "
            f"{r['requests']} requests in {r['seconds']:.1f} s "
            f"({r['throughput']:.0f} req/s; server CPU {r['server_cpu']:.1f} s), "
            f"{r['reports_per_s']:.0f} reports/s ({r['reports_per_s'] / r['realtime_reports_per_s']:.1f}x real time); "
            f"load average {r['load'][0][0]:.1f} before, {r['load'][1][0]:.1f} after"
        )
        print(
            f"  report POST  p50 {r['post_p50_ms']:.0f} ms, p99 {r['post_p99_ms']:.0f} ms "
            f"(API p99 {r['api_p99_ms']:.0f} ms, phone form p99 {r['form_p99_ms']:.0f} ms)"
        )
        print(
            f"  at {TARGET_REPORTS_PER_S:.0f} reports/s offered: {r['rate_reports']} reports, {r['rate_per_s']:.0f}/s taken, "
            f"POST p50 {r['rate_p50_ms']:.0f} ms, p99 {r['rate_p99_ms']:.0f} ms from the moment each was due "
            f"(API p99 {r['rate_api_p99_ms']:.0f} ms, phone form p99 {r['rate_form_p99_ms']:.0f} ms)"
        )
        print(
            f"  picture GET  p50 {r['get_p50_ms']:.0f} ms, p99 {r['get_p99_ms']:.0f} ms ({r['pictures']} refreshes)"
        )
        print(
            f"  /health/     {r['baseline_rps']:.0f} req/s, p50 {r['baseline_p50_ms']:.1f} ms, p99 {health_p99:.1f} ms "
            f"before the load; p99 {r['probe_p99_ms']:.0f} ms during it"
        )
        print(
            f"  ratios to /health/: reports/s {r['reports_per_s'] / r['baseline_rps']:.3f}, "
            f"POST p99 at {TARGET_REPORTS_PER_S:.0f}/s {r['rate_p99_ms'] / health_p99:.1f}x, picture p99 {r['get_p99_ms'] / health_p99:.1f}x"
        )
        print(
            f"  errors {r['errors'] or 0}; stored {r['stored']} of {r['expected']}, lost {r['lost']}, duplicated {r['duplicated']}"
        )
        checks = [
            (errors == 0 and r["lost"] == 0 and r["duplicated"] == 0, "no error, no lost or duplicated report"),
            (r["rate_p99_ms"] < TARGET_POST_P99_MS, f"report POST p99 < {TARGET_POST_P99_MS:.0f} ms at {TARGET_REPORTS_PER_S:.0f} reports/s"),
            (r["reports_per_s"] >= TARGET_REPORTS_PER_S, f"at least {TARGET_REPORTS_PER_S:.0f} reports/s"),
            (r["get_p99_ms"] < TARGET_PICTURE_P99_MS, f"picture p99 < {TARGET_PICTURE_P99_MS:.0f} ms"),
        ]  # fmt: skip
        for passed, what in checks:
            print(f"  {'PASS' if passed else 'FAIL'}: {what}")
        ok = ok and all(passed for passed, _what in checks)
        if args.profile is not None:
            print_profile(args.profile / backend)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
