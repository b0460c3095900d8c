from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core import jobs
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "Background jobs: `jobs cleanup --days N` removes finished jobs (done or failed) older "
        "than N days and their result files, in every region; queued and running jobs stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        clean = sub.add_parser("cleanup", help="remove finished jobs older than --days")
        clean.add_argument(
            "--days", type=int, default=30, help="keep finished jobs this many days (default 30)"
        )
        self.add_json_argument(clean)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = jobs.cleanup(days=options["days"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if self.wants_json(options):
            self.emit_json({"jobs": done.jobs, "files": done.files, "days": options["days"]})
            return
        self.stdout.write(
            _("Removed %(jobs)d finished jobs and %(files)d files older than %(days)d days.")
            % {"jobs": done.jobs, "files": done.files, "days": options["days"]}
        )
