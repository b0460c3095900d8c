"""Kill the server (SIGKILL) while reports are written concurrently: after a restart every
acknowledged report is there exactly once, and resending everything stores nothing twice."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from paraat.testing.loadkit import Client, report_body

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(db: Path, tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PARAAT_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{db}",
            "PARAAT_DATA_DIR": str(tmp),
            "PARAAT_ENV": "development",
        }
    )
    return env


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "paraat.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--worker-class", "gthread"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def test_it_keeps_every_acknowledged_report_exactly_once_after_a_kill(tmp_path: Path) -> None:
    if "postgres" in os.environ.get("DATABASE_URL", ""):
        pytest.skip("the crash test runs the server on its own SQLite file")
    db = tmp_path / "crash.sqlite3"
    env = _env(db, tmp_path)
    seed_file = tmp_path / "seed.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "paraat.testing.loadkit",
            "seed",
            "--points",
            "20",
            "--out",
            str(seed_file),
        ],
        env=env,
        check=True,
        timeout=120,
    )
    seed = json.loads(seed_file.read_text())
    port = _free_port()
    server = _start(env, port)
    path = f"/api/v1/incidents/{seed['incident']}/reports/"
    for _ in range(4):  # load the app in every worker before the clock starts
        Client("127.0.0.1", port, seed["token"]).request(
            "GET", f"/api/v1/incidents/{seed['incident']}/"
        )
    acked: set[str] = set()
    sent: list[tuple[str, str, int]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(worker: int) -> None:
        client = Client("127.0.0.1", port, seed["token"])
        minute = 0
        while not stop.is_set():
            code = seed["codes"][(worker * 7 + minute) % len(seed["codes"])]
            key = f"crash-{worker}-{minute}"
            with lock:
                sent.append((code, key, minute))
            try:
                result = client.request("POST", path, report_body(code, key, minute), timeout=5)
            except OSError:
                return
            if result.status in (200, 201):
                with lock:
                    acked.add(key)
            minute += 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3.0)
    os.killpg(server.pid, signal.SIGKILL)  # master and workers, mid-write
    server.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    assert len(acked) > 20, (
        "the server acknowledged too few reports before the kill to prove anything"
    )

    with sqlite3.connect(db) as conn:
        stored = dict(
            conn.execute(
                "SELECT idempotency_key, COUNT(*) FROM operations_statusreport GROUP BY idempotency_key"
            ).fetchall()
        )
    assert acked <= set(stored), f"lost acknowledged reports: {sorted(acked - set(stored))[:5]}"
    assert all(count == 1 for count in stored.values())

    # After a restart, every report is sent again (as phones do): nothing is stored twice.
    server = _start(env, port)
    try:
        client = Client("127.0.0.1", port, seed["token"])
        statuses = [
            client.request("POST", path, report_body(code, key, minute)).status
            for code, key, minute in sent
        ]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    assert set(statuses) <= {200, 201}
    with sqlite3.connect(db) as conn:
        total, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM operations_statusreport"
        ).fetchone()
    assert total == distinct == len({key for _, key, _ in sent})
