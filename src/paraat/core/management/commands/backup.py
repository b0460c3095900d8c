from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _

from paraat.core import backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to FILE while the server keeps running: "
        "SQLite's online backup for SQLite, pg_dump's custom format for PostgreSQL. "
        "Restore it with `paraat restore FILE` (see docs/deployment.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="where to write the backup")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        try:
            backup.backup(connections["default"].settings_dict, target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        size = target.stat().st_size
        self.stdout.write(
            _("Backup written to %(file)s (%(size)s bytes)") % {"file": target, "size": f"{size:,}"}
        )
