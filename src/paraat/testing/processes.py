"""Run Paraat as separate processes in tests: its own database, `paraat serve`, `paraat backup`.

Each test gets a fresh database of the same engine as the run (`DATABASE_URL`): an SQLite file in
the test's directory, or a new PostgreSQL database beside the run's one, dropped afterwards.
A test that only needs the tables asks for ``migrated=True``: a copy of one database that
`paraat migrate` built once per test process, instead of a migration of its own (about ten
seconds each, and the sync tests make a dozen databases).
"""

from __future__ import annotations

import atexit
import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a Paraat process with its own database and data directory."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PARAAT_")
        # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for this process; a server started
        # from a test is a production-like process and must not inherit it (check --deploy).
        and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "PARAAT_DATA_DIR": str(data_dir),
            "PARAAT_ENV": "development",
        }
    )
    env.update(extra)
    return env


def paraat(
    env: dict[str, str], *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `paraat ARGS` in its own process; fail with its output when it fails."""
    completed = subprocess.run(
        [sys.executable, "-m", "paraat", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode != 0:
        raise AssertionError(
            f"paraat {' '.join(args)} exited {completed.returncode}:\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return completed


def wait_for_health(port: int, process: subprocess.Popen[Any], seconds: float = 120) -> None:
    """Wait until a worker answers GET /health/ (the port opens before the workers have loaded)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/health/", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port} after {seconds} s")


@contextmanager
def serving(
    env: dict[str, str], port: int, *extra: str, log: Path | None = None, bind: bool = True
) -> Iterator[subprocess.Popen[bytes]]:
    """`paraat serve` on 127.0.0.1:PORT for the duration of the block, then stopped.

    With bind=False the command gets no --bind: it listens where PARAAT_WEB_BIND in `env` says.
    """
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    args = ["--bind", f"127.0.0.1:{port}"] if bind else []
    process = subprocess.Popen(
        [sys.executable, "-m", "paraat", "serve", *args, *extra],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_health(port, process)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if log:
            out.close()  # type: ignore[union-attr]


@contextmanager
def fresh_database(tmp_path: Path, label: str, *, migrated: bool = False) -> Iterator[str]:
    """The URL of a new database of the run's engine, removed after the block: empty, or with
    every migration applied (``migrated=True``, copied from this process's migrated template)."""
    template = _migrated_template() if migrated else None
    if not on_postgresql():
        path = tmp_path / (label + ".sqlite3")
        if template:
            path.parent.mkdir(parents=True, exist_ok=True)
            _copy_sqlite(template.removeprefix("sqlite:///"), path)
        yield f"sqlite:///{path}"
        return
    base = urlsplit(os.environ["DATABASE_URL"])
    name = f"{base.path.lstrip('/') or 'paraat'}_{label}_{uuid.uuid4().hex[:8]}"
    like = f' TEMPLATE "{urlsplit(template).path.lstrip("/")}"' if template else ""
    _admin(f'CREATE DATABASE "{name}"{like}')
    try:
        yield urlunsplit(base._replace(path=f"/{name}"))
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_template: list[str] = []  # this process's migrated database, made on first use


def _migrated_template() -> str:
    """A database of the run's engine that `paraat migrate` (a process of its own, as in the
    tests that migrate themselves) brought up to date, once per test process."""
    if _template:
        return _template[0]
    folder = Path(tempfile.mkdtemp(prefix="paraat-migrated-"))
    if on_postgresql():
        base = urlsplit(os.environ["DATABASE_URL"])
        name = f"{base.path.lstrip('/') or 'paraat'}_migrated_{uuid.uuid4().hex[:8]}"
        _admin(f'CREATE DATABASE "{name}"')
        atexit.register(_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        url = urlunsplit(base._replace(path=f"/{name}"))
    else:
        url = f"sqlite:///{folder / 'migrated.sqlite3'}"
    paraat(env_for(url, folder), "migrate", "-v0")
    _template.append(url)
    return url


def _copy_sqlite(source: str, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _admin(sql: str) -> None:
    """One statement on the PostgreSQL server of the run, outside any database of a test."""
    import psycopg

    base = urlsplit(os.environ["DATABASE_URL"])
    admin = urlunsplit(base._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def table_rows(database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the database with all its rows, sorted, to compare two databases."""
    if database_url.startswith("sqlite:///"):
        conn = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        try:
            names = [
                n
                for (n,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names
            }
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(database_url) as pg:
        names = [
            n
            for (n,) in pg.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        ]
        return {n: sorted(pg.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


def query(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one query against a database, without Django."""
    if database_url.startswith("sqlite:///"):
        conn = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(database_url) as pg:
        return pg.execute(sql).fetchall()
