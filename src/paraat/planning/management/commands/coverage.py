from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from paraat.core.management.base import ParaatCommand
from paraat.planning import documents, explain, services
from paraat.planning.constants import DEFAULT_CAPACITY
from paraat.planning.management.commands._options import add_common, messages, scope


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Coverage: how many residents live within the distance threshold of a designated or "
        "prepared support point, per region, municipality and area. Stores a dated run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common(parser)
        parser.add_argument(
            "--close", default="", help="what-if: point codes to close, comma-separated"
        )
        parser.add_argument(
            "--add", default="", help="what-if: candidate codes to add, comma-separated"
        )
        parser.add_argument(
            "--capacity",
            type=int,
            default=None,
            help="residents per point (default: the region's setting, else 5000)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region, municipality = scope(self.region(options), options)
        try:
            run = services.run_coverage(
                region=region,
                municipality=municipality,
                threshold_m=options["threshold"],
                weight=options["weight"],
                area_kind=options["area_kind"],
                network_file=options["network"],
                closed=[c for c in options["close"].split(",") if c.strip()],
                added=[c for c in options["add"].split(",") if c.strip()],
                capacity=options["capacity"] or region.default_capacity or DEFAULT_CAPACITY,
                save=not options["no_save"],
            )
            document = documents.document(run)
        except ValidationError as error:
            raise CommandError(messages(error)) from None
        if self.wants_json(options):
            self.emit_json(document)
            return
        figures = document["figures"]
        self.stdout.write(document["explanation"])
        for row in figures["municipalities"]:
            self.stdout.write(
                f"  {row['name']:<28} {explain.number(row['covered']):>10} / "
                f"{explain.number(row['total']):>10}  {explain.percent(row['share'])}"
            )
