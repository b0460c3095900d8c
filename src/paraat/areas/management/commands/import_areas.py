from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from paraat.areas import services
from paraat.areas.constants import ImportKind
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.geo.readers import ReadError


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Import municipalities or areas (wijk, buurt, pc4, pc6, grid) with population from GeoJSON, "
        "GeoPackage, zipped Shapefile, CSV or XLSX. Re-importing updates by code; a bad file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the file to import")
        parser.add_argument(
            "--kind",
            choices=ImportKind.values,
            help="what the file holds, when it cannot be detected",
        )
        parser.add_argument(
            "--crs",
            type=int,
            choices=[28992, 4326],
            help="the file's coordinate reference system, when it cannot be detected",
        )
        parser.add_argument("--year", type=int, help="reference year of the population figures")

    def handle(self, *args: Any, **options: Any) -> None:
        region = self.region(options)
        try:
            with acting_as(None, "import-areas"):
                result = services.import_areas(
                    path=options["file"],
                    region=region,
                    kind=options["kind"],
                    crs=options["crs"],
                    population_year=options["year"],
                )
        except ReadError as error:
            raise self.refuse_problems(options, error.problems, _("Nothing imported:")) from None
        if self.wants_json(options):
            self.emit_json({"ok": True, **result.as_dict()})
        else:
            self.stdout.write(self.style.SUCCESS(result.summary()))
        for warning in result.warnings:
            self.stderr.write(f"  ! {warning}")
