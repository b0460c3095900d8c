from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from paraat.alerts import cap
from paraat.core import uploads
from paraat.core.management.base import ParaatCommand


def read_limited(name: str, limit: int) -> bytes:
    """At most one byte more than the limit, so a 100 MB file is refused without reading it all."""
    if name == "-":
        return sys.stdin.buffer.read(limit + 1)
    with Path(name).open("rb") as handle:
        return handle.read(limit + 1)


class Command(ParaatCommand):
    json_option = True
    help = (
        "Check a CAP document against the official CAP 1.2 schema and the platform's rules "
        "(time offsets, polygons, references, identifiers). Exit code 1 when it is not valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CAP XML file ('-' reads standard input)")
        parser.add_argument(
            "--schema-only",
            action="store_true",
            help="check only the official schema, not the platform's stricter rules",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            data = read_limited(name, uploads.max_bytes("cap"))
        except OSError as error:
            raise CommandError(f"{name}: cannot read the file ({error.strerror})") from error
        report = cap.check(
            data, rules_apply=not options["schema_only"], max_bytes=uploads.max_bytes("cap")
        )
        if self.wants_json(options):
            self.emit_json({"file": name, **report.as_dict()})
        elif report.ok:
            self.stdout.write(f"{name}: valid CAP {report.version}")
        else:
            version = f"CAP {report.version}" if report.version else "not CAP"
            self.stdout.write(f"{name}: NOT valid ({version}, {len(report.problems)} problems)")
            for problem in report.problems:
                self.stdout.write(f"  {problem}")
        if not report.ok:
            sys.exit(1)
