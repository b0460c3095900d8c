from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.sync import exchange, hlc


class Command(ParaatCommand):
    json_option = False  # on each sub-command
    help = (
        "A laptop instance of one coordination point: 'instance init --from URL|BUNDLE "
        "--coordination-point CODE' fills an empty database from the region's server or a "
        "full export; 'instance refresh' pulls what the region changed since the last exchange."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser("init", help="make this empty database a laptop instance")
        init.add_argument(
            "--from", dest="source", required=True, metavar="URL|BUNDLE",
            help="the region's server (with a token) or a file from "
            "`paraat bundle export --coordination-point CODE`",
        )  # fmt: skip
        init.add_argument("--coordination-point", required=True, metavar="CODE")
        refresh = sub.add_parser("refresh", help="pull the region's changes since the last time")
        refresh.add_argument(
            "--from", dest="source", default="", metavar="URL",
            help="the region's server (default: the one of the last exchange)",
        )  # fmt: skip
        for p in (init, refresh):
            p.add_argument(
                "--token",
                default="",
                help="API token of a coordinator or crisis operator of the region "
                "(default: $PARAAT_SYNC_TOKEN)",
            )
            self.add_json_argument(p)

    def handle(self, *args: Any, **options: Any) -> None:
        token = options["token"] or settings.PARAAT_SYNC_TOKEN
        try:
            if options["action"] == "init":
                data = exchange.init_instance(
                    source=options["source"],
                    coordination_point=options["coordination_point"],
                    token=token,
                )
                message = _(
                    "This is now the laptop of %(coordination_point)s (region %(region)s): "
                    "%(rows)s rows and %(changes)s changes from %(peer)s."
                )
            else:
                data = exchange.refresh(token=token, url=options["source"]).as_json()
                message = _(
                    "%(peer)s: %(received)s changes received, %(merged)s merged (%(created)s new "
                    "records, %(conflicts)s conflicts)."
                )
        except (exchange.SyncError, hlc.ClockError) as exc:
            if options["json"]:  # a refusal is JSON too, so a script can read why
                self.emit_json({"error": str(exc)})
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.emit_json(data)
            return
        self.stdout.write(message % data)
