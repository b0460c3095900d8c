from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from paraat.accounts import tokens
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "Print a one-time key for the first-run web setup (/setup/), valid 24 hours. A new key "
        "stops the previous one. Only someone with the server's command line can make one."
    )
    json_option = True

    def handle(self, *args: Any, **options: Any) -> None:
        key = tokens.issue_setup_token()
        if self.wants_json(options):
            self.emit_json({"setup_token": key, "valid_hours": tokens.SETUP_TOKEN_HOURS})
            return
        self.stdout.write(key)
        self.stderr.write(
            _("Open /setup/ and enter this key within %(hours)d hours. It works once.")
            % {"hours": tokens.SETUP_TOKEN_HOURS}
        )
