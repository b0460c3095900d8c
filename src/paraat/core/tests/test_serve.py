"""`paraat serve` runs gunicorn with the workers and threads of the settings and logs requests."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest

from paraat.testing.processes import env_for, free_port, paraat, serving

pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_it_serves_with_the_workers_of_the_settings_and_logs_each_request(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    env = env_for(database, tmp_path, PARAAT_WEB_WORKERS="3", PARAAT_WEB_THREADS="2")
    paraat(env, "migrate")
    port, log = free_port(), tmp_path / "serve.log"
    with serving(env, port, log=log) as server:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=10) as response:
            assert json.loads(response.read()) == {"status": "ok"}
        deadline = time.time() + 20
        # Three gunicorn workers and the background worker that `paraat serve` starts.
        while len(_children(server.pid)) < 4 and time.time() < deadline:
            time.sleep(0.1)
        assert len(_children(server.pid)) == 4
    text = log.read_text()
    assert "GET /health/ HTTP/1.1" in text
    assert "(pid:" in text and "gthread" in text


def test_it_shows_its_options_in_the_help() -> None:
    env = env_for("sqlite:///:memory:", Path("/tmp"))
    help_text = paraat(env, "serve", "--help").stdout
    assert "--workers" in help_text and "--threads" in help_text and "--bind" in help_text
