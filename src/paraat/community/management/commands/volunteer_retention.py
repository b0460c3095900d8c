from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.community import services
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "Apply the retention period to volunteers: notice to those inactive for "
        "PARAAT_VOLUNTEER_RETENTION_DAYS, erasure after PARAAT_VOLUNTEER_NOTICE_DAYS more. Run daily."
    )
    json_option = True  # every region: the retention period is the installation's

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, "volunteer-retention"):
            result = services.apply_retention(now=timezone.now())
        if self.wants_json(options):
            self.emit_json(result)
            return
        self.stdout.write(_("%(notified)d notified, %(erased)d erased") % result)
