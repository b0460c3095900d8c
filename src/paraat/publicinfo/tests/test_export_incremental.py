"""`paraat export-public DIR --points CODE`: after a point's state changed, only the pages and data
that show it are rewritten in the published export, with the answer a full export would give."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from paraat.operations.constants import PointState
from paraat.publicinfo import export as export_mod
from paraat.publicinfo import links, pages, snapshot
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
        expected |= {f"postcode/{area.code}/index.html", f"en/postcode/{area.code}/index.html"}
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


def _postcode_pages(snap: snapshot.Snapshot) -> list[tuple[Any, str, str]]:
    found = []
    for kind in ("pc4", "pc6"):
        for area in snap.places.areas.get(kind, {}).values():
            for language in links.LANGUAGES:
                found.append((area, language, links.page_file(f"postcode/{area.code}/", language)))
    return found


def _as_app_renders(snap: snapshot.Snapshot, file: str, language: str, code: str) -> bytes:
    site = links.Site(language, static=True, here=file)
    return pages.uncached_page("postcode", snap, site, code=code)


def test_it_writes_through_the_mirror_the_same_site_as_without(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    start_incident(cast)
    snap = snapshot.build()
    export_mod.export_site(snap, tmp_path / "plain", posters_too=False)
    export_mod.export_site(snap, tmp_path / "mirror", posters_too=False, mirror=export_mod.Mirror())
    assert _files(tmp_path / "mirror") == _files(tmp_path / "plain")


def test_it_follows_a_report_by_rewriting_only_the_pages_that_changed_as_the_app_renders_them(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.middle, PointState.OPEN)
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    before = _files(site)
    report(cast, incident, net.near, PointState.FULL)  # no longer usable: the order changes
    new = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="2")

    result, codes = mirror.follow(new, site)

    assert codes == ["OSS-01"]
    after = _files(site)
    changed = {name for name in after if after[name] != before[name]}
    assert "postcode/5341/index.html" in changed and "data/points.json" in changed
    for area, language, file in _postcode_pages(new):
        page = after[file]
        if file in changed:
            assert page == _as_app_renders(new, file, language, area.code)
        else:  # nothing on it changed but the time of writing
            assert points_shown(page.decode()) == points_shown(
                _as_app_renders(new, file, language, area.code).decode()
            )
        assert f"data/postcode/{area.code}.json" not in changed  # no state in an area's data
    assert len(changed) == result.files
    assert (
        points_shown(after["postcode/5341/index.html"].decode())[0][0] != "Wijkcentrum De Ruwaard"
    )


def test_it_rewrites_nothing_when_no_shown_state_changed(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    before = _files(site)
    again = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="2")
    assert mirror.follow(again, site)[0].files == 0  # the same states: not a file

    started = incident.started_at
    reported = snapshot.PointStatus(PublicState.OPEN, (), started, since=started)
    later = dataclasses.replace(reported, reported_at=started + dt.timedelta(minutes=10))
    for status, expected in ((reported, 1), (later, 0)):
        statuses = {**again.situation.statuses, "OSS-03": status}
        moved = dataclasses.replace(
            again, situation=dataclasses.replace(again.situation, statuses=statuses)
        )
        result, codes = mirror.follow(moved, site)
        assert len(codes) == expected  # a report repeating the state is the same page
    assert _files(site)["index.html"] == before["index.html"]


def test_it_asks_for_a_full_export_when_more_than_the_states_changed(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    with pytest.raises(export_mod.NeedsFullExport):
        mirror.follow(snap, site)  # no shells yet
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    start_incident(cast)
    new = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region))
    with pytest.raises(export_mod.NeedsFullExport):
        mirror.follow(new, site)  # a new incident: every page changes
    with pytest.raises(export_mod.NeedsFullExport):
        mirror.follow(snapshot.build(), site)  # other places


def test_it_follows_a_report_from_the_shells_in_the_same_follower(
    cast: Cast,
    net: Network,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from paraat.publicinfo.management.commands import export_public

    site = tmp_path / "mirror" / "public"
    with django_capture_on_commit_callbacks(execute=True):
        incident = start_incident(cast)
    reported: list[bool] = []

    def between_rounds(_seconds: float) -> None:  # the staff report while the follower waits
        if not reported:
            reported.append(True)
            with django_capture_on_commit_callbacks(execute=True):
                report(cast, incident, net.near, PointState.CLOSED)

    monkeypatch.setattr(export_public.time, "sleep", between_rounds)
    said = export(site, "--follow", "--interval", "0", "--rounds", "2", "--no-posters")

    assert "files rewritten for OSS-01" in said  # the second round: from the shells
    assert _state_in_data(site, "OSS-01") == PublicState.CLOSED
    snap = snapshot.build()
    for area, language, file in _postcode_pages(snap):
        assert points_shown((site / file).read_text()) == points_shown(
            _as_app_renders(snap, file, language, area.code).decode()
        )


def test_it_changes_no_postcode_page_for_a_report_that_repeats_the_state(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.OPEN, minutes_ago=30)
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    before = _files(site)
    report(cast, incident, net.near, PointState.OPEN, minutes_ago=2)  # the same, 28 min later

    again = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="2")
    result, codes = mirror.follow(again, site)

    after = _files(site)
    assert codes == [] and {n for n in after if after[n] != before[n]} == {"data/points.json"}
    page = after["postcode/5341/index.html"].decode()
    assert pages.when(again.status(net.near).state_since) in page  # since the first report
    assert pages.when(again.status(net.near).reported_at) not in page

    report(cast, incident, net.near, PointState.FULL, minutes_ago=1)  # a change: its time shown
    new = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="3")
    result, codes = mirror.follow(new, site)
    body = (site / "postcode/5341/index.html").read_bytes()
    assert codes == ["OSS-01"]
    assert body == _as_app_renders(new, "postcode/5341/index.html", "nl", "5341")
    assert pages.when(new.status(net.near).reported_at) in body.decode()


def test_it_writes_the_pages_nearest_a_changed_point_first_and_the_rest_in_the_next_round(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    report(cast, incident, net.near, PointState.OPEN)
    new = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="2")
    listed = sorted(
        ((m, area.code) for area in export_mod.affected_areas(new, ["OSS-01"])
         for i, m in area.nearest if new.places.points[i].code == "OSS-01"),
    )  # fmt: skip
    assert len(listed) >= 2

    written: list[str] = []
    for _round in range(len(listed) + 1):  # a budget of no time: one area a round
        before = _files(site)
        mirror.follow(new, site, budget=0)
        after = _files(site)
        written += sorted(
            name.split("/")[1]
            for name in after
            if name.startswith("postcode/") and after[name] != before[name]
        )
        assert len(mirror.waiting) == len(listed) - len(written)

    assert written == [code for _m, code in listed]  # the nearest first, each once
    for area, language, file in _postcode_pages(new):
        assert (site / file).read_bytes() == _as_app_renders(new, file, language, area.code)


def _shown_by_data(site: Path, code: str) -> list[str]:
    """The points an area's page shows, as a reader of the JSON finds them: the area's nearest
    points (by code) with their states from points.json, those open now first during a real
    incident, the first ``shown`` of them."""
    area = json.loads((site / f"data/postcode/{code}.json").read_text())
    points = json.loads((site / "data/points.json").read_text())
    states = {p["code"]: p["state"] for p in points["points"]}
    codes = [p["code"] for p in area["nearest"]]
    if points["incident"] is not None:
        usable = [c for c in codes if states[c] in ("open", "limited")]
        codes = usable + [c for c in codes if c not in usable]
    return codes[: area["shown"]]


def test_it_leaves_the_areas_data_as_it_was_when_a_point_closes(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.middle, PointState.OPEN)
    report(cast, incident, net.far, PointState.OPEN)
    site, mirror = tmp_path / "site", export_mod.Mirror()
    snap = snapshot.build()
    export_mod.export_site(snap, site, posters_too=False, mirror=mirror)
    plain = tmp_path / "plain"
    export_mod.export_site(snap, plain, posters_too=False)
    before = _files(site)
    report(cast, incident, net.near, PointState.CLOSED)
    new = dataclasses.replace(snap, situation=snapshot.build_situation(cast.region), version="2")

    result, codes = mirror.follow(new, site)
    export_mod.update_points(new, plain, ["OSS-01"])

    assert codes == ["OSS-01"] and result.files > 1
    for folder in (site, plain):
        after = _files(folder)
        data = {n for n in after if n.startswith("data/postcode/")}
        assert data and all(after[n] == before[n] for n in data)
        for area, _language, file in _postcode_pages(new):
            shown = re.findall(r'id="point-([^"]+)"', after[file].decode())
            assert shown == _shown_by_data(folder, area.code), file
    assert _shown_by_data(site, "5341")[:2] == ["OSS-02", "OSS-03"]  # the open ones first
