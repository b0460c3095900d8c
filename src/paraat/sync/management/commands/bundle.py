from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.sync import bundle, exchange, hlc, scope, services


class Command(ParaatCommand):
    json_option = False  # on each sub-command
    help = (
        "Exchange changes without a network: 'bundle export --since N FILE' writes every change "
        "of the journal after position N as signed JSON lines; 'bundle import FILE' verifies a "
        "bundle and merges it in one transaction (importing it twice changes nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a bundle")
        export.add_argument("file", metavar="FILE")
        export.add_argument(
            "--since",
            type=int,
            default=0,
            metavar="N",
            help="journal position of the previous export (the 'until' it printed); 0: everything",
        )
        export.add_argument(
            "--coordination-point",
            default="",
            metavar="CODE",
            help="a full export for a new laptop of this coordination point "
            "(`paraat instance init --from FILE`)",
        )
        self.add_region_argument(export)
        imp = sub.add_parser("import", help="verify and merge a bundle")
        imp.add_argument("file", metavar="FILE")
        for p in (export, imp):
            self.add_json_argument(p)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if options["action"] == "export":
            try:
                if options["coordination_point"]:
                    header = exchange.write_snapshot(
                        region=self.region(options),
                        coordination_point=options["coordination_point"],
                        path=path,
                    )
                else:
                    header = services.export_bundle(path=path, since=options["since"])
            except scope.ScopeError as exc:
                raise CommandError(str(exc)) from exc
            except OSError as exc:
                raise CommandError(
                    _("Could not write %(file)s: %(error)s") % {"file": path, "error": exc}
                ) from exc
            if options["json"]:
                self.emit_json(header)
                return
            self.stdout.write(
                _("%(file)s: %(count)s changes, journal %(since)s to %(until)s.") % header
            )
            return
        try:
            result = services.import_bundle(path=path)
        except (bundle.BundleError, hlc.ClockError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.emit_json(result.as_json())
            return
        self.stdout.write(
            _(
                "%(file)s: %(applied)s changes merged (%(created)s new records), %(already)s already here, %(conflicts)s conflicts."
            )
            % {"file": path, **result.as_json()}
        )
