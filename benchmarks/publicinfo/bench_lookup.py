"""Postcode lookup benchmark for the resident pages (issue 6), on loopback.

    .venv/bin/python benchmarks/publicinfo/bench_lookup.py [--requests 20000] [--clients 16]

Loads the Brabant-Noord demo region into a fresh SQLite database, exports the static public site,
then measures in the same run:

1. the app: ``GET /public/postcode/<pc4>/`` for random demo postcodes, served by gunicorn
   (2 gthread workers × 8 threads, as in production) on 127.0.0.1;
2. the baseline: the same pages from the static export (``postcode/<pc4>/index.html``), served
   by Python's standard ``http.server`` (threaded, HTTP/1.1 keep-alive), a plain web server.

The client is a bounded loop: ``--clients`` keep-alive connections spread over 2 processes, each
sending its next request when the previous answer is in. Printed: requests/s, p50/p99 latency,
errors, and the ratio app/static. PASS needs the app at ≥ 1,000 requests/s with p99 < 100 ms and
no errors. The machine is shared by client and servers (2 cores): figures are lower bounds.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT_PROCESSES = 2
STATIC_SERVER = """
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

class Quiet(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass

ThreadingHTTPServer.daemon_threads = True
handler = partial(Quiet, directory=sys.argv[2])
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def start_app(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "paraat.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "8", "--worker-class", "gthread"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    wait_for(port, process)
    return process


def start_static(site: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", STATIC_SERVER, str(port), str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    wait_for(port, process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _worker(args: tuple[int, list[str], int]) -> tuple[list[float], int, int]:
    """One client process: ``threads`` keep-alive connections taking paths from a shared list."""
    import threading

    port, paths, threads = args
    latencies: list[float] = []
    errors = 0
    received = 0
    lock = threading.Lock()
    queue = iter(paths)

    def loop() -> None:
        nonlocal errors, received
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = size = 0
        while True:
            with lock:
                path = next(queue, None)
            if path is None:
                break
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    bad += 1
                size += len(body)
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad
            received += size

    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, errors, received


def hammer(port: int, paths: list[str], clients: int) -> dict[str, float]:
    per = max(1, clients // CLIENT_PROCESSES)
    chunks = [paths[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]
    with multiprocessing.get_context("spawn").Pool(CLIENT_PROCESSES) as pool:
        pool.map(_worker, [(port, chunk[:50], 1) for chunk in chunks])  # start-up, connections
        start = time.perf_counter()
        results = pool.map(_worker, [(port, chunk, per) for chunk in chunks])
        seconds = time.perf_counter() - start
    latencies = sorted(lat for result in results for lat in result[0])
    errors = sum(result[1] for result in results)

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "requests": len(paths),
        "seconds": seconds,
        "rps": len(paths) / seconds,
        "p50": pct(0.50),
        "p99": pct(0.99),
        "errors": errors,
        "kb": sum(result[2] for result in results) / len(paths) / 1000,
    }


def prepare(tmp: Path) -> tuple[dict[str, str], list[str], Path]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PARAAT_") and k != "DATABASE_URL"
    }
    env.update(
        {
            "PARAAT_DATA_DIR": str(tmp),
            "PARAAT_ENV": "development",
            "PARAAT_DEBUG": "false",
            "PARAAT_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    run = [sys.executable, "-m", "paraat"]
    subprocess.run([*run, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    site = tmp / "site"
    subprocess.run([*run, "export-public", str(site), "--no-posters"], env=env, check=True)
    codes = sorted(p.name for p in (site / "postcode").iterdir() if len(p.name) == 4)
    return env, codes, site


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="paraat-bench-public-"))
    try:
        return run(tmp, args.requests, args.clients)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path, requests: int, clients: int) -> int:
    env, codes, site = prepare(tmp)
    rng = random.Random(6)
    chosen = [rng.choice(codes) for _ in range(requests)]
    app_paths = [f"/public/postcode/{code}/" for code in chosen]
    static_paths = [f"/postcode/{code}/index.html" for code in chosen]
    print(f"{len(codes)} demo postcodes, {requests} requests, {clients} clients")

    port = free_port()
    app = start_app(env, port)
    try:
        hammer(port, [f"/public/postcode/{code}/" for code in codes] * 2, clients)  # warm
        app_result = hammer(port, app_paths, clients)
        if "5211" in codes:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/public/lookup/?postcode=5211")
            redirect = conn.getresponse()
            redirect.read()
            assert redirect.status == 302, redirect.status
    finally:
        stop(app)
    port = free_port()
    static = start_static(site, port)
    try:
        static_result = hammer(port, static_paths, clients)
    finally:
        stop(static)

    print(f"{'server':28} {'req/s':>7} {'p50':>8} {'p99':>8} {'errors':>6} {'kB/page':>7}")
    for name, r in (
        ("app (gunicorn gthread 2x8)", app_result),
        ("static export (http.server)", static_result),
    ):
        print(
            f"{name:28} {r['rps']:>7.0f} {r['p50']:>6.1f}ms {r['p99']:>6.1f}ms "
            f"{r['errors']:>6.0f} {r['kb']:>7.1f}"
        )
    ratio = app_result["rps"] / static_result["rps"]
    print(f"ratio app / static export: {ratio:.2f}× requests per second")
    ok = app_result["rps"] >= 1_000 and app_result["p99"] < 100 and app_result["errors"] == 0
    print(f"{'PASS' if ok else 'FAIL'}: app ≥ 1,000 req/s with p99 < 100 ms and no errors")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
