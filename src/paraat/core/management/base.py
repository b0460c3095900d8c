"""The one base class for Paraat's commands: the shared `--region` and `--json` options and the
progress bar.

Every command that works on one safety region takes `--region CODE`: required when the install
holds several regions, the only region when there is one. Every command that reports takes
`--json` and then prints one JSON document on stdout and nothing else.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.areas.models import Region
from paraat.core.management.progress import ProgressBar, wanted


def resolve_region(code: str | None) -> Region:
    """The region named by ``code``; without a code the only region, else a clear refusal."""
    regions = Region.objects.order_by("code")
    if code:
        region = regions.filter(code__iexact=code.strip()).first()
        if region is None:
            known = ", ".join(regions.values_list("code", flat=True)) or "-"
            raise CommandError(
                _("There is no region with code %(code)s (known: %(known)s).")
                % {"code": code, "known": known}
            )
        return region
    found = list(regions[:2])
    if not found:
        raise CommandError(
            _("There is no region yet: create one with `paraat region create` (or `paraat demo`).")
        )
    if len(found) > 1:
        raise CommandError(
            _("This install holds several regions: choose one with --region CODE (%(codes)s).")
            % {"codes": ", ".join(regions.values_list("code", flat=True))}
        )
    return found[0]


def dump_json(data: Any) -> str:
    """One JSON document, as every `--json` output prints it."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


class ParaatCommand(BaseCommand):
    """Base for Paraat's commands; set ``region_option`` and/or ``json_option`` to add them.

    The options are added after the command's own arguments, so a subclass never declares them
    itself. ``self.region(options)`` resolves `--region`; ``self.emit_json(data)`` prints JSON.
    """

    region_option = False
    region_help = (
        "code of the safety region (required when there are several; default: the only one)"
    )
    json_option = False
    json_help = "print the result as JSON (and nothing else on stdout)"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if self.region_option:
            self.add_region_argument(parser)
        if self.json_option:
            self.add_json_argument(parser)
        return parser

    def add_region_argument(self, parser: Any) -> None:
        """`--region`; call it on each sub-parser of a command with sub-commands."""
        parser.add_argument("--region", metavar="CODE", help=self.region_help)

    def add_json_argument(self, parser: Any) -> None:
        """`--json`; call it on each sub-parser of a command with sub-commands."""
        parser.add_argument("--json", action="store_true", help=self.json_help)

    def region(self, options: dict[str, Any]) -> Region:
        return resolve_region(options.get("region"))

    def wants_json(self, options: dict[str, Any]) -> bool:
        return bool(options.get("json"))

    def progress_bar(self, options: dict[str, Any]) -> ProgressBar:
        """A progress bar on stdout when it is a terminal and --json is not given."""
        return ProgressBar(self.stdout, enabled=wanted(self.stdout, options))

    def emit_json(self, data: Any) -> None:
        self.stdout.write(dump_json(data))

    def refuse_problems(self, options: dict[str, Any], problems: Any, heading: str) -> CommandError:
        """A file's problems: printed as JSON when asked; returns the error that exits with 1."""
        if self.wants_json(options):
            self.emit_json({"ok": False, "problems": [p.as_dict() for p in problems]})
        return CommandError(heading + "\n" + "\n".join(f"  - {p}" for p in problems))
