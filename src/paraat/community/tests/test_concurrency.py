"""50 volunteers accept a call-out for 3 at the same moment: exactly 3 are accepted.

The accepts run in a separate process, 50 threads with 50 database connections, against a real
database file (SQLite, copied from the test database) or the PostgreSQL test database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from paraat.community import callouts
from paraat.community.constants import AskState, CalloutState
from paraat.community.models import Ask, Callout, Shift
from paraat.community.tests.factories import make_volunteer
from paraat.operations.tests.factories import make_scene

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

N = 50


def _database_url(tmp_path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "storm.sqlite3"
        target = sqlite3.connect(copy)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    user = settings["USER"] or "postgres"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def _counts(url: str, callout_id: int) -> tuple[int, int, int, str]:
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"))
        accepted = db.execute("SELECT count(*) FROM community_ask WHERE callout_id=? AND state='accepted'", (callout_id,)).fetchone()[0]  # fmt: skip
        shifts = db.execute("SELECT count(*) FROM community_shift WHERE callout_id=?", (callout_id,)).fetchone()[0]  # fmt: skip
        count, state = db.execute("SELECT accepted_count, state FROM community_callout WHERE id=?", (callout_id,)).fetchone()  # fmt: skip
        db.close()
        return accepted, shifts, count, state
    callout = Callout.objects.get(pk=callout_id)
    accepted = Ask.objects.filter(callout=callout, state=AskState.ACCEPTED).count()
    return (
        accepted,
        Shift.objects.filter(callout=callout).count(),
        callout.accepted_count,
        callout.state,
    )


def test_it_accepts_exactly_three_of_fifty_simultaneous_yeses(cast, tmp_path):
    scene = make_scene(cast)
    for n in range(N):
        make_volunteer(cast, f"V{n}", dx=10 * n, email="", phone=f"06{n:08d}")
    callout = callouts.start_callout(incident=scene.incident, point=scene.hub, skill="first_aid", needed=3, radius_m=2_000, asks_per_ring=N)  # fmt: skip
    ids = list(callout.asks.values_list("pk", flat=True))
    assert len(ids) == N
    url = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PARAAT_ENV": "test",
        "PARAAT_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "paraat.community.tests.accept_storm", *map(str, ids)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])["results"]
    assert sorted(set(results)) == [AskState.ACCEPTED, AskState.NOT_NEEDED], results
    assert results.count(AskState.ACCEPTED) == 3
    assert _counts(url, callout.pk) == (3, 3, 3, CalloutState.FILLED)
