"""A region server (`paraat serve`) and a laptop, each its own process and database: the laptop
is made from the region over HTTP, both take writes apart, and `paraat sync --with URL` merges
them both ways; a second sync changes nothing, and a sync killed halfway is repeated whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from paraat.sync.tests.test_two_instances import SKEW, step
from paraat.testing.processes import (
    env_for,
    free_port,
    fresh_database,
    paraat,
    query,
    serving,
)


@contextmanager
def region_and_laptop(tmp_path: Path) -> Iterator[tuple[dict, dict, str, str]]:
    """The region (seeded, served on a free port) and an empty laptop database, migrated."""
    with (
        fresh_database(tmp_path, "region", migrated=True) as r_url,
        fresh_database(tmp_path, "laptop", migrated=True) as l_url,
    ):
        region = env_for(r_url, tmp_path / "r", PARAAT_SYNC_INSTANCE_NAME="regio")
        laptop = env_for(
            l_url, tmp_path / "l", PARAAT_SYNC_INSTANCE_NAME="CP Oss",
            PARAAT_SYNC_CLOCK_SKEW_SECONDS=SKEW,
        )  # fmt: skip
        step(region, "cast")
        step(region, "seed")
        key = json.loads(paraat(region, "token", "create", "cas", "--json").stdout)["key"]
        port = free_port()
        with serving(region, port, log=tmp_path / "serve.log"):
            yield region, {**laptop, "PARAAT_SYNC_TOKEN": key}, f"http://127.0.0.1:{port}", key


def sync(env: dict[str, str], url: str) -> dict:
    return json.loads(paraat(env, "sync", "--with", url, "--json").stdout)


def init_and_write_apart(region: dict, laptop: dict, url: str) -> dict:
    made = json.loads(
        paraat(
            laptop, "instance", "init", "--from", url, "--coordination-point", "CP-OSS", "--json"
        ).stdout
    )
    step(region, "region")  # apart: both edit OSS-01, the region closes the request
    step(laptop, "laptop")  # ... and the laptop claims it
    step(region, "region-reports", 20)
    step(laptop, "laptop-reports", 200)
    return made


def assert_merged(region: dict, laptop: dict) -> tuple[dict, dict]:
    r = json.loads(step(region, "dump"))
    lap = json.loads(step(laptop, "dump"))
    for kind in ("points", "reports", "log"):
        assert r[kind] == lap[kind], kind
    assert len(r["reports"]) == 220  # every report once, by uid
    oss = [p for p in r["points"] if p[1] == "OSS-01"][0]
    assert oss[3] == 120 and oss[4] == "sleutel bij buren"  # field by field
    names = {(c[0], c[1]) for c in r["conflicts"]} & {(c[0], c[1]) for c in lap["conflicts"]}
    assert ("supportpoints.supportpoint", "name") in names
    assert ["operations.helprequest", "status", "decision", "done", "claimed"] in r["conflicts"]
    assert set(lap["journaled_audit"]) <= set(r["audit_uids"])
    return r, lap


@pytest.mark.slow
def test_it_makes_a_laptop_over_http_and_syncs_both_ways_once(tmp_path: Path) -> None:
    with region_and_laptop(tmp_path) as (region, laptop, url, _key):
        made = init_and_write_apart(region, laptop, url)
        assert made["coordination_point"] == "CP-OSS" and made["rows"] > 10
        first = sync(laptop, url)
        assert first["sent"] > 200 and first["merged_there"] == first["sent"]
        assert first["conflicts"] >= 2 and first["conflicts_there"] >= 2
        r, lap = assert_merged(region, laptop)
        # Only the coordination point's own points are on the laptop.
        assert {p[1] for p in lap["points"]} == {"CP-OSS", "OSS-01", "OSS-02", "VUG-01"}
        again = sync(laptop, url)
        assert again["received"] == 0 and again["sent"] == 0 and again["merged"] == 0
        # The records are as they were; only the region's journal may have caught up on the
        # audit entries its own merge wrote (journaled when they are first sent on).
        for before, env in ((r, region), (lap, laptop)):
            after = json.loads(step(env, "dump"))
            assert {**after, "journaled_audit": []} == {**before, "journaled_audit": []}
        last = "SELECT last_exchange_at, role FROM sync_peer"
        was = query(laptop["DATABASE_URL"], last)
        refreshed = json.loads(paraat(laptop, "instance", "refresh", "--json").stdout)
        assert refreshed["received"] == 0
        now = query(laptop["DATABASE_URL"], last)  # what /sync/ shows as the last exchange
        assert now[0][1] == "region" and str(now[0][0]) > str(was[0][0])


@pytest.mark.slow
def test_it_gives_the_same_result_when_a_sync_is_killed_and_retried(tmp_path: Path) -> None:
    with region_and_laptop(tmp_path) as (region, laptop, url, _key):
        init_and_write_apart(region, laptop, url)
        for point in ("pull", "push"):  # killed inside the merge, then after a batch was sent
            killed = subprocess.Popen(
                [sys.executable, "-m", "paraat", "sync", "--with", url],
                env={**laptop, "PARAAT_SYNC_TEST_PAUSE": point},
                stderr=subprocess.PIPE, text=True, start_new_session=True,
            )  # fmt: skip
            assert killed.stderr is not None
            assert killed.stderr.readline().strip() == f"paused at {point}"
            os.killpg(killed.pid, signal.SIGKILL)
            killed.wait(timeout=30)
        retried = sync(laptop, url)
        # The batch the killed run sent was merged there; sent again, it changes nothing there.
        assert retried["sent"] > 0 and retried["merged_there"] == 0
        assert_merged(region, laptop)
        again = sync(laptop, url)
        assert again["received"] == again["sent"] == again["merged"] == 0


def test_it_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    with fresh_database(tmp_path, "full", migrated=True) as db:
        env = env_for(db, tmp_path / "d")
        step(env, "cast")
        done = subprocess.run(
            [sys.executable, "-m", "paraat", "instance", "init", "--from", "x.jsonl",
             "--coordination-point", "CP-OSS"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode != 0
        assert "not empty" in done.stderr and "users" in done.stderr


@pytest.mark.slow
def test_it_makes_a_laptop_from_a_file_and_syncs_from_there(tmp_path: Path) -> None:
    with region_and_laptop(tmp_path) as (region, laptop, url, _key):
        start = tmp_path / "cp-oss.jsonl"
        made = json.loads(
            paraat(region, "bundle", "export", "--coordination-point", "CP-OSS", "--region", "VR21",
                   str(start),
                   "--json").stdout
        )  # fmt: skip
        assert made["kind"] == "snapshot"
        paraat(laptop, "instance", "init", "--from", str(start), "--coordination-point", "CP-OSS")
        step(laptop, "laptop-reports", 5)
        first = sync(laptop, url)  # continues from the file: nothing of it comes again
        assert first["received"] == 0 and first["sent"] > 5 and first["merged_there"] > 5
        assert sync(laptop, url)["sent"] == 0
