"""Options shared by `paraat coverage` and `paraat optimise`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality, Region
from paraat.planning.constants import DEFAULT_THRESHOLD_M, Weight


def add_common(parser: CommandParser) -> None:
    parser.add_argument("--municipality", help="CBS code (GMxxxx) to plan for one municipality")
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="distance in metres within which residents count as covered (default: the "
        "region's setting, else 1000)",
    )
    parser.add_argument(
        "--network",
        type=Path,
        metavar="FILE",
        help="walking distances over this network (.osm.pbf, GeoPackage/GeoJSON lines or a stored .npz)",
    )
    parser.add_argument(
        "--weight",
        choices=Weight.values,
        default=Weight.RESIDENTS,
        help="whom to count (default: all residents)",
    )
    parser.add_argument(
        "--area-kind", help="area layer to spread (default: the finest with figures)"
    )
    parser.add_argument(
        "--no-save", action="store_true", help="compute and print, but store nothing"
    )


def scope(region: Region, options: dict[str, Any]) -> tuple[Region, Municipality | None]:
    """The region and municipality asked for; fills in the region's default distance."""
    if options["threshold"] is None:
        options["threshold"] = region.default_threshold_m or DEFAULT_THRESHOLD_M
    municipality = None
    if options["municipality"]:
        municipality = (
            Municipality.objects.in_region(region)
            .filter(code=options["municipality"].upper())
            .first()
        )
        if municipality is None:
            raise CommandError(
                _("No municipality with code %(code)s in %(region)s")
                % {"code": options["municipality"], "region": region.name}
            )
    if options["network"] is not None and not options["network"].is_file():
        raise CommandError(_("%(file)s: file not found") % {"file": options["network"]})
    return region, municipality


def messages(error: Any) -> str:
    """A ValidationError as one line per field."""
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(map(str, msgs))}" for field, msgs in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)
