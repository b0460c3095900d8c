from __future__ import annotations

import argparse
import os
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.publicinfo import export, snapshot


class _Retry:
    """A queue line that asks the next --pending run for a full export."""

    real, reason, point_ids = True, "retry", ()

    def __init__(self, region_id: int) -> None:
        self.region_id = region_id


class Command(ParaatCommand):
    region_option = True
    region_help = "code of the safety region (default: the region the public site serves)"

    help = (
        "Write the whole public site (pages in Dutch and English, JSON, posters, CAP documents and "
        "the alerts feed) to DIR with relative links, for any web server or a USB stick. The folder "
        "is replaced as a whole, so it is safe to re-run on every status change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--base-url",
            default="",
            help="public address of the copy (e.g. https://example.org/noodsteunpunten/), used "
            "for the links in the alerts feed",
        )
        parser.add_argument(
            "--no-posters", action="store_true", help="skip the PDF posters (faster)"
        )
        parser.add_argument(
            "--points",
            default="",
            metavar="CODE[,CODE]",
            help="after a change of these points' state: rewrite in the export in DIR only the "
            "postcode pages and data that show them (each file replaced by a rename), not the "
            "whole site",
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="follow the state of the points: rewrite what changed since the last --pending "
            "run (the points reported or activated in a real incident; the whole site after "
            "anything else, and on the first run); run it every few seconds",
        )

        parser.add_argument(
            "--follow",
            action="store_true",
            help="keep DIR current without stopping: write it whole, then every --interval "
            "seconds rewrite what changed, as --pending does (the public mirror that nginx serves, "
            "docs/public-site.md; `paraat serve` starts it when PARAAT_PUBLIC_MIRROR_DIR is set)",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between --follow rounds"
        )
        parser.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
        parser.add_argument("--rounds", type=int, default=None, help=argparse.SUPPRESS)  # tests

    def _public_region(self, options: dict[str, Any]) -> Any:
        # Without --region: the region the public site serves (PARAAT_PUBLIC_REGION or the first
        # with active points), as /public/ does.
        return self.region(options) if options["region"] else snapshot.public_region()

    def handle(self, *args: Any, **options: Any) -> None:
        if options["follow"]:
            self._follow_forever(options)
            return
        region = self._public_region(options)
        if region is None:
            raise CommandError(
                _(
                    "There is no region yet: create one with `paraat region create` (or `paraat demo`)."
                )
            )
        started = time.perf_counter()
        if options["pending"] and not self._follow(region, options, started):
            return
        snap = snapshot.build(region)
        if options["points"]:
            self._update(snap, options, started)
            return
        self._full(snap, region, options, started)

    def _follow_forever(self, options: dict[str, Any]) -> None:
        """--follow: a --pending round every --interval seconds, in this one process (no start-up
        per round), until Ctrl-C or until the process that started it (`paraat serve`) is gone.
        A round that fails is reported and the next one writes the whole site again."""
        parent, rounds = options["parent"], options["rounds"]
        options.update(pending=True, quiet=True)
        # The shells of the postcode pages, kept from one full export to the next, so a round
        # joins the changed pages from strings (export.Mirror).
        self._mirror = export.Mirror()
        while (parent is None or _alive(parent)) and (rounds is None or rounds > 0):
            rounds = None if rounds is None else rounds - 1
            started = time.perf_counter()
            options["points"] = ""
            if not connection.in_atomic_block:  # (a test's transaction)
                close_old_connections()  # a long-running loop, not a request: no stale link
            try:
                region = self._public_region(options)
                if region is not None and self._follow(region, options, started):
                    self._full(self._snapshot(region), region, options, started)
            except KeyboardInterrupt:
                return
            except Exception as exc:  # noqa: BLE001 - the mirror must outlive one bad round
                self.stderr.write(f"export-public --follow: {exc}")
            try:
                time.sleep(max(0.05, options["interval"] - (time.perf_counter() - started)))
            except KeyboardInterrupt:
                return

    def _snapshot(self, region: Any, *, reuse_places: bool = False) -> snapshot.Snapshot:
        """A fresh snapshot; a follower keeps the places (points, areas and their nearest points,
        advice) of its last full export, as they change only by what asks for a full export, and
        builds only the situation (the points' states) for a round that rewrites a few points."""
        kept = getattr(self, "_places", None)
        if reuse_places and kept is not None and kept[0] == region.pk:
            return snapshot.Snapshot(
                kept[1], snapshot.build_situation(region), uuid.uuid4().hex, snapshot.read_stamp()
            )
        snap = snapshot.build(region)
        self._places = (region.pk, snap.places)
        return snap

    def _full(
        self, snap: snapshot.Snapshot, region: Any, options: dict[str, Any], started: float
    ) -> None:
        bar = self.progress_bar(options)
        try:
            result = export.export_site(
                snap,
                Path(options["directory"]),
                region=region,
                base_url=options["base_url"],
                posters_too=not options["no_posters"],
                progress=bar,
                mirror=getattr(self, "_mirror", None),
            )
        except BaseException as exc:
            if options["pending"]:
                export.note_state_changed(_Retry(region.pk))  # the next run does it all again
            if isinstance(exc, OSError):
                raise CommandError(f"Could not write {options['directory']}: {exc}") from exc
            raise
        finally:
            bar.close()
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(result.counts.items()))
        self.stdout.write(
            f"{result.target}: {result.files} files ({counts}), {result.bytes / 1e6:.1f} MB, "
            f"{time.perf_counter() - started:.1f} s"
        )

    def _follow(self, region: Any, options: dict[str, Any], started: float) -> bool:
        """--pending: rewrite the queued points here; True when a full export must follow."""
        from paraat.supportpoints.models import SupportPoint

        pending = export.take_pending(region.pk)
        mirror: export.Mirror | None = getattr(self, "_mirror", None)
        if pending.empty and not (mirror is not None and mirror.waiting):
            if not options.get("quiet"):
                self.stdout.write(f"{options['directory']}: nothing changed")
            return False
        target = Path(options["directory"])
        if pending.full or not (target / "data" / "points.json").is_file():
            return True
        snap = self._snapshot(region, reuse_places=True)
        if mirror is not None:
            return self._follow_mirror(mirror, snap, target, region, started)
        known = {p.code for p in snap.places.points}
        codes = sorted(
            SupportPoint.objects.filter(region=region, pk__in=pending.point_ids).values_list(
                "code", flat=True
            )
        )
        # A point that is not on the public site (a coordination point without a public role, a
        # point not yet prepared) has no page to rewrite; a point that joins or leaves the public
        # site is saved, and that asks for the whole export (services.public_data_changed).
        codes = [code for code in codes if code in known]
        if not codes:
            return False
        options["points"] = ",".join(codes)
        try:
            self._update(snap, options, started)
        except BaseException:
            export.note_state_changed(_Retry(region.pk))  # the next run does it all again
            raise
        return False

    def _follow_mirror(
        self,
        mirror: export.Mirror,
        snap: snapshot.Snapshot,
        target: Path,
        region: Any,
        started: float,
    ) -> bool:
        """--follow: rewrite the pages whose shown points changed; True when a full export must
        follow (no shells yet, or the situation changed beyond the points' states)."""
        try:
            result, codes = mirror.follow(snap, target)
        except export.NeedsFullExport:
            return True
        except BaseException:
            mirror.reset()
            export.note_state_changed(_Retry(region.pk))  # the next run does it all again
            raise
        if codes or result.files:
            which = ", ".join(codes) or "the areas left by the round before"
            left = (
                f", {len(mirror.waiting)} areas left for the next round" if mirror.waiting else ""
            )
            self.stdout.write(
                f"{result.target}: {result.files} files rewritten for {which}{left}, "
                f"{result.bytes / 1e6:.1f} MB, {time.perf_counter() - started:.2f} s"
            )
        return False

    def _update(self, snap: snapshot.Snapshot, options: dict[str, Any], started: float) -> None:
        codes = [c.strip() for c in options["points"].split(",") if c.strip()]
        try:
            result = export.update_points(snap, Path(options["directory"]), codes)
        except export.NotAnExport as exc:
            raise CommandError(
                _(
                    "%(dir)s holds no public export to update: run export-public without --points first."
                )
                % {"dir": exc}
            ) from exc
        except KeyError as exc:
            raise CommandError(
                _("Unknown point code (or not active): %(codes)s") % {"codes": exc.args[0]}
            ) from exc
        except OSError as exc:
            raise CommandError(f"Could not write {options['directory']}: {exc}") from exc
        self.stdout.write(
            f"{result.target}: {result.files} files rewritten for {', '.join(codes).upper()}, "
            f"{result.bytes / 1e6:.1f} MB, {time.perf_counter() - started:.2f} s"
        )


def _alive(pid: int) -> bool:
    """The process that started the follower still runs (and is still our parent)."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return os.getppid() == pid
