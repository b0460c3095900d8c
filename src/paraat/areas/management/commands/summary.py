from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from paraat.areas.models import Area, Region
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    json_option = True  # every region: a summary of the install
    help = "Summarise each region: municipalities, areas per kind and population."

    def handle(self, *args: Any, **options: Any) -> None:
        data = [_region_summary(region) for region in Region.objects.order_by("code")]
        if self.wants_json(options):
            self.emit_json({"regions": data})
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
