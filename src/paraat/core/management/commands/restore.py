from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _

from paraat.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `paraat backup` into the empty database named by DATABASE_URL. "
        "Refuses a database that already holds tables. Run `paraat migrate` afterwards when the "
        "backup comes from an older version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        connections.close_all()
        try:
            backup.restore(connections["default"].settings_dict, source)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored %(file)s into %(database)s")
            % {"file": source, "database": connections["default"].settings_dict["NAME"]}
        )
