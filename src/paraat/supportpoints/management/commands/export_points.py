from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.supportpoints import exchange, osm
from paraat.supportpoints.models import SupportPoint


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Export the region's support points to CSV, XLSX, GeoJSON or GeoPackage (format from the "
        "extension); the file imports again with import-points. --osm writes GeoJSON with "
        "OpenStreetMap emergency:* tags for designated and prepared points."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the file to write (.csv, .xlsx, .geojson or .gpkg)")
        parser.add_argument("--municipality", help="only this municipality (CBS code, GM0828)")
        parser.add_argument(
            "--contacts",
            action="store_true",
            help="include key holders' personal data (every point's export is logged)",
        )
        parser.add_argument(
            "--osm",
            action="store_true",
            help="OpenStreetMap tags (GeoJSON) instead of a round trip",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = self.region(options)
        path = Path(options["file"])
        points = SupportPoint.objects.in_region(target).for_list()
        if options["municipality"]:
            points = points.filter(municipality__code=options["municipality"].upper())
        points = points.prefetch_related("services", "comms", "contacts")
        if not path.parent.is_dir():
            raise CommandError(f"Map {path.parent} bestaat niet")
        try:
            with acting_as(None, "export-points"):
                if options["osm"]:
                    if path.suffix.lower() not in (".geojson", ".json"):
                        raise ValueError(_("--osm writes GeoJSON; use the extension .geojson"))
                    count = osm.export_osm(points, path)
                else:
                    count = exchange.export_points(
                        points, path, include_contacts=options["contacts"]
                    )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if self.wants_json(options):
            self.emit_json({"ok": True, "file": str(path), "points": count})
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(count)s points written to %(file)s") % {"count": count, "file": path}
                )
            )
