from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.programme import register


class Command(ParaatCommand):
    help = (
        "The continuity registers: per organisation its critical processes and the hour of a "
        "power outage at which each fails without and with its fallback."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_region_argument(parser)
        self.add_json_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        region = self.region(options)
        if self.wants_json(options):
            self.emit_json(register.as_dict(region))
            return
        for reg in register.for_region(region):
            if not reg.rows:
                continue
            self.stdout.write(reg.name)
            for row in reg.rows:
                t = row.timing
                if not t.affected:
                    line = _("not affected")
                elif t.fallback_missing:
                    line = _("fails at hour %(h)s, no fallback") % {"h": t.fails_without_h}
                else:
                    line = _("fails at hour %(without)s without, %(with)s with its fallback") % {
                        "without": t.fails_without_h, "with": t.fails_with_h,
                    }  # fmt: skip
                self.stdout.write(f"  {row.process.name}: {line}")
