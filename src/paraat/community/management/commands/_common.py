"""What the community importers share (`--region` and `--json` come from ParaatCommand)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.geo.readers import ReadError

__all__ = ["FileImportCommand"]


class FileImportCommand(ParaatCommand):
    """`paraat import-… FILE [--region] [--json]`: one importer, all or nothing."""

    region_option = True
    json_option = True
    actor = ""  # the name in the audit trail, e.g. "import-volunteers"

    def done(self, created: int) -> str:
        """The success line, translated."""
        raise NotImplementedError

    def importer(self, *, path: str, region: Any) -> dict[str, Any]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")

    def handle(self, *args: Any, **options: Any) -> None:
        target = self.region(options)
        run: Callable[..., dict[str, Any]] = self.importer
        try:
            with acting_as(None, self.actor):
                result = run(path=options["file"], region=target)
        except ReadError as error:
            raise self.refuse_problems(options, error.problems, _("Nothing imported:")) from None
        if self.wants_json(options):
            self.emit_json({"ok": True, **result})
            return
        self.stdout.write(self.style.SUCCESS(self.done(result["created"])))
