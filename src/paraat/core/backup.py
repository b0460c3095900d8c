"""Consistent copies of the database while the server keeps taking writes, and restoring them.

SQLite: the online backup API copies every page inside one read transaction, so the copy is the
database as it was at one moment, while WAL lets writers carry on. PostgreSQL: `pg_dump` reads one
repeatable-read snapshot and writes its custom format; `pg_restore` reads it back. A backup is
written to a temporary file beside the target and renamed when complete, so a failed backup never
leaves half a file under the name asked for. Restore goes only into an empty database: it never
mixes a copy with data that is already there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore cannot be made; the message says why and what to do."""


def file_kind(path: Path) -> str:
    """`sqlite` or `postgresql`, read from the file's first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise BackupError(_("%(file)s: file not found") % {"file": path}) from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(
        _("%(file)s: not a Paraat backup (neither an SQLite file nor a pg_dump archive)")
        % {"file": path}
    )


def engine_kind(db: dict[str, Any]) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(_("cannot back up a database of engine %(engine)s") % {"engine": engine})


def backup(db: dict[str, Any], target: Path) -> None:
    """Write a consistent copy of the database `db` (Django's settings dict) to `target`."""
    target = target.resolve()
    if target.is_dir():
        raise BackupError(_("%(file)s: is a directory; name the backup file") % {"file": target})
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    part = Path(temporary)
    try:
        if engine_kind(db) == "sqlite":
            _backup_sqlite(Path(db["NAME"]), part)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={part}"], db)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def restore(db: dict[str, Any], source: Path) -> None:
    """Fill the empty database `db` with the backup in `source`."""
    kind = engine_kind(db)
    found = file_kind(source)
    if found != kind:
        raise BackupError(
            _(
                "%(file)s: a %(found)s backup cannot be restored into a %(kind)s database; "
                "set DATABASE_URL to a %(found)s database"
            )
            % {"file": source, "found": found, "kind": kind}
        )
    if kind == "sqlite":
        _restore_sqlite(source, Path(db["NAME"]))
    else:
        tables = _pg_tables(db)
        if tables:
            raise BackupError(_not_empty(db["NAME"], tables))
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", str(source)],
            db,
            dbname=True,
        )


def _backup_sqlite(source: Path, part: Path) -> None:
    if not source.is_file():
        raise BackupError(_("%(file)s: the database file does not exist") % {"file": source})
    src = sqlite3.connect(source, timeout=30)  # only read; WAL lets the server keep writing
    dst = sqlite3.connect(part)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        # pages=-1: all pages in one step, under one read lock, so the copy is one moment in time.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        (result,) = dst.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(
                _("the copy failed its integrity check: %(result)s") % {"result": result}
            )
    finally:
        dst.close()
        src.close()


def _restore_sqlite(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (result,) = src.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(
                _("%(file)s: the backup is damaged: %(result)s")
                % {"file": source, "result": result}
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            tables = [
                name
                for (name,) in dst.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            if tables:
                raise BackupError(_not_empty(str(target), tables))
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    finally:
        src.close()


def _not_empty(name: str, tables: list[str]) -> str:
    return _(
        "database %(name)s is not empty (%(count)d tables, e.g. %(table)s): "
        "restore only into a new, empty database"
    ) % {"name": name, "count": len(tables), "table": sorted(tables)[0]}


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _run(argv: list[str], db: dict[str, Any], *, dbname: bool = False) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(
            _(
                "%(program)s not found: install PostgreSQL's client tools "
                "(apt-get install postgresql-client)"
            )
            % {"program": argv[0]}
        )
    if dbname:
        argv = [*argv[:1], f"--dbname={db['NAME']}", *argv[1:]]
    completed = subprocess.run(argv, env=_pg_env(db), capture_output=True, text=True)  # noqa: S603 - a fixed argument list, no shell
    if completed.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": argv[0], "error": completed.stderr.strip()}
        )


def _pg_tables(db: dict[str, Any]) -> list[str]:
    import psycopg

    env = _pg_env(db)
    with psycopg.connect(
        dbname=env["PGDATABASE"],
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    ) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    return [name for (name,) in rows]
