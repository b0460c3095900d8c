"""A laptop whose clock is three hours wrong merges to the same result as one with the right time.

The region and the laptop take turns: the laptop reads the region's bundle, edits a point and
claims a help request; the region reads that, edits the point again and closes the request; the
laptop reads that. Every change was made after seeing the one before it, so the clock stamps, not
the wall clocks, decide: the result must be the same with the laptop's clock right, three hours
behind and three hours ahead, and there is nothing in the conflict log.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paraat.sync.tests.test_two_instances import bundle, step
from paraat.testing.processes import env_for, fresh_database

HOURS_3 = 3 * 3600


def content(dump: dict) -> dict:
    """What the merge decided, without the uids (new on every run) and the audit trail."""
    return {
        "points": sorted((code, name, capacity, notes) for _uid, code, name, capacity, notes in dump["points"]),
        "requests": sorted(status for _uid, status in dump["requests"]),
        "reports": sorted(key for _uid, key in dump["reports"]),
        "log": sorted(text for _uid, text in dump["log"]),
        "conflicts": dump["conflicts"],
    }  # fmt: skip


def merged(tmp_path: Path, skew: int) -> tuple[dict, dict]:
    with (
        fresh_database(tmp_path, "region", migrated=True) as r_url,
        fresh_database(tmp_path, "laptop", migrated=True) as l_url,
    ):
        region = env_for(r_url, tmp_path / "r", PARAAT_SYNC_INSTANCE_NAME="regio")
        laptop = env_for(l_url, tmp_path / "l", PARAAT_SYNC_INSTANCE_NAME="CP Oss",
                         PARAAT_SYNC_CLOCK_SKEW_SECONDS=str(skew))  # fmt: skip
        for env in (region, laptop):
            step(env, "cast")
        step(region, "seed")
        r1 = bundle(region, "export", str(tmp_path / "r1.jsonl"))
        bundle(laptop, "import", str(tmp_path / "r1.jsonl"))
        step(laptop, "laptop")  # after reading the region: rename OSS-01, claim the request
        step(laptop, "laptop-reports", 5)
        l1 = bundle(laptop, "export", str(tmp_path / "l1.jsonl"))
        assert bundle(region, "import", str(tmp_path / "l1.jsonl"))["conflicts"] == 0
        step(region, "region")  # after reading the laptop: rename OSS-01 again, close the request
        bundle(region, "export", str(tmp_path / "r2.jsonl"), "--since", str(r1["until"]))
        assert bundle(laptop, "import", str(tmp_path / "r2.jsonl"))["conflicts"] == 0
        bundle(laptop, "export", str(tmp_path / "l2.jsonl"), "--since", str(l1["until"]))
        bundle(region, "import", str(tmp_path / "l2.jsonl"))
        return json.loads(step(region, "dump")), json.loads(step(laptop, "dump"))


@pytest.mark.slow
def test_it_merges_the_same_with_the_laptops_clock_three_hours_wrong(tmp_path: Path) -> None:
    results = {}
    for skew in (0, -HOURS_3, HOURS_3):
        region, laptop = merged(tmp_path / f"skew{skew}", skew)
        assert content(region) == content(laptop), skew
        results[skew] = content(region)
    right = results[0]
    assert results[-HOURS_3] == right and results[HOURS_3] == right
    # The region's rename and close came last, the laptop's notes stay: newest change wins.
    oss = [p for p in right["points"] if p[0] == "OSS-01"][0]
    assert oss == ("OSS-01", "Sporthal De Rusheuvel", 120, "sleutel bij buren")
    assert right["requests"] == ["done"] and right["conflicts"] == []
    assert len(right["reports"]) == 5
