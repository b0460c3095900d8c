from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.operations import services
from paraat.operations.statusline import StatusLineError, blank_card, parse_line, spoken
from paraat.supportpoints.models import SupportPoint


class Command(ParaatCommand):
    help = (
        "Make a point's one-line status message for its instruction card, or parse a keyed-in line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        make = sub.add_parser(
            "make", help="print a point's line, its spoken form and a blank template"
        )
        make.add_argument("code", help="the point's code")
        self.add_json_argument(make)
        parse = sub.add_parser(
            "parse", help="say what a line means, or why it is refused (exit code 1)"
        )
        parse.add_argument("line", help="the line, in quotes")
        self.add_json_argument(parse)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "make":
            point = (
                SupportPoint.objects.prefetch_related("services")
                .filter(code=options["code"].upper())
                .first()
            )
            if point is None:
                raise CommandError(_("No point with code %(code)s") % {"code": options["code"]})
            line = services.card_line(point=point)
            data = {"line": line, "spoken": spoken(line), "blank": blank_card(point.code)}
            if self.wants_json(options):
                self.emit_json(data)
            else:
                read_out = _("Read out: %(spoken)s") % {"spoken": data["spoken"]}
                blank = _("Blank: %(blank)s") % {"blank": data["blank"]}
                self.stdout.write(f"{line}\n\n{read_out}\n\n{blank}")
            return
        try:
            parsed = parse_line(options["line"], reference=timezone.now())
        except StatusLineError as error:
            if self.wants_json(options):
                with translation.override("nl"):
                    dutch = error.message
                with translation.override("en"):
                    english = error.message
                self.emit_json(
                    {
                        "ok": False,
                        "field": error.field,
                        "position": error.position,
                        "message": error.message,
                        "message_nl": dutch,
                        "message_en": english,
                    }
                )
                raise SystemExit(1) from None
            raise CommandError(
                _("Refused (%(field)s): %(message)s")
                % {"field": error.field, "message": error.message}
            ) from None
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
        if self.wants_json(options):
            self.emit_json(result)
        else:
            for key, value in result.items():
                if key != "ok":
                    self.stdout.write(f"{key}: {value if value not in (None, []) else '-'}")
