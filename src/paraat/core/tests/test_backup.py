"""`paraat backup` and `paraat restore` on the run's database engine (SQLite or PostgreSQL):
a restore into an empty database holds the same rows in every table, a backup taken while the
server takes status reports holds every report acknowledged before it started, and a restore
never goes into a database that already holds data."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from paraat.testing.loadkit import Client, report_body
from paraat.testing.processes import (
    env_for,
    free_port,
    fresh_database,
    paraat,
    query,
    serving,
    table_rows,
)

pytestmark = pytest.mark.slow


def test_it_restores_every_table_with_the_same_rows(tmp_path: Path) -> None:
    with (
        fresh_database(tmp_path, "bk_src", migrated=True) as source,
        fresh_database(tmp_path, "bk_dst") as dest,
    ):
        paraat(env_for(source, tmp_path), "demo", "--no-serve", timeout=600)
        backup_file = tmp_path / "copy.backup"
        done = paraat(env_for(source, tmp_path), "backup", str(backup_file))
        assert str(backup_file) in done.stdout

        paraat(env_for(dest, tmp_path), "restore", str(backup_file))

        before, after = table_rows(source), table_rows(dest)
        assert set(after) == set(before)
        assert len(before["supportpoints_supportpoint"]) > 50, "the demo should fill the tables"
        different = [name for name in before if before[name] != after[name]]
        assert different == [], f"tables that differ after the restore: {different}"
        # The restored database works: Paraat sees no migration left to apply.
        plan = paraat(env_for(dest, tmp_path), "migrate", "--plan")
        assert "No planned migration operations" in plan.stdout

        # A second restore into the now full database is refused and changes nothing.
        again = subprocess.run(
            [sys.executable, "-m", "paraat", "restore", str(backup_file)],
            env=env_for(dest, tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode != 0
        assert "is niet leeg" in again.stderr
        assert table_rows(dest) == after


def test_it_refuses_a_file_that_is_no_backup(tmp_path: Path) -> None:
    with fresh_database(tmp_path, "bk_none") as database:
        junk = tmp_path / "notes.txt"
        junk.write_text("dit is geen back-up\n")
        refused = subprocess.run(
            [sys.executable, "-m", "paraat", "restore", str(junk)],
            env=env_for(database, tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode != 0
        assert f"{junk}: geen back-up van Paraat" in refused.stderr


def test_it_keeps_every_report_acknowledged_before_a_backup_during_1000_reports(
    tmp_path: Path,
) -> None:
    with fresh_database(tmp_path, "bk_live") as live, fresh_database(tmp_path, "bk_back") as back:
        env = env_for(live, tmp_path)
        seed_file = tmp_path / "seed.json"
        subprocess.run(
            [sys.executable, "-m", "paraat.testing.loadkit", "seed", "--points", "40", "--out", str(seed_file)],
            env=env, check=True, timeout=300,
        )  # fmt: skip
        seed = json.loads(seed_file.read_text())
        path = f"/api/v1/incidents/{seed['incident']}/reports/"
        port = free_port()
        # Writers keep sending until at least ``total`` reports are in and some arrived after the
        # backup finished, however long the backup takes against how fast reports go in.
        total, writers, after_backup = 1000, 16, 20
        sent: set[str] = set()
        acked: dict[str, float] = {}  # idempotency key -> when its acknowledgement arrived
        lock = threading.Lock()
        stop = threading.Event()
        backup_file = tmp_path / "live.backup"

        with serving(env, port, "--workers", "2", "--threads", "8"):

            def writer(worker: int) -> None:
                client = Client("127.0.0.1", port, seed["token"])
                minute = worker
                while not stop.is_set():
                    code = seed["codes"][minute % len(seed["codes"])]
                    key = f"backup-{minute}"
                    with lock:
                        sent.add(key)
                    result = client.request("POST", path, report_body(code, key, minute))
                    if result.status in (200, 201):
                        with lock:
                            acked[key] = time.monotonic()
                    minute += writers
                client.close()

            def acked_after(moment: float) -> int:
                with lock:
                    return sum(1 for at in acked.values() if at > moment)

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
            for thread in threads:
                thread.start()
            while len(acked) < total // 4 and any(t.is_alive() for t in threads):
                time.sleep(0.01)
            started = time.monotonic()
            paraat(env, "backup", str(backup_file))
            finished = time.monotonic()
            deadline = finished + 300
            while (len(acked) < total or acked_after(finished) < after_backup) and (
                time.monotonic() < deadline and all(t.is_alive() for t in threads)
            ):
                time.sleep(0.01)
            stop.set()
            for thread in threads:
                thread.join(timeout=300)

        assert len(acked) >= total, f"the server acknowledged only {len(acked)} reports"
        assert set(acked) == sent, f"sent but not acknowledged: {sorted(sent - set(acked))[:5]}"
        before = {key for key, at in acked.items() if at < started}
        after = {key for key, at in acked.items() if at > finished}
        assert before and after, "the backup should be taken while reports keep arriving"

        paraat(env_for(back, tmp_path), "restore", str(backup_file))
        restored = {
            key for (key,) in query(back, "SELECT idempotency_key FROM operations_statusreport")
        }
        assert before <= restored, (
            f"acknowledged but not in the backup: {sorted(before - restored)[:5]}"
        )
        assert not after <= restored, "reports sent after the backup cannot be in it"
        live_keys = query(
            live, "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM operations_statusreport"
        )
        assert live_keys == [(len(sent), len(sent))]
