"""The static public site: every resident page, the data, posters, CAP documents and the feed,
written to a folder with relative links, so any web server or a USB stick can serve it.

The folder is built next to the target and swapped in with two renames, so a web server serving
the target never sees a half-written site; running it again after every status change is safe.

After a change of some points' state, ``update_points`` rewrites only what shows those states (the
postcode pages and their data whose nearest points include them, and ``data/points.json``), each
file replaced by a rename, in well under a second; every other file stays as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

from paraat.areas.constants import AreaKind
from paraat.core import files
from paraat.core.jobs import ProgressFn
from paraat.publicinfo import bridge, data, links, pages, posters
from paraat.publicinfo.constants import Risk
from paraat.publicinfo.snapshot import AreaEntry, Snapshot

ASSETS = ("public.css", "public.js", "icon.svg", "icon-192.png", "icon-512.png")
PAGES = ("", "prepare/", "advice/", "about/", "postcodes/", "offline/")
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
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.in_place:
            beside = path.with_name(f".{path.name}.new-{os.getpid()}")
            beside.write_bytes(data)
            os.chmod(beside, 0o644)
            os.replace(beside, path)
        else:
            path.write_bytes(data)
        self.result.add(kind, len(data))
        if self.progress is not None:
            total = max(self.total, self.result.files)
            self.progress(self.result.files, total, relative)

    def json(self, relative: str, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        self.write(relative, body, "json")


def export_site(
    snap: Snapshot,
    target: Path,
    *,
    region: Any = None,
    base_url: str = "",
    posters_too: bool = True,
    progress: ProgressFn | None = None,
) -> ExportResult:
    """Write the public site of ``snap`` to ``target`` (replaced as a whole when it exists);
    ``progress`` hears (files written, files expected, file name) after each file."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    result = ExportResult(target)
    work = files.work_folder(target)
    try:
        writer = _Writer(work, result, progress, expected_files(snap, posters_too=posters_too))
        _pages(snap, writer)
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
        raise
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
    points' state changes: ``data/points.json`` and, in both languages, the page and the data of
    every area in ``affected_areas``. Unknown codes are refused; nothing else is touched, so the
    other pages keep the time they were written ("as of")."""
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
    areas = affected_areas(snap, wanted)
    writer.json("data/points.json", data.points_data(snap))
    for area in areas:
        writer.json(f"data/postcode/{area.code}.json", data.postcode_data(snap, area))
        for language in links.LANGUAGES:
            path = f"postcode/{area.code}/"
            _render(
                snap, writer, links.page_file(path, language), language, "postcode", code=area.code
            )
    return result


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


def _pages(snap: Snapshot, writer: _Writer) -> None:
    for language in links.LANGUAGES:
        for path in PAGES:
            _render(snap, writer, links.page_file(path, language), language, PAGE_NAMES[path])
        for risk in Risk.values:
            path = f"advice/{risk}/"
            _render(
                snap, writer, links.page_file(path, language), language, "advice_risk", risk=risk
            )
        for kind in (AreaKind.PC4, AreaKind.PC6):
            for code in snap.places.areas.get(kind, {}):
                path = f"postcode/{code}/"
                _render(
                    snap, writer, links.page_file(path, language), language, "postcode", code=code
                )


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
    writer.write(
        "manifest.webmanifest",
        data.manifest(snap, links.Site("nl", static=True, here="manifest.webmanifest")),
        "app",
    )
    writer.write("sw.js", data.service_worker(links.Site("nl", static=True, here="sw.js")), "app")


def _assets(writer: _Writer) -> None:
    for name in ASSETS:
        found = finders.find(f"publicinfo/{name}")
        if not found:
            raise FileNotFoundError(f"static file publicinfo/{name} is missing")
        path = found if isinstance(found, str) else found[0]
        writer.write(f"static/publicinfo/{name}", Path(path).read_bytes(), "asset")
