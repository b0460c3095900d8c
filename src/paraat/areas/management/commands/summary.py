from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count, Sum

from paraat.areas.models import Area, Region


class Command(BaseCommand):
    help = "Summarise each region: municipalities, areas per kind and population."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        data = [_region_summary(region) for region in Region.objects.order_by("code")]
        if options["json"]:
            self.stdout.write(json.dumps({"regions": data}, ensure_ascii=False, indent=2))
            return
        for region in data:
            self.stdout.write(
                f"{region['name']} ({region['code']}): {region['municipality_count']} gemeenten, {region['population']:,} inwoners".replace(
                    ",", "."
                )
            )
            for kind, count in region["areas"].items():
                self.stdout.write(f"  {kind}: {count} gebieden")


def _region_summary(region: Region) -> dict[str, Any]:
    municipalities = list(
        region.municipalities.order_by("code").values("code", "name", "population", "age_65_plus")
    )
    areas = dict(
        Area.objects.in_region(region).values_list("kind").annotate(n=Count("pk")).order_by("kind")
    )
    totals = region.municipalities.aggregate(
        population=Sum("population"), age_65_plus=Sum("age_65_plus")
    )
    return {
        "code": region.code,
        "name": region.name,
        "municipality_count": len(municipalities),
        "population": totals["population"] or 0,
        "age_65_plus": totals["age_65_plus"] or 0,
        "municipalities": municipalities,
        "areas": areas,
    }
