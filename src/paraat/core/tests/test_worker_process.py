"""End to end: a job queued by the web page is run by a real `paraat worker` process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from paraat.core.constants import JobStatus
from paraat.core.models import Job
from paraat.testing import processes
from paraat.testing.personas import Cast

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _database_url(tmp_path) -> str:
    """The test database as the worker process reaches it (SQLite: a file copy of it)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "jobs.sqlite3"
        target = sqlite3.connect(copy)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    user = settings["USER"] or "postgres"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def test_it_runs_a_queued_export_in_a_worker_process(cast: Cast, tmp_path) -> None:
    client = Client()
    client.force_login(cast.rianne)
    assert client.post(reverse("publicinfo:editor-export")).status_code == 302
    job = Job.objects.get()
    url = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PARAAT_ENV": "test",
        "PARAAT_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "paraat", "worker", "--batch"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    [(status, result_file, total, count)] = processes.query(
        url, f"SELECT status, result_file, total, done FROM core_job WHERE id = {job.pk}"
    )
    assert status == JobStatus.DONE, done.stdout + done.stderr
    assert (tmp_path / "jobs" / result_file).is_file()
    assert count == total > 10
