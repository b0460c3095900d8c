"""The static public site: every resident page, the data, posters, CAP documents and the feed,
written to a folder with relative links, so any web server or a USB stick can serve it.

The folder is built next to the target and swapped in with two renames, so a web server serving
the target never sees a half-written site; running it again after every status change is safe.

After a change of some points' state, ``update_points`` rewrites only what shows those states (the
postcode pages whose nearest points include them, and ``data/points.json``; an area's data holds
no state), each file replaced by a rename, in well under a second; every other file stays as it
was.

The public mirror (``--follow``) keeps a ``Mirror`` between rounds: every postcode page of its
last full export as a shell with slots for the points' blocks, the map and the "as of" time, so a
round assembles a changed page by joining strings (no template) and rewrites only the pages
whose shown points or their states changed, those of a point that closed or became full first
(``urgency``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.html import escape

from paraat.areas.constants import AreaKind
from paraat.core import files
from paraat.core.jobs import ProgressFn
from paraat.publicinfo import bridge, data, links, pages, posters
from paraat.publicinfo.constants import STAY_AWAY_STATES, Risk
from paraat.publicinfo.snapshot import AreaEntry, PointStatus, Snapshot

ASSETS = ("public.css", "public.js", "icon.svg", "icon-192.png", "icon-512.png")
PAGES = ("", "prepare/", "advice/", "about/", "postcodes/", "offline/")
# Seconds a follower's round writes pages before it leaves the rest to the next round.
ROUND_SECONDS = 1.0
PAGE_NAMES = {
    "": "home",
    "prepare/": "checklist",
    "advice/": "advice",
    "about/": "about",
    "postcodes/": "postcodes",
    "offline/": "offline",
}


@dataclass
class ExportResult:
    target: Path
    files: int = 0
    bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.counts[kind] = self.counts.get(kind, 0) + 1


class _Writer:
    """Writes into a new folder (the full export) or, ``in_place``, over files of a published
    one: each then goes to a file beside it first and is renamed over it, never half-written."""

    def __init__(
        self,
        root: Path,
        result: ExportResult,
        progress: ProgressFn | None = None,
        total: int = 0,
        *,
        in_place: bool = False,
    ) -> None:
        self.root, self.result, self.progress, self.total = root, result, progress, total
        self.in_place = in_place

    def write(self, relative: str, data: bytes, kind: str) -> None:
        if self.in_place:
            _replace(os.path.join(self.root, relative), data)
        else:
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.result.add(kind, len(data))
        if self.progress is not None:
            total = max(self.total, self.result.files)
            self.progress(self.result.files, total, relative)

    def json(self, relative: str, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        self.write(relative, body, "json")


def _replace(path: str, data: bytes) -> None:
    """Write ``path`` beside it first and rename it over the old one: never half-written. (Plain
    ``os`` calls: the mirror writes thousands of these a second.)"""
    folder, name = os.path.split(path)
    beside = os.path.join(folder, f".{name}.new-{os.getpid()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(beside, flags, 0o644)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(beside, flags, 0o644)
    try:
        os.fchmod(fd, 0o644)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(beside, path)


def export_site(
    snap: Snapshot,
    target: Path,
    *,
    region: Any = None,
    base_url: str = "",
    posters_too: bool = True,
    progress: ProgressFn | None = None,
    mirror: Mirror | None = None,
) -> ExportResult:
    """Write the public site of ``snap`` to ``target`` (replaced as a whole when it exists);
    ``progress`` hears (files written, files expected, file name) after each file. With a
    ``mirror``, the postcode pages are written through it, and it keeps their shells for
    ``Mirror.follow``."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    result = ExportResult(target)
    work = files.work_folder(target)
    try:
        writer = _Writer(work, result, progress, expected_files(snap, posters_too=posters_too))
        if mirror is not None:
            mirror.reset()
        _pages(snap, writer, mirror)
        _data(snap, writer)
        if posters_too:
            _posters(snap, writer, base_url=base_url)
        _alerts(snap, writer, region=region, base_url=base_url)
        _installable(snap, writer)
        _assets(writer)
        os.chmod(work, 0o755)  # noqa: S103 - a public web folder: the web server must read it
        files.replace_folder(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        if mirror is not None:
            mirror.reset()
        raise
    if mirror is not None:
        mirror.written(snap)
    return result


class NotAnExport(Exception):
    """The folder holds no full export to update (make one first)."""


def affected_areas(snap: Snapshot, codes: Iterable[str]) -> list[AreaEntry]:
    """The postcode areas whose page shows one of these points: those that list it among their
    nearest points (the page orders them by state), and the postcode of the point's own address
    (``pages.point_page``, where its poster sends readers)."""
    wanted = {code.upper() for code in codes}
    chosen = [p for p in snap.places.points if p.code in wanted]
    indexes = {p.index for p in chosen}
    own = {pages.point_page(p).removeprefix("postcode/").rstrip("/") for p in chosen}
    found = []
    for kind in (AreaKind.PC4, AreaKind.PC6):
        for code, area in snap.places.areas.get(kind, {}).items():
            if (kind == AreaKind.PC4 and code in own) or any(
                i in indexes for i, _m in area.nearest
            ):
                found.append(area)
    return found


def update_points(snap: Snapshot, target: Path, codes: Iterable[str]) -> ExportResult:
    """Rewrite in a published export (``target``, made by ``export_site``) what a change of these
    points' state changes: ``data/points.json`` and, in both languages, the page of every area in
    ``affected_areas`` (an area's data holds no state: ``data.postcode_data``). Unknown codes are
    refused; nothing else is touched, so the other pages keep the time they were written ("as
    of")."""
    target = Path(target).resolve()
    if not (target / "data" / "points.json").is_file():
        raise NotAnExport(str(target))
    wanted = sorted({code.upper() for code in codes})
    known = {p.code for p in snap.places.points}
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise KeyError(", ".join(unknown))
    result = ExportResult(target)
    writer = _Writer(target, result, in_place=True)
    writer.json("data/points.json", data.points_data(snap))
    for area in affected_areas(snap, wanted):
        _postcode_files(snap, writer, area)
    return result


def _postcode_files(
    snap: Snapshot, writer: _Writer, area: AreaEntry, mirror: Mirror | None = None
) -> None:
    """The area's pages in both languages (its data, ``data/postcode/<code>.json``, holds no
    state: only the full export writes it)."""
    for language in links.LANGUAGES:
        file = links.page_file(f"postcode/{area.code}/", language)
        if mirror is None:
            _render(snap, writer, file, language, "postcode", code=area.code)
        else:
            writer.write(file, mirror.page(snap, area, language), "html")


# The public mirror: pages assembled from shells -------------------------------------------------


def shown_key(status: PointStatus) -> Hashable:
    """What a page shows of a point's status (``pages.shown_point``): the state, the services and,
    to the minute as printed, since when the point is in the state, or when stale the time of its
    last report. A report that repeats the state and services changes none of it."""
    moment = status.reported_at if status.stale else status.state_since
    if moment is not None:
        moment = moment.replace(second=0, microsecond=0)
    return (status.state, status.services, status.from_report, moment, status.stale)


class Urgency(IntEnum):
    """How soon the mirror rewrites the pages of an area whose shown point changed: lower first."""

    STAY_AWAY = 0  # a point closed or became full: residents must go elsewhere
    STATE = 1  # another change of state (a point opens, has limits, is being opened)
    DETAILS = 2  # the same state: only its services or since when changed


def urgency(old: PointStatus | None, new: PointStatus) -> Urgency:
    """What a change of a point's shown status asks of residents (``Mirror.follow`` orders the
    pages by it; the one place that decides)."""
    if old is not None and old.state == new.state:
        return Urgency.DETAILS
    if new.state in STAY_AWAY_STATES:
        return Urgency.STAY_AWAY
    return Urgency.STATE


class NeedsFullExport(Exception):
    """The mirror holds no shells for this snapshot (none yet, other places, another situation):
    write the whole site (``export_site`` with the mirror) instead."""


class Mirror:
    """What ``export-public --follow`` keeps between rounds, to rewrite a point's pages fast.

    A full export through the mirror renders every postcode page once as a *shell*: the page with
    slots where each shown point's block, the map and the "as of" time go (``pages.slot``), kept
    compressed in memory. After a status report, ``follow`` finds the points whose shown status
    changed, and for each postcode area that lists one of them the points it now shows and their
    states (its *key*); only an area whose key changed gets its page (both languages)
    rewritten, joined from its shell, the blocks (``pages.point_html``, kept by content) and the
    map (redrawn only when the shown points changed). The bytes are those of
    ``pages.uncached_page`` for the same snapshot (a test checks it).

    The order of the areas is ``urgency`` first (a point that closed or became full before any
    other change, one that changed state before one whose services changed), then the round of
    the change (arrival order), then the distance to the changed point (nearest first).
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.places: Any = None
        self.situation: Any = None
        self.statuses: dict[str, PointStatus] = {}
        self.shown: dict[str, Hashable] = {}
        self.keys: dict[str, Hashable] = {}
        self.shells: dict[tuple[str, str], tuple[bytes, tuple[str, ...]]] = {}
        self.maps: dict[tuple[str, str], tuple[Hashable, bytes]] = {}
        self.listed_in: dict[int, list[tuple[float, AreaEntry]]] = {}
        # Areas left for the next round: their place in the order (urgency, round of the change,
        # metres to the changed point, code) and the area.
        self.waiting: dict[str, tuple[tuple[int, int, float, str], AreaEntry]] = {}
        self.round = 0
        self.frames: dict[tuple[int, int, float, str], tuple[str, ...]] = {}
        self.facts: dict[tuple[int, str], dict[str, Any]] = {}
        self.distances: dict[tuple[float, str], str] = {}
        self.states: dict[tuple[int, str], tuple[Hashable, tuple[str, str, str]]] = {}
        self.as_of: dict[str, tuple[Any, str]] = {}

    @property
    def ready(self) -> bool:
        return self.places is not None

    def written(self, snap: Snapshot) -> None:
        """A full export through this mirror is in place: follow from its snapshot."""
        self.places, self.situation = snap.places, _situation_of(snap)
        self.statuses = {p.code: snap.status(p) for p in snap.places.points}
        self.shown = {code: shown_key(status) for code, status in self.statuses.items()}
        listed_in: dict[int, list[tuple[float, AreaEntry]]] = {}
        for kind in (AreaKind.PC4, AreaKind.PC6):
            for area in snap.places.areas.get(kind, {}).values():
                self.keys[area.code] = _area_key(snap, area)
                for i, m in area.nearest:
                    listed_in.setdefault(i, []).append((m, area))
        self.listed_in = listed_in

    def follow(
        self, snap: Snapshot, target: Path, *, budget: float = ROUND_SECONDS
    ) -> tuple[ExportResult, list[str]]:
        """Rewrite in ``target`` what changed since the last round: the pages of the areas whose
        shown points or states changed, in the order of the class's docstring, and
        ``data/points.json`` when any status did. After ``budget`` seconds of writing, the areas
        not yet looked at wait for the next round (before those of newer changes of the same
        urgency), so one round never holds up the next report for long. Returns what was
        written and the codes of the points whose shown status changed."""
        if (
            not self.ready
            or snap.places is not self.places
            or _situation_of(snap) != self.situation
        ):
            raise NeedsFullExport()
        target = Path(target).resolve()
        if not (target / "data" / "points.json").is_file():
            raise NeedsFullExport()
        result = ExportResult(target)
        writer = _Writer(target, result, in_place=True)
        points = snap.places.points
        statuses = {p.code: snap.status(p) for p in points}
        if statuses == self.statuses and not self.waiting:
            return result, []
        shown = {code: shown_key(status) for code, status in statuses.items()}
        changed = [p for p in points if shown[p.code] != self.shown.get(p.code)]
        waiting, self.round = self.waiting, self.round + 1
        for point in changed:
            rank = urgency(self.statuses.get(point.code), statuses[point.code])
            for metres, area in self.listed_in.get(point.index, ()):
                place = (rank, self.round, metres, area.code)
                kept = waiting.get(area.code)
                if kept is None or place < kept[0]:
                    waiting[area.code] = (place, area)
        started = time.perf_counter()
        order = sorted(waiting.values(), key=lambda entry: entry[0])
        for done, (_place, area) in enumerate(order):
            if done and time.perf_counter() - started > budget:
                break
            del waiting[area.code]
            key = _area_key(snap, area)
            if key != self.keys.get(area.code):
                _postcode_files(snap, writer, area, self)
                self.keys[area.code] = key
        if statuses != self.statuses:
            writer.json("data/points.json", data.points_data(snap))
        self.statuses, self.shown = statuses, shown
        return result, [p.code for p in changed]

    def page(self, snap: Snapshot, area: AreaEntry, language: str) -> bytes:
        """The postcode page of ``area`` in ``language``, joined from its shell."""
        parts, names = self._shell(snap, area, language)
        chosen = pages.choose(snap, area.nearest)
        values: dict[str, str] = {}
        for n, (i, m) in enumerate(chosen):
            frame = self._frame(snap, i, n + 1, m, language)
            state, state_html, report_html = self._state(snap, i, language)
            values[f"b{n}"] = (
                frame[0] + state + frame[1] + state_html + frame[2] + report_html + frame[3]
            )
        if "map" in names:
            values["map"] = self._map(snap, area, language, chosen)
        values["asof"] = self._as_of(snap, language)
        joined = [parts[0]]
        for name, part in zip(names, parts[1:], strict=True):
            joined += (values[name], part)
        return "".join(joined).encode()

    def _frame(
        self, snap: Snapshot, i: int, number: int, metres: float, language: str
    ) -> tuple[str, ...]:
        """A point's block without its state (``pages.point_html``), kept per distance: joined
        from the point's facts (made once per point and language) and its distance text (once
        per distance)."""
        key = (i, number, metres, language)
        frame = self.frames.get(key)
        if frame is None:
            if len(self.frames) > 200_000:
                self.frames.clear()
            facts = {
                **self._facts(snap, i, language),
                "number": number,
                "distance": self._distance(snap, metres, language),
            }
            frame = pages.point_frame(facts, language)
            self.frames[key] = frame
        return frame

    def _facts(self, snap: Snapshot, i: int, language: str) -> dict[str, Any]:
        kept = self.facts.get((i, language))
        if kept is None:
            # Every postcode page of a language is as deep as the others: the same relative links.
            here = links.page_file("postcode/0000/", language)
            site = links.Site(language, static=True, here=here)
            with translation.override(language):
                kept = pages.point_facts(snap, site, 0, snap.places.points[i], 0.0)
            self.facts[(i, language)] = kept
        return kept

    def _distance(self, snap: Snapshot, metres: float, language: str) -> str:
        kept = self.distances.get((metres, language))
        if kept is None:
            if len(self.distances) > 200_000:
                self.distances.clear()
            with translation.override(language):
                kept = pages.distance_text(metres, snap.places.walking)
            self.distances[(metres, language)] = kept
        return kept

    def _state(self, snap: Snapshot, i: int, language: str) -> tuple[str, str, str]:
        """A point's state parts as its blocks show them, made once per shown status."""
        point = snap.places.points[i]
        status = shown_key(snap.status(point))
        kept = self.states.get((i, language))
        if kept is not None and kept[0] == status:
            return kept[1]
        with translation.override(language):
            shown = pages.point_status(snap, point)
        made = (str(escape(shown["state"])), *pages.point_state(shown, language))
        self.states[(i, language)] = (status, made)
        return made

    def _as_of(self, snap: Snapshot, language: str) -> str:
        moment = snap.situation.built_at
        kept = self.as_of.get(language)
        if kept is None or kept[0] != moment:
            with translation.override(language):
                kept = (moment, str(escape(pages.when(moment))))
            self.as_of[language] = kept
        return kept[1]

    def _shell(
        self, snap: Snapshot, area: AreaEntry, language: str
    ) -> tuple[list[str], tuple[str, ...]]:
        stored = self.shells.get((area.code, language))
        if stored is None:
            site = links.Site(
                language, static=True, here=links.page_file(f"postcode/{area.code}/", language)
            )
            parts, names = pages.postcode_shell(snap, site, area.code)
            stored = (zlib.compress("\x00".join(parts).encode(), 1), tuple(names))
            self.shells[(area.code, language)] = stored
        return zlib.decompress(stored[0]).decode().split("\x00"), stored[1]

    def _map(
        self, snap: Snapshot, area: AreaEntry, language: str, chosen: list[tuple[int, float]]
    ) -> str:
        which = tuple(i for i, _m in chosen)
        kept = self.maps.get((area.code, language))
        if kept is not None and kept[0] == which:
            return zlib.decompress(kept[1]).decode()
        with translation.override(language):
            svg = pages.postcode_map(snap, area, chosen)
        self.maps[(area.code, language)] = (which, zlib.compress(svg.encode(), 1))
        return svg


def _situation_of(snap: Snapshot) -> Any:
    """What a shell holds of the situation (all but the points' states and the time)."""
    situation = snap.situation
    return (situation.incidents, situation.alerts, situation.alerts_enabled)


def _area_key(snap: Snapshot, area: AreaEntry) -> Hashable:
    """What an area's page shows that a status report can change."""
    chosen = tuple(pages.choose(snap, area.nearest))
    points = snap.places.points
    return chosen, tuple(shown_key(snap.status(points[i])) for i, _m in chosen)


# Following the state of the points --------------------------------------------------------------
#
# ``export-public DIR --pending`` keeps a published export up to date: every real state change
# (``operations.events.StateChanged``, after commit) appends one line to the region's queue file,
# and the command takes the lines written since its last run: the points of reports and
# activations are rewritten with ``update_points``, anything else (a new incident, a phase) gives
# a full export. The queue is only written to while it exists: the command creates it, so no
# region that nobody follows collects lines.

INCREMENTAL_REASONS = ("report", "activation")


def pending_path(region_id: int) -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "publicinfo" / f"export-pending-{region_id}"


def note_state_changed(event: Any) -> None:
    """Receiver of ``StateChanged``: queue what a followed export must rewrite (no query)."""
    if not event.real:
        return  # an exercise never reaches residents
    if event.reason in INCREMENTAL_REASONS and event.point_ids:
        line = "points " + ",".join(str(i) for i in event.point_ids)
    else:
        line = "full " + event.reason
    _append(pending_path(event.region_id), line)


def note_full_export(reason: str = "changed") -> None:
    """Anything public changed that is not one point's state (an alert, advice, a point moved or
    registered, areas): every followed export must be written whole (no query)."""
    folder = pending_path(0).parent
    for path in folder.glob("export-pending-*"):
        _append(path, f"full {reason}")


def _append(path: Path, line: str) -> None:
    while True:
        try:  # without O_CREAT: only while someone follows
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            return
        try:
            _lock(fd)
            try:
                current = os.stat(path).st_ino
            except FileNotFoundError:
                return
            if os.fstat(fd).st_ino == current:  # not taken away meanwhile: append, whole
                os.write(fd, (line + "\n").encode())
                return
        finally:
            os.close(fd)


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # not on Windows: there a line may land in a queue just taken
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


@dataclass
class Pending:
    full: bool = False
    point_ids: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.full and not self.point_ids


def take_pending(region_id: int) -> Pending:
    """What was queued since the last call. An empty queue takes the place of the old one in one
    rename; a writer that still holds the old one finishes first (the lock), a later one sees the
    old file is gone and writes to the new one. The first call (no queue yet) asks for a full
    export: what happened before nobody knows."""
    path = pending_path(region_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new-{os.getpid()}")
    fresh.touch()
    try:
        old = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        os.replace(fresh, path)
        return Pending(full=True)
    found = Pending()
    try:
        os.replace(fresh, path)
        _lock(old)
        with os.fdopen(os.dup(old)) as queued:
            lines = queued.read().splitlines()
    finally:
        os.close(old)
    for line in lines:
        kind, _sep, rest = line.partition(" ")
        if kind == "points":
            found.point_ids |= {int(i) for i in rest.split(",") if i.isdigit()}
        elif kind == "full":
            found.full = True
    return found


def expected_files(snap: Snapshot, *, posters_too: bool = True) -> int:
    """About how many files an export writes (the feed may add one), for a progress bar."""
    areas = snap.places.areas
    postcodes = len(areas.get(AreaKind.PC4, {})) + len(areas.get(AreaKind.PC6, {}))
    count = len(links.LANGUAGES) * (len(PAGES) + len(Risk.values) + postcodes)
    count += 2 + postcodes
    if posters_too:
        posters_per_language = (
            len(areas.get(AreaKind.PC4, {})) + len(areas.get(AreaKind.WIJK, {}))
        ) + len(snap.places.points)
        count += len(links.LANGUAGES) * posters_per_language
    return count + len(snap.situation.cap) + 2 + len(ASSETS)


def _render(
    snap: Snapshot, writer: _Writer, file: str, language: str, name: str, **kw: Any
) -> None:
    site = links.Site(language, static=True, here=file)
    writer.write(file, pages.uncached_page(name, snap, site, **kw), "html")


def _pages(snap: Snapshot, writer: _Writer, mirror: Mirror | None = None) -> None:
    for language in links.LANGUAGES:
        for path in PAGES:
            _render(snap, writer, links.page_file(path, language), language, PAGE_NAMES[path])
        for risk in Risk.values:
            path = f"advice/{risk}/"
            _render(
                snap, writer, links.page_file(path, language), language, "advice_risk", risk=risk
            )
        for kind in (AreaKind.PC4, AreaKind.PC6):
            for code, area in snap.places.areas.get(kind, {}).items():
                file = links.page_file(f"postcode/{code}/", language)
                if mirror is None:
                    _render(snap, writer, file, language, "postcode", code=code)
                else:
                    writer.write(file, mirror.page(snap, area, language), "html")


def _data(snap: Snapshot, writer: _Writer) -> None:
    writer.json("data/points.json", data.points_data(snap))
    writer.json("data/postcodes.json", data.postcode_index(snap))
    for kind in (AreaKind.PC4, AreaKind.PC6):
        for code, area in snap.places.areas.get(kind, {}).items():
            writer.json(f"data/postcode/{code}.json", data.postcode_data(snap, area))


def _posters(snap: Snapshot, writer: _Writer, *, base_url: str = "") -> None:
    for language in links.LANGUAGES:
        prefix = "" if language == "nl" else "en/"
        for kind in (AreaKind.PC4, AreaKind.WIJK):
            for code, area in snap.places.areas.get(kind, {}).items():
                body = posters.area_poster(snap, area, language)
                writer.write(f"{prefix}posters/area/{kind}/{code}.pdf", body, "pdf")
        for point in snap.places.points:
            url = ""
            if base_url:
                url = base_url.rstrip("/") + "/" + prefix + pages.point_page(point)
            body = posters.point_poster(snap, point, language, url=url)
            writer.write(f"{prefix}posters/point/{point.code}.pdf", body, "pdf")


def _alerts(snap: Snapshot, writer: _Writer, *, region: Any, base_url: str) -> None:
    for name, body in snap.situation.cap.items():
        writer.write(f"cap/{name}", body, "cap")
    if region is None or not snap.situation.alerts_enabled:
        return
    cap_base = f"{base_url.rstrip('/')}/cap/" if base_url else "cap/"
    feed = bridge.atom_feed(region, base_url=cap_base)
    if feed is not None:
        writer.write("alerts.atom", feed, "feed")


def _installable(snap: Snapshot, writer: _Writer) -> None:
    for language in links.LANGUAGES:
        name = "manifest.webmanifest" if language == "nl" else f"{language}/manifest.webmanifest"
        writer.write(name, data.manifest(snap, links.Site(language, static=True, here=name)), "app")
    writer.write("sw.js", data.service_worker(links.Site("nl", static=True, here="sw.js")), "app")


def _assets(writer: _Writer) -> None:
    for name in ASSETS:
        found = finders.find(f"publicinfo/{name}")
        if not found:
            raise FileNotFoundError(f"static file publicinfo/{name} is missing")
        path = found if isinstance(found, str) else found[0]
        writer.write(f"static/publicinfo/{name}", Path(path).read_bytes(), "asset")
