"""The in-memory snapshot: rebuilt after a committed change, shared through the stamp file, and
kept when a rebuild fails."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.operations.constants import PointState
from paraat.publicinfo import snapshot
from paraat.publicinfo.constants import PublicState
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def state_of(code: str) -> str:
    snap = snapshot.current()
    point = next(p for p in snap.places.points if p.code == code)
    return snap.status(point).state


def test_it_takes_the_latest_report_of_each_point(cast: Cast, net: Network) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.OPEN, minutes_ago=30)
    report(cast, incident, net.near, PointState.FULL, minutes_ago=10)
    report(cast, incident, net.middle, PointState.LIMITED, minutes_ago=20)
    snap = snapshot.build()
    statuses = snap.situation.statuses
    assert statuses["OSS-01"].state == PublicState.FULL
    assert statuses["OSS-02"].state == PublicState.LIMITED
    assert statuses["OSS-03"].state == PublicState.OPENING  # activated, not reported yet
    assert "CP-OSS" in statuses
    assert snap.current_risk == "power_outage"


def test_it_rebuilds_after_a_status_report_is_committed(
    cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    incident = start_incident(cast)
    assert state_of("OSS-01") == PublicState.OPENING
    with django_capture_on_commit_callbacks(execute=True):
        report(cast, incident, net.near, PointState.OPEN)
    assert state_of("OSS-01") == PublicState.OPEN


def test_it_follows_a_change_made_by_another_process(cast: Cast, net: Network) -> None:
    incident = start_incident(cast)
    first = snapshot.current()
    report(cast, incident, net.near, PointState.CLOSED)  # not committed: no signal reaches us
    assert snapshot.current() is first
    snapshot._write_stamp(("other", "process"))  # what invalidate() in another worker does
    snapshot._store_for(
        snapshot.DEFAULT
    ).checked_at = 0.0  # the once-a-second look at the stamp is due
    assert state_of("OSS-01") == PublicState.CLOSED


def test_it_keeps_serving_when_a_rebuild_fails(
    cast: Cast, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = snapshot.current()

    def broken(region: Any) -> Any:
        raise RuntimeError("database gone")

    monkeypatch.setattr(snapshot, "build_situation", broken)
    snapshot.invalidate()
    assert snapshot.current() is first


def test_it_leaves_out_retired_points_and_keeps_the_nearest_per_area(net: Network) -> None:
    snap = snapshot.build()
    codes = [p.code for p in snap.places.points]
    assert "OSS-09" not in codes
    area = snap.area("pc4", "5341")
    assert area is not None
    nearest = [(snap.places.points[i].code, m) for i, m in area.nearest]
    assert nearest[0] == ("OSS-01", 720)
    assert [code for code, _m in nearest] == ["OSS-01", "OSS-02", "OSS-03", "CP-OSS"]
    assert snap.places.walking == "estimate"


def test_it_serves_the_region_named_by_the_setting(cast: Cast, net: Network, settings: Any) -> None:
    from paraat.testing import factories

    other = factories.RegionFactory(code="VR99", name="Elders")
    assert snapshot.public_region() == cast.region  # the first region with active points
    settings.PARAAT_PUBLIC_REGION = "vr99"
    assert snapshot.public_region() == other
    settings.PARAAT_PUBLIC_REGION = "VR00"
    assert snapshot.public_region() is None
