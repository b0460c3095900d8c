"""A region server and a laptop, each its own process and database, exchanging by bundle."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from paraat.testing.processes import env_for, fresh_database, paraat

SKEW = str(-3 * 3600)  # the laptop's clock is three hours behind
LAPTOP_REPORTS = 1_000  # the Done-when: 1,000 status reports on the laptop while apart


def step(env: dict[str, str], name: str, count: int = 0) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "paraat.sync.tests.scenario", name, str(count)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def bundle(env: dict[str, str], *args: str) -> dict:
    return json.loads(paraat(env, "bundle", *args, "--json").stdout)


@pytest.mark.slow
def test_it_merges_both_ways_without_loss_and_a_second_exchange_changes_nothing(
    tmp_path: Path,
) -> None:
    with (
        fresh_database(tmp_path, "region", migrated=True) as r_url,
        fresh_database(tmp_path, "laptop", migrated=True) as l_url,
    ):
        region = env_for(r_url, tmp_path / "r", PARAAT_SYNC_INSTANCE_NAME="regio")
        laptop = env_for(
            l_url,
            tmp_path / "l",
            PARAAT_SYNC_INSTANCE_NAME="CP Oss",
            PARAAT_SYNC_CLOCK_SKEW_SECONDS=SKEW,
        )
        for env in (region, laptop):
            step(env, "cast")
        step(region, "seed")
        first = bundle(region, "export", str(tmp_path / "r1.jsonl"))
        assert bundle(laptop, "import", str(tmp_path / "r1.jsonl"))["created"] > 10

        step(region, "region")  # apart: both edit OSS-01, the region closes the request
        step(laptop, "laptop")  # ... and the laptop claims it
        acked = [json.loads(step(region, "region-reports", 20))]
        acked.append(json.loads(step(laptop, "laptop-reports", LAPTOP_REPORTS)))

        to_region = bundle(laptop, "export", str(tmp_path / "l1.jsonl"))
        to_laptop = bundle(
            region, "export", str(tmp_path / "r2.jsonl"), "--since", str(first["until"])
        )
        merged_r = bundle(region, "import", str(tmp_path / "l1.jsonl"))
        merged_l = bundle(laptop, "import", str(tmp_path / "r2.jsonl"))
        assert merged_r["conflicts"] >= 2 and merged_l["conflicts"] >= 2

        again_r = bundle(region, "import", str(tmp_path / "l1.jsonl"))
        again_l = bundle(laptop, "import", str(tmp_path / "r2.jsonl"))
        assert again_r["applied"] == again_l["applied"] == 0
        assert again_r["already"] == to_region["count"]
        assert again_l["already"] == to_laptop["count"]

        r = json.loads(step(region, "dump"))
        lap = json.loads(step(laptop, "dump"))
        for kind in ("points", "reports", "log"):
            assert r[kind] == lap[kind], kind
        total = 20 + LAPTOP_REPORTS
        assert len(r["reports"]) == total  # every report once, by uid
        assert len({key for _uid, key in r["reports"]}) == total
        # Every record a service acknowledged while apart is on both sides exactly once.
        for kind in ("reports", "log"):
            for side in (r, lap):
                count = Counter(row[0] for row in side[kind])
                for made in acked:
                    assert all(count[uid] == 1 for uid in made[kind]), kind
        oss = [p for p in r["points"] if p[1] == "OSS-01"][0]
        assert oss[3] == 120 and oss[4] == "sleutel bij buren"  # other fields merge field by field
        # The name was edited on both sides: one value won, the other is in the log on both sides.
        names = {(c[0], c[1]) for c in r["conflicts"]} & {(c[0], c[1]) for c in lap["conflicts"]}
        assert ("supportpoints.supportpoint", "name") in names
        # Closed here, claimed there: not decided, each side keeps its own until a person chooses.
        assert ["operations.helprequest", "status", "decision", "done", "claimed"] in r["conflicts"]
        assert ["operations.helprequest", "status", "decision", "claimed", "done"] in lap[
            "conflicts"
        ]
        # The laptop's audit trail is in the region's.
        assert set(lap["journaled_audit"]) <= set(r["audit_uids"])

        # A second exchange of fresh bundles changes none of the records on either side.
        bundle(laptop, "export", str(tmp_path / "l2.jsonl"), "--since", str(to_region["until"]))
        bundle(region, "export", str(tmp_path / "r3.jsonl"), "--since", str(to_laptop["until"]))
        bundle(region, "import", str(tmp_path / "l2.jsonl"))
        bundle(laptop, "import", str(tmp_path / "r3.jsonl"))
        r_after, lap_after = json.loads(step(region, "dump")), json.loads(step(laptop, "dump"))
        for kind in ("points", "requests", "reports", "log", "conflicts"):
            assert r_after[kind] == r[kind] and lap_after[kind] == lap[kind], kind
