"""`paraat export-public DIR --points CODE`: after a point's state changed, only the pages and data
that show it are rewritten in the published export, with the answer a full export would give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.operations.constants import PointState
from paraat.publicinfo import export as export_mod
from paraat.publicinfo import snapshot
from paraat.publicinfo.constants import PublicState
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.publicinfo.tests.test_export_public import export, points_shown
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _state_in_data(site: Path, code: str) -> str:
    points = json.loads((site / "data/points.json").read_text())["points"]
    return str(next(p for p in points if p["code"] == code)["state"])


def test_it_rewrites_only_the_pages_that_show_the_point_as_a_full_export_would(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    site = tmp_path / "site"
    export(site, "--no-posters")
    before = _files(site)
    report(cast, incident, net.near, PointState.FULL)

    summary = export(site, "--points", "oss-01")

    after = _files(site)
    changed = sorted(name for name in after if after[name] != before.get(name))
    snap = snapshot.build()
    expected = {"data/points.json"}
    for area in export_mod.affected_areas(snap, ["OSS-01"]):
        expected |= {f"data/postcode/{area.code}.json", f"postcode/{area.code}/index.html"}
        expected.add(f"en/postcode/{area.code}/index.html")
    assert set(changed) <= expected and "postcode/5341/index.html" in changed
    assert set(after) == set(before)  # nothing added, nothing removed, no file left beside
    assert after["index.html"] == before["index.html"]  # the home shows no point's state
    assert f"{len(expected)} files rewritten for OSS-01" in summary
    assert _state_in_data(site, "OSS-01") == PublicState.FULL

    full = tmp_path / "full"
    export(full, "--no-posters")
    for page in ("postcode/5341/index.html", "en/postcode/5341/index.html"):
        assert points_shown((site / page).read_text()) == points_shown((full / page).read_text())


def test_it_leaves_the_public_pages_as_they_were_after_an_exercise_report(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    exercise = start_incident(cast, exercise=True)
    site = tmp_path / "site"
    export(site, "--no-posters")
    shown = points_shown((site / "postcode/5341/index.html").read_text())
    report(cast, exercise, net.near, PointState.CLOSED)
    export(site, "--points", "OSS-01")
    assert points_shown((site / "postcode/5341/index.html").read_text()) == shown
    assert _state_in_data(site, "OSS-01") == PublicState.NOT_OPEN


def test_it_refuses_a_folder_without_an_export_and_an_unknown_point(
    net: Network, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="--points"):
        call_command("export_public", str(tmp_path / "empty"), "--points", "OSS-01")
    export(tmp_path / "site", "--no-posters")
    before = _files(tmp_path / "site")
    with pytest.raises(CommandError, match="NOPE-9"):
        call_command("export_public", str(tmp_path / "site"), "--points", "OSS-01,nope-9")
    assert _files(tmp_path / "site") == before


def test_it_follows_real_state_changes_with_pending_runs(
    cast: Cast, net: Network, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    site = tmp_path / "site"
    assert "files (" in export(site, "--pending", "--no-posters")  # first run: the whole site
    assert "nothing changed" in export(site, "--pending")
    with django_capture_on_commit_callbacks(execute=True):
        incident = start_incident(cast)  # a new incident changes every page
    assert "files (" in export(site, "--pending", "--no-posters")
    assert _state_in_data(site, "OSS-01") == PublicState.OPENING
    with django_capture_on_commit_callbacks(execute=True):
        report(cast, incident, net.near, PointState.FULL)
        report(cast, incident, net.middle, PointState.OPEN)
    assert "rewritten for OSS-01, OSS-02" in export(site, "--pending")
    assert _state_in_data(site, "OSS-01") == PublicState.FULL
    assert "nothing changed" in export(site, "--pending")

    exercise = start_incident(cast, exercise=True)
    with django_capture_on_commit_callbacks(execute=True):
        report(cast, exercise, net.far, PointState.CLOSED)
    assert "nothing changed" in export(site, "--pending")  # an exercise never reaches residents


def test_it_queues_nothing_for_a_region_nobody_follows(
    cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        incident = start_incident(cast)
        report(cast, incident, net.near, PointState.OPEN)
    assert not export_mod.pending_path(cast.region.pk).exists()


def test_it_writes_the_whole_mirror_again_after_an_alert_or_a_changed_point(
    cast: Cast, net: Network, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from paraat.publicinfo import services as public_services

    site = tmp_path / "site"
    export(site, "--pending", "--no-posters")
    assert "nothing changed" in export(site, "--pending")
    with django_capture_on_commit_callbacks(execute=True):
        public_services.public_state_changed()  # what the alerts app calls for a new alert
    assert "files (" in export(site, "--pending", "--no-posters")
    assert "nothing changed" in export(site, "--pending")
    with django_capture_on_commit_callbacks(execute=True):
        net.near.name = "Dorpshuis De Nieuwe Naam"
        net.near.save()
    assert "files (" in export(site, "--pending", "--no-posters")
    assert "De Nieuwe Naam" in (site / "data/points.json").read_text()


def test_it_keeps_the_mirror_current_with_follow_rounds(
    cast: Cast, net: Network, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    site = tmp_path / "mirror" / "public"
    with django_capture_on_commit_callbacks(execute=True):
        incident = start_incident(cast)
    export(site, "--follow", "--interval", "0", "--rounds", "1", "--no-posters")
    assert _state_in_data(site, "OSS-01") == PublicState.OPENING  # the first round: all of it
    with django_capture_on_commit_callbacks(execute=True):
        report(cast, incident, net.near, PointState.CLOSED)
    quiet = export(site, "--follow", "--interval", "0", "--rounds", "2", "--no-posters")
    assert _state_in_data(site, "OSS-01") == PublicState.CLOSED
    assert "nothing changed" not in quiet  # a follower says nothing when nothing changed
