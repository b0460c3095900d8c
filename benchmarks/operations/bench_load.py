"""Load benchmark for operations (issue 5): 500 points each reporting every minute for 30 minutes
of simulated time, plus 20 operators refreshing the picture every 10 s, against a real server on
loopback, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/operations/bench_load.py [--points 500] [--minutes 30] [--backends sqlite,postgres] [--pg-database paraat_bench]

The PostgreSQL database named by --pg-database is dropped and created again: give it a name of its own.

Simulated time is compressed: requests go as fast as the server takes them. The baseline, measured
in the same run against the same server, is the /health/ endpoint (one trivial query). Printed per
backend: throughput, p50/p99 latency, errors, lost or duplicated reports, and the ratios
(reports/s against what real time needs, and against the baseline).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from paraat.testing.loadkit import Client, report_body  # noqa: E402

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
CLIENT_THREADS = 16


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "paraat.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "8", "--worker-class", "gthread"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
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


def hammer(
    port: int, token: str, jobs: list[tuple[str, str, dict | None]]
) -> tuple[float, dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = {"post": [], "get": []}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    local = threading.local()

    def run(job: tuple[str, str, dict | None]) -> None:
        method, path, body = job
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = Client("127.0.0.1", port, token)
        try:
            result = client.request(method, path, body)
            status = result.status
        except OSError as exc:
            status, result = 0, None
            with lock:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            return
        with lock:
            latencies["post" if method == "POST" else "get"].append(result.seconds)
            if status >= 400:
                errors[str(status)] = errors.get(str(status), 0) + 1

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        list(pool.map(run, jobs))
    return time.perf_counter() - start, latencies, errors


def count_reports(url: str, db_file: Path | None) -> tuple[int, int]:
    query = "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM operations_statusreport"
    if db_file is not None:
        import sqlite3

        with sqlite3.connect(db_file) as conn:
            return tuple(conn.execute(query).fetchone())  # type: ignore[return-value]
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return tuple(conn.execute(query).fetchone())  # type: ignore[return-value]


def run_backend(backend: str, points: int, minutes: int, pg_database: str) -> dict[str, object]:
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
        env=env,
        check=True,
    )
    seed = json.loads(seed_file.read_text())
    port = free_port()
    server = start_server(env, port)
    try:
        incident = seed["incident"]
        warm = [("GET", "/health/", None)] * 64
        hammer(port, seed["token"], warm)
        baseline_jobs = [("GET", "/health/", None)] * 2000
        base_seconds, base_lat, base_err = hammer(port, seed["token"], baseline_jobs)
        jobs: list[tuple[str, str, dict | None]] = []
        for minute in range(minutes):
            jobs += [
                (
                    "POST",
                    f"/api/v1/incidents/{incident}/reports/",
                    report_body(code, f"m{minute}-{code}", minute),
                )
                for code in seed["codes"]
            ]
            jobs += [("GET", f"/api/v1/incidents/{incident}/picture/", None)] * (20 * 6)
        seconds, lat, errors = hammer(port, seed["token"], jobs)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    total, distinct = count_reports(env["DATABASE_URL"], db_file)
    expected = points * minutes
    posts = len(lat["post"])
    return {
        "backend": backend,
        "requests": len(jobs),
        "seconds": seconds,
        "throughput": len(jobs) / seconds,
        "reports_per_s": posts / seconds,
        "post_p50_ms": percentile(lat["post"], 0.5) * 1000,
        "post_p99_ms": percentile(lat["post"], 0.99) * 1000,
        "get_p50_ms": percentile(lat["get"], 0.5) * 1000,
        "get_p99_ms": percentile(lat["get"], 0.99) * 1000,
        "errors": errors,
        "stored": total,
        "expected": expected,
        "lost": expected - distinct,
        "duplicated": total - distinct,
        "baseline_rps": len(baseline_jobs) / base_seconds,
        "baseline_p99_ms": percentile(base_lat["get"], 0.99) * 1000,
        "baseline_errors": base_err,
        "realtime_reports_per_s": points / 60,
    }


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
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.pg_database):
        parser.error("--pg-database: lower-case letters, digits and underscores only")
    ok = True
    print(
        f"{'backend':9} {'requests':>8} {'seconds':>8} {'req/s':>7} {'reports/s':>9} {'×realtime':>9} {'×health':>8} {'POST p99':>9} {'GET p99':>8} {'errors':>6} {'lost':>5} {'dup':>4}"
    )
    for backend in args.backends.split(","):
        r = run_backend(backend.strip(), args.points, args.minutes, args.pg_database)
        errors = sum(r["errors"].values())  # type: ignore[union-attr]
        print(
            f"{r['backend']:9} {r['requests']:>8} {r['seconds']:>8.1f} {r['throughput']:>7.0f} {r['reports_per_s']:>9.0f} "
            f"{r['reports_per_s'] / r['realtime_reports_per_s']:>9.1f} {r['throughput'] / r['baseline_rps']:>8.2f} "
            f"{r['post_p99_ms']:>7.0f}ms {r['get_p99_ms']:>6.0f}ms {errors:>6} {r['lost']:>5} {r['duplicated']:>4}"
        )
        print(
            f"          baseline /health/: {r['baseline_rps']:.0f} req/s, p99 {r['baseline_p99_ms']:.0f} ms; POST p50 {r['post_p50_ms']:.0f} ms, GET p50 {r['get_p50_ms']:.0f} ms; errors {r['errors']}"
        )
        verdict = (
            errors == 0
            and r["lost"] == 0
            and r["duplicated"] == 0
            and r["reports_per_s"] >= r["realtime_reports_per_s"]
        )
        ok = ok and verdict
        print(
            f"          {'PASS' if verdict else 'FAIL'}: no error, no lost or duplicated report, faster than real time"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
