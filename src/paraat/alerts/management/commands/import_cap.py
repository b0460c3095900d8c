from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from paraat.accounts.models import User
from paraat.alerts import services
from paraat.alerts.management.commands.cap_validate import read_limited
from paraat.core import uploads
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    region_option = True

    help = (
        "Import external CAP 1.2 alerts (files) to show in the alerts list, marked as external. "
        "Files that are not CAP 1.2 or fail the official schema are refused with the reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="CAP XML files")
        parser.add_argument(
            "--user", required=True, help="the username the import is recorded under"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = self.region(options)
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user {options['user']}")
        refused = 0
        for name in options["files"]:
            try:
                data = read_limited(name, uploads.max_bytes("cap"))
                alert = services.import_external(region=region, user=user, data=data, name=name)
            except OSError as error:
                refused += 1
                self.stderr.write(f"{name}: cannot read the file ({error.strerror})")
            except ValidationError as error:
                refused += 1
                self.stderr.write(" ".join(error.messages))
            else:
                note = f" ({len(alert.warnings)} warnings)" if alert.warnings else ""
                self.stdout.write(f"{name}: imported {alert.identifier}{note}")
        if refused:
            raise CommandError(f"{refused} of {len(options['files'])} files refused")
