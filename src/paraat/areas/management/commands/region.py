from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from paraat.areas import regions
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.geo.readers import ReadError


class Command(ParaatCommand):
    help = (
        "Safety regions: `region create --code VRnn --name NAME MUNICIPALITIES_FILE` starts a "
        "region from a CBS municipalities file (GM codes; the outline is their union), again "
        "with the same file changes nothing; `region list` shows every region."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create or refresh a region from its municipalities")
        create.add_argument("file", metavar="MUNICIPALITIES_FILE")
        create.add_argument("--code", required=True, help="the region's code, e.g. VR21")
        create.add_argument("--name", required=True, help="the region's name")
        create.add_argument("--year", type=int, help="reference year of the population figures")
        listing = sub.add_parser("list", help="every region with its municipalities and users")
        for sub_parser in (create, listing):
            self.add_json_argument(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            rows = regions.region_rows()
            if self.wants_json(options):
                self.emit_json({"regions": rows})
                return
            for row in rows:
                self.stdout.write(
                    _("%(code)s %(name)s: %(municipalities)d municipalities, %(users)d users") % row
                )
            return
        try:
            with acting_as(None, "region-create"):
                result = regions.create_region(
                    code=options["code"],
                    name=options["name"],
                    path=options["file"],
                    population_year=options["year"],
                )
        except ReadError as error:
            raise self.refuse_problems(options, error.problems, _("Nothing stored:")) from None
        if self.wants_json(options):
            self.emit_json({"ok": True, **result.as_dict()})
            return
        message = _("Region %(code)s %(name)s %(done)s: %(summary)s") % {
            "code": result.region.code,
            "name": result.region.name,
            "done": _("created") if result.created else _("already present, refreshed"),
            "summary": result.municipalities.summary(),
        }
        self.stdout.write(self.style.SUCCESS(message))
