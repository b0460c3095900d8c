from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.publicinfo import export, snapshot


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

    def handle(self, *args: Any, **options: Any) -> None:
        # Without --region: the region the public site serves (PARAAT_PUBLIC_REGION or the first
        # with active points), as /public/ does.
        region = self.region(options) if options["region"] else snapshot.public_region()
        if region is None:
            raise CommandError(
                _(
                    "There is no region yet: create one with `paraat region create` (or `paraat demo`)."
                )
            )
        started = time.perf_counter()
        snap = snapshot.build(region)
        if options["points"]:
            self._update(snap, options, started)
            return
        bar = self.progress_bar(options)
        try:
            result = export.export_site(
                snap,
                Path(options["directory"]),
                region=region,
                base_url=options["base_url"],
                posters_too=not options["no_posters"],
                progress=bar,
            )
        except OSError as exc:
            raise CommandError(f"Could not write {options['directory']}: {exc}") from exc
        finally:
            bar.close()
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(result.counts.items()))
        self.stdout.write(
            f"{result.target}: {result.files} files ({counts}), {result.bytes / 1e6:.1f} MB, "
            f"{time.perf_counter() - started:.1f} s"
        )

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
