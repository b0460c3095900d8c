"""What the community commands share (region choice and JSON output come from supportpoints)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from paraat.core.audit import acting_as
from paraat.geo.readers import ReadError
from paraat.supportpoints.management.commands._common import dump, refuse, region

__all__ = ["FileImportCommand", "dump", "refuse", "region"]


class FileImportCommand(BaseCommand):
    """`paraat import-… FILE [--region] [--json]`: one importer, all or nothing."""

    actor = ""  # the name in the audit trail, e.g. "import-volunteers"
    done = ""  # the success line; {created} becomes the number imported

    def importer(self, *, path: str, region: Any) -> dict[str, Any]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--region", help="safety region code (default: the only region)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        target = region(options["region"])
        run: Callable[..., dict[str, Any]] = self.importer
        try:
            with acting_as(None, self.actor):
                result = run(path=options["file"], region=target)
        except ReadError as error:
            raise refuse(self.stdout, error, options["json"]) from None
        if options["json"]:
            self.stdout.write(dump({"ok": True, **result}))
            return
        self.stdout.write(self.style.SUCCESS(self.done.format(created=result["created"])))
