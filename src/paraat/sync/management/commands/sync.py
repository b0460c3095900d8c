from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.sync import exchange, hlc


class Command(ParaatCommand):
    json_option = True
    help = (
        "Exchange changes both ways with another Paraat over the API: first merge its changes "
        "since the last exchange, then send this instance's changes it has not acknowledged. "
        "A second run transfers nothing new and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with", dest="url", required=True, metavar="URL",
            help="address of the other Paraat, e.g. https://paraat.vr21.nl",
        )  # fmt: skip
        parser.add_argument(
            "--token",
            default="",
            help="API token of a coordinator or crisis operator there (default: $PARAAT_SYNC_TOKEN)",
        )
        parser.add_argument(
            "--coordination-point",
            default="",
            metavar="CODE",
            help="only this coordination point's records (default: as at the last exchange)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        token = options["token"] or settings.PARAAT_SYNC_TOKEN
        try:
            result = exchange.sync_with(
                url=options["url"], token=token, coordination_point=options["coordination_point"]
            )
        except (exchange.SyncError, hlc.ClockError) as exc:
            if options["json"]:  # a refusal is JSON too, so a script can read why
                self.emit_json({"error": str(exc)})
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.emit_json(result.as_json())
            return
        self.stdout.write(
            _(
                "%(peer)s: %(received)s changes received, %(merged)s merged (%(created)s new "
                "records, %(conflicts)s conflicts); %(sent)s sent, %(merged_there)s merged "
                "there (%(conflicts_there)s conflicts)."
            )
            % result.as_json()
        )
