"""`paraat bundle import` killed with SIGKILL halfway: nothing changed, and a retry is whole.

A laptop imports a big bundle of the region (real changes from the services, copied with fresh
identities): once killed in the middle of the merge, then again. A twin of the laptop imports
the same bundle without being killed; the two must hold the same records, by uid.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from paraat.sync import bundle as bundle_file
from paraat.testing.bundles import synthesize
from paraat.testing.processes import (
    env_for,
    fresh_database,
    on_postgresql,
    paraat,
    query,
    table_rows,
)

SECRET = "kill-test-secret"
CHANGES = 20_000
RECORDS = {
    "operations_statusreport": "uid, idempotency_key, state, visitors",
    "operations_logentry": "uid, text",
    "operations_helprequest": "uid, status",
    "core_auditentry": "uid, action, model, actor_label",
    "sync_change": "change_id, model, record_uid, stamp",
    "supportpoints_supportpoint": "uid, name, notes",
    "operations_incident": "uid, phase",
}


def step(env: dict[str, str], name: str, count: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "paraat.sync.tests.scenario", name, str(count)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def records(url: str, carried: set[str]) -> dict[str, object]:
    """The records of each synced table, uids written the same way on either engine.

    Audit entries the bundle did not carry are this side's own (the merge's, the peer's row):
    they get new uids in every import, so they count by kind; every other record compares by uid.
    """
    out: dict[str, object] = {}
    for table, columns in RECORDS.items():
        rows = [
            tuple(_plain(v) for v in row) for row in query(url, f"SELECT {columns} FROM {table}")
        ]  # noqa: S608
        if table == "core_auditentry":
            out["own audit"] = sorted(Counter(r[1:] for r in rows if r[0] not in carried).items())
            rows = [r for r in rows if r[0] in carried]
        out[table] = sorted(rows, key=repr)
    return out


def _plain(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value):
        return str(uuid.UUID(value))  # SQLite keeps a UUIDField as 32 hex digits
    return value


@contextmanager
def twin(url: str, tmp_path: Path) -> Iterator[str]:
    """A copy of the database at ``url`` as it is now."""
    if not on_postgresql():
        path = tmp_path / "twin.sqlite3"
        with sqlite3.connect(url.removeprefix("sqlite:///")) as src, sqlite3.connect(path) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        yield f"sqlite:///{path}"
        return
    import psycopg

    base = urlsplit(url)
    name = f"{base.path.lstrip('/')}_twin"
    admin = urlunsplit(base._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base.path.lstrip("/")}"')
    try:
        yield urlunsplit(base._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def merging(url: str) -> bool:
    """Whether the import has begun writing (inside its one transaction)."""
    if not on_postgresql():
        wal = Path(url.removeprefix("sqlite:///") + "-wal")
        return wal.exists() and wal.stat().st_size > 4_000_000
    name = urlsplit(url).path.lstrip("/")
    rows = query(
        url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = "
        f"'{name}' AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",  # noqa: S608
    )
    return bool(rows[0][0])


@pytest.mark.slow
def test_it_leaves_the_database_as_before_and_a_retry_gives_the_same_records(
    tmp_path: Path,
) -> None:
    with (
        fresh_database(tmp_path, "region", migrated=True) as r_url,
        fresh_database(tmp_path, "laptop", migrated=True) as l_url,
    ):
        region = env_for(r_url, tmp_path / "r", PARAAT_SYNC_INSTANCE_NAME="regio",
                         PARAAT_SYNC_SECRET=SECRET)  # fmt: skip
        laptop = env_for(l_url, tmp_path / "l", PARAAT_SYNC_INSTANCE_NAME="CP Oss",
                         PARAAT_SYNC_SECRET=SECRET)  # fmt: skip
        for env in (region, laptop):
            step(env, "cast")
        step(region, "seed")
        first = json.loads(
            paraat(region, "bundle", "export", str(tmp_path / "r1.jsonl"), "--json").stdout
        )
        paraat(laptop, "bundle", "import", str(tmp_path / "r1.jsonl"))
        step(region, "region")
        step(region, "region-reports", 30)
        paraat(
            region, "bundle", "export", str(tmp_path / "r2.jsonl"), "--since", str(first["until"])
        )
        seed = bundle_file.read(tmp_path / "r1.jsonl", SECRET).changes
        pattern = bundle_file.read(tmp_path / "r2.jsonl", SECRET)
        big = tmp_path / "big.jsonl"
        header = {k: v for k, v in pattern.header.items() if k not in ("count", "signature")}
        node = pattern.header["instance"]["node"]
        changes = synthesize(pattern.changes, seed, CHANGES, node)
        bundle_file.write(big, header, changes, SECRET)
        carried = {c["uid"] for c in changes} | {c["uid"] for c in seed}

        before = table_rows(l_url)
        with twin(l_url, tmp_path) as t_url:
            control = env_for(t_url, tmp_path / "t", PARAAT_SYNC_INSTANCE_NAME="CP Oss",
                              PARAAT_SYNC_SECRET=SECRET)  # fmt: skip
            process = subprocess.Popen(
                [sys.executable, "-m", "paraat", "bundle", "import", str(big), "--json"],
                env=laptop, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True,
            )  # fmt: skip
            while process.poll() is None and not merging(l_url):
                time.sleep(0.05)
            assert process.poll() is None, "the import ended before it could be killed"
            os.kill(process.pid, signal.SIGKILL)
            process.communicate(timeout=60)
            assert process.returncode == -signal.SIGKILL

            # One transaction: the killed import left nothing behind.
            assert table_rows(l_url) == before

            retried = json.loads(paraat(laptop, "bundle", "import", str(big), "--json").stdout)
            alone = json.loads(paraat(control, "bundle", "import", str(big), "--json").stdout)
            assert retried == alone
            assert retried["applied"] == CHANGES and retried["already"] == 0
            assert records(l_url, carried) == records(t_url, carried)
            again = json.loads(paraat(laptop, "bundle", "import", str(big), "--json").stdout)
            assert again["applied"] == 0 and again["already"] == CHANGES
