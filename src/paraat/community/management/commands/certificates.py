from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from paraat.community import services
from paraat.community.management.commands._common import dump, region
from paraat.community.models import Certificate
from paraat.core.audit import acting_as


class Command(BaseCommand):
    help = (
        "List certificates that expire within N days (volunteers by number, not by name); with "
        "--notify also tell each volunteer and her municipality's officers, once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--expiring", type=int, default=30, metavar="DAYS")
        parser.add_argument("--notify", action="store_true", help="send the reminders")
        parser.add_argument("--region", help="safety region code (default: the only region)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        target = region(options["region"])
        today = timezone.localdate()
        rows = [
            {"volunteer": c.volunteer_id, "municipality": c.volunteer.municipality.code,
             "skill": c.skill, "issuer": c.issuer, "expires_on": c.expires_on.isoformat(),
             "notified_on": c.expiry_notice_sent_on.isoformat() if c.expiry_notice_sent_on else None}
            for c in Certificate.objects.expiring(today, options["expiring"])
            .filter(volunteer__region=target).select_related("volunteer__municipality")
        ]  # fmt: skip
        sent = 0
        if options["notify"]:
            with acting_as(None, "certificates"):
                sent = services.notify_expiring_certificates(
                    today=today, within_days=options["expiring"]
                )
        if options["json"]:
            self.stdout.write(
                dump({"days": options["expiring"], "certificates": rows, "notified": sent})
            )
            return
        for row in rows:
            self.stdout.write(
                f"#{row['volunteer']} {row['municipality']} {row['skill']} tot {row['expires_on']}"
            )
        self.stdout.write(f"{len(rows)} certificaten verlopen binnen {options['expiring']} dagen")
