from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paraat.community import services
from paraat.community.models import Certificate
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "List certificates that expire within N days (volunteers by number, not by name); with "
        "--notify also tell each volunteer and her municipality's officers, once."
    )
    region_option = True
    json_option = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--expiring", type=int, default=30, metavar="DAYS")
        parser.add_argument("--notify", action="store_true", help="send the reminders")

    def handle(self, *args: Any, **options: Any) -> None:
        target = self.region(options)
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
        if self.wants_json(options):
            self.emit_json({"days": options["expiring"], "certificates": rows, "notified": sent})
            return
        for row in rows:
            self.stdout.write(
                _("#%(volunteer)s %(municipality)s %(skill)s until %(expires_on)s") % row
            )
        self.stdout.write(
            ngettext(
                "%(count)d certificate expires within %(days)d days",
                "%(count)d certificates expire within %(days)d days",
                len(rows),
            )
            % {"count": len(rows), "days": options["expiring"]}
        )
