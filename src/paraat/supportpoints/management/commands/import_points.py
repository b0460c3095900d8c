from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.geo.readers import ReadError
from paraat.supportpoints import exchange, polling


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Import support points from CSV, XLSX, GeoJSON or GeoPackage (format from the extension). "
        "Re-importing updates by code; a file with any problem changes nothing. With "
        "--polling-places the file is a polling places file whose buildings become candidate sites."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the file to import")
        parser.add_argument(
            "--polling-places",
            action="store_true",
            help="the file holds polling places (stemlokalen): import them as candidate sites",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = self.region(options)
        try:
            with acting_as(None, "import-points"):
                if options["polling_places"]:
                    result = polling.import_polling_places(path=options["file"], region=target)
                else:
                    result = exchange.import_points(path=options["file"], region=target)
        except ReadError as error:
            raise self.refuse_problems(options, error.problems, _("Nothing imported:")) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        if self.wants_json(options):
            self.emit_json({"ok": True, **result})
            return
        self.stdout.write(
            self.style.SUCCESS(f"{result['created']} punten nieuw, {result['updated']} bijgewerkt")
        )
        for note in result.get("skipped", []):
            self.stdout.write(f"  overgeslagen: {note}")
