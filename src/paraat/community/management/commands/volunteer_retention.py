from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from paraat.community import services
from paraat.community.management.commands._common import dump
from paraat.core.audit import acting_as


class Command(BaseCommand):
    help = (
        "Apply the retention period to volunteers: notice to those inactive for "
        "PARAAT_VOLUNTEER_RETENTION_DAYS, erasure after PARAAT_VOLUNTEER_NOTICE_DAYS more. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, "volunteer-retention"):
            result = services.apply_retention(now=timezone.now())
        if options["json"]:
            self.stdout.write(dump(result))
            return
        self.stdout.write(f"{result['notified']} gewaarschuwd, {result['erased']} gewist")
