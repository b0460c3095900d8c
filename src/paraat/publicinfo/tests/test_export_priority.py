"""The public mirror's order: the pages of a point that closed or became full are written before
those of any other change, however many changes came before it (``export.urgency``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from paraat.areas.constants import AreaKind
from paraat.publicinfo import export, links, pages, snapshot
from paraat.publicinfo.constants import PublicState
from paraat.publicinfo.snapshot import PointStatus, Snapshot
from paraat.publicinfo.tests.factories import Network, start_incident
from paraat.supportpoints.constants import Service
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

# Postcode areas added to the network's snapshot that do not list OSS-01 among their points.
OTHERS = [f"5341B{letter}" for letter in "ABCDEFGH"]


def _point(snap: Snapshot, code: str) -> snapshot.PublicPoint:
    return next(p for p in snap.places.points if p.code == code)


def _in_incident(cast: Cast) -> Snapshot:
    """The network in a real incident, every point open since an hour, and eight more PC6 areas
    whose points are OSS-02 (10 m away: nearer than any area is to OSS-01), OSS-03 and CP-OSS."""
    incident = start_incident(cast)
    snap = snapshot.build()
    since = incident.started_at
    statuses = {
        p.code: PointStatus(PublicState.OPEN, (Service.INFORMATION,), since, since=since)
        for p in snap.places.points
    }
    nearest = tuple(
        (_point(snap, code).index, metres)
        for code, metres in (("OSS-02", 10), ("OSS-03", 900), ("CP-OSS", 2_500))
    )
    base = snap.places.areas[AreaKind.PC6]["5341AB"]
    added = {
        code: dataclasses.replace(base, code=code, nearest=nearest, lon=base.lon + n * 1e-4)
        for n, code in enumerate(OTHERS, start=1)
    }
    areas = {**snap.places.areas, AreaKind.PC6: {**snap.places.areas[AreaKind.PC6], **added}}
    places = dataclasses.replace(snap.places, areas=areas)
    situation = dataclasses.replace(snap.situation, statuses=statuses)
    return dataclasses.replace(snap, places=places, situation=situation)


def _changed(snap: Snapshot, version: str, **changes: PointStatus) -> Snapshot:
    statuses = {**snap.situation.statuses, **changes}
    situation = dataclasses.replace(snap.situation, statuses=statuses)
    return dataclasses.replace(snap, situation=situation, version=version)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in (site / "postcode").glob("*/index.html")}


def _round(mirror: export.Mirror, snap: Snapshot, site: Path) -> list[str]:
    """One round with a budget of no time (one area a round): the area whose page it wrote."""
    before = _pages(site)
    mirror.follow(snap, site, budget=0)
    after = _pages(site)
    return sorted(code for code in after if after[code] != before[code])


def _listing(snap: Snapshot, code: str) -> set[str]:
    return {a.code for a in export.affected_areas(snap, [code])}


def test_it_writes_a_closing_queued_behind_figure_only_changes_in_its_first_round(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    snap = _in_incident(cast)
    site, mirror = tmp_path / "site", export.Mirror()
    export.export_site(snap, site, posters_too=False, mirror=mirror)
    # The staff of OSS-02 and OSS-03 report other services (the same state), one round each.
    now = snap
    for n, code in enumerate(("OSS-02", "OSS-03"), start=1):
        status = now.status(_point(now, code))
        more = dataclasses.replace(status, services=(Service.INFORMATION, Service.WARMTH))
        now = _changed(now, f"figures-{n}", **{code: more})
        assert len(_round(mirror, now, site)) == 1
    assert len(mirror.waiting) == len(OTHERS) + 3 - 1  # the one written first, again
    closing = _listing(now, "OSS-01")
    assert closing and not closing & set(OTHERS)

    status = now.status(_point(now, "OSS-01"))
    now = _changed(
        now, "closed", **{"OSS-01": dataclasses.replace(status, state=PublicState.CLOSED)}
    )
    written = [_round(mirror, now, site) for _n in range(len(closing))]

    # Its first round writes a page of the closing, and every page of it comes before the rest.
    assert all(len(codes) == 1 and codes[0] in closing for codes in written)
    assert {codes[0] for codes in written} == closing
    assert set(mirror.waiting) <= set(OTHERS)
    while mirror.waiting:
        assert not set(_round(mirror, now, site)) & closing
    for code in closing | set(OTHERS):  # every page as the app renders it now
        file = f"postcode/{code}/index.html"
        here = links.Site("nl", static=True, here=file)
        assert (site / file).read_bytes() == pages.uncached_page("postcode", now, here, code=code)


def test_it_writes_the_pages_of_a_point_that_closed_before_nearer_pages_of_other_changes(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    snap = _in_incident(cast)
    site, mirror = tmp_path / "site", export.Mirror()
    export.export_site(snap, site, posters_too=False, mirror=mirror)
    full = dataclasses.replace(snap.status(_point(snap, "OSS-01")), state=PublicState.FULL)
    limited = dataclasses.replace(snap.status(_point(snap, "OSS-02")), state=PublicState.LIMITED)
    # In one round: OSS-02 gets limits (its areas 10 m away), OSS-01 becomes full.
    now = _changed(snap, "2", **{"OSS-01": full, "OSS-02": limited})
    becomes_full = _listing(now, "OSS-01")

    first = [_round(mirror, now, site) for _n in range(len(becomes_full))]

    assert {codes[0] for codes in first} == becomes_full
    assert set(mirror.waiting) == set(OTHERS)  # then the pages nearest OSS-02
    assert _round(mirror, now, site) == [OTHERS[0]]


def test_it_ranks_a_change_by_what_it_asks_of_residents() -> None:
    open_ = PointStatus(PublicState.OPEN, (Service.INFORMATION,))
    assert export.urgency(open_, dataclasses.replace(open_, state=PublicState.CLOSED)) == 0
    assert export.urgency(open_, dataclasses.replace(open_, state=PublicState.FULL)) == 0
    assert export.urgency(None, dataclasses.replace(open_, state=PublicState.FULL)) == 0
    closed = dataclasses.replace(open_, state=PublicState.CLOSED)
    assert export.urgency(closed, open_) == export.Urgency.STATE
    assert export.urgency(open_, dataclasses.replace(open_, state=PublicState.LIMITED)) == 1
    assert export.urgency(open_, dataclasses.replace(open_, services=())) == 2
