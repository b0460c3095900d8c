from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from paraat.operations import services
from paraat.operations.statusline import StatusLineError, blank_card, parse_line, spoken
from paraat.supportpoints.models import SupportPoint


class Command(BaseCommand):
    help = (
        "Make a point's one-line status message for its instruction card, or parse a keyed-in line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        make = sub.add_parser(
            "make", help="print a point's line, its spoken form and a blank template"
        )
        make.add_argument("code", help="the point's code")
        make.add_argument("--json", action="store_true")
        parse = sub.add_parser(
            "parse", help="say what a line means, or why it is refused (exit code 1)"
        )
        parse.add_argument("line", help="the line, in quotes")
        parse.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "make":
            point = (
                SupportPoint.objects.prefetch_related("services")
                .filter(code=options["code"].upper())
                .first()
            )
            if point is None:
                raise CommandError(f"Geen punt met code {options['code']}")
            line = services.card_line(point=point)
            data = {"line": line, "spoken": spoken(line), "blank": blank_card(point.code)}
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(f"{line}\n\nVoorlezen: {data['spoken']}\n\nLeeg: {data['blank']}")
            return
        try:
            parsed = parse_line(options["line"], reference=timezone.now())
        except StatusLineError as error:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {
                            "ok": False,
                            "field": error.field,
                            "position": error.position,
                            "message_nl": error.message_nl,
                            "message_en": error.message_en,
                        },
                        ensure_ascii=False,
                        indent=2,
                    )
                )
                raise SystemExit(1) from None
            raise CommandError(f"Geweigerd ({error.field}): {error.message_nl}") from None
        status = parsed.status
        result: dict[str, Any] = {
            "ok": True,
            "point": status.point_code,
            "at": timezone.localtime(parsed.at).isoformat(),
            "state": status.state.lower(),
            "services": sorted(s.lower() for s in status.services),
            "visitors": status.visitors,
            "fuel_hours": status.fuel_hours,
            "needs": sorted(n.lower() for n in status.needs),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            for key, value in result.items():
                if key != "ok":
                    self.stdout.write(f"{key}: {value if value not in (None, []) else '-'}")
