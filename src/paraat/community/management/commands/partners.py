from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.community import partners, presenters
from paraat.community.models import Partner
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "The region's vital and care partners: 24/7 numbers, radio channel, agreement review, "
        "backup power and promises; with the clients who depend on power at home per area "
        "(small counts hidden). Contact persons only with --contacts (each view is logged)."
    )
    region_option = True
    json_option = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--contacts", action="store_true", help="include contact persons (personal data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = self.region(options)
        found = list(Partner.objects.in_region(region).for_list().prefetch_related("contacts"))
        docs = []
        with acting_as(None, "partners-command"):
            for partner in found:
                contacts = list(partner.contacts.all()) if options["contacts"] else None
                if contacts:
                    partners.log_contact_views(contacts=contacts, note="paraat partners")
                docs.append(presenters.partner_document(partner, contacts=contacts, clients=None))
        clients = partners.power_dependent_in_region(region)
        if self.wants_json(options):
            self.emit_json({"region": region.code, "partners": docs, "power_dependent": clients})
            return
        today = timezone.localdate()
        for partner in found:
            overdue = " " + _("(review overdue)") if partner.review_overdue(today) else ""
            hours = "-" if partner.backup_hours is None else f"{partner.backup_hours:g} h"
            self.stdout.write(
                f"{partner.get_kind_display()}: {partner.name}  24/7 {partner.control_room_phone or '-'}"
                f"  {hours}{overdue}"
            )
        self.stdout.write(_("%(n)d partners") % {"n": len(found)})
        for row in clients:
            total = _("a few") if row["total"] is None else row["total"]
            self.stdout.write(f"  {row['area']} {row['municipality']}: {total}")
