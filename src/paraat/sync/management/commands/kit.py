from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.sync import kit


class Command(ParaatCommand):
    region_option = True
    json_option = True
    help = (
        "Write the blackout kit of a coordination point to DIR for a USB stick: the public site of "
        "its area as plain HTML, the posters, radio cards and blank status and request forms of "
        "its points as PDF, and a README in Dutch. DIR is replaced as a whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--coordination-point",
            required=True,
            metavar="CODE",
            help="code of the coordination point whose kit to write",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = self.region(options)
        quiet = options["json"] or not sys.stderr.isatty()
        try:
            result = kit.write_kit(
                region,
                options["coordination_point"],
                Path(options["directory"]),
                progress=None if quiet else lambda message: self.stderr.write(message),
            )
        except kit.KitError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                _("Could not write %(dir)s: %(error)s")
                % {"dir": options["directory"], "error": exc}
            ) from exc
        if options["json"]:
            self.emit_json(result.as_json())
            return
        self.stdout.write(
            _("%(target)s: kit of %(code)s with %(points)s points, %(files)s files.")
            % {
                "target": result.target,
                "code": result.coordination_point,
                "points": len(result.points),
                "files": len(result.files),
            }
        )
