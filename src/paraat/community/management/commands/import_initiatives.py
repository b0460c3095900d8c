from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paraat.community import importers
from paraat.community.management.commands._common import dump, refuse, region
from paraat.core.audit import acting_as
from paraat.geo.readers import ReadError


class Command(BaseCommand):
    help = (
        "Import citizen initiatives from CSV or XLSX as approved (columns: see docs/community.md). A file with any "
        "problem imports nothing; every problem names the file, row and field."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--region", help="safety region code (default: the only region)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        target = region(options["region"])
        try:
            with acting_as(None, "import-initiatives"):
                result = importers.import_initiatives(path=options["file"], region=target)
        except ReadError as error:
            raise refuse(self.stdout, error, options["json"]) from None
        if options["json"]:
            self.stdout.write(dump({"ok": True, **result}))
            return
        self.stdout.write(self.style.SUCCESS(f"{result['created']} initiatieven geïmporteerd"))
