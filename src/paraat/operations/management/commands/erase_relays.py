"""paraat erase-relays: erase residents' personal data from relayed emergency reports of
incidents closed longer ago than the retention period (PARAAT_RELAY_RETENTION_DAYS)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from paraat.core.management.base import ParaatCommand
from paraat.operations import services


class Command(ParaatCommand):
    json_option = True
    help = "Erase the text of relayed emergency reports of incidents closed over N days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days after the incident closed (default PARAAT_RELAY_RETENTION_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = settings.PARAAT_RELAY_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        erased = services.erase_relays(days=days)
        if self.wants_json(options):
            self.emit_json({"erased": erased, "retention_days": days})
        else:
            self.stdout.write(f"{erased} emergency reports erased (retention {days} days)")
