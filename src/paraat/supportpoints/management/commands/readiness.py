from __future__ import annotations

from typing import Any

from paraat.core.management.base import ParaatCommand
from paraat.supportpoints import reports


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Readiness against the norm: the result per point (every rule with its reason) and the "
        "counts and most common gaps per municipality."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = reports.readiness_report(self.region(options))
        if self.wants_json(options):
            self.emit_json(report)
            return
        self.stdout.write(
            f"{'gemeente':<28} {'punten':>6} {'voldoet':>7} {'niet':>5} {'onbekend':>8}"
        )
        for row in [*report["municipalities"], report["total"]]:
            points = row["coordination_points"] + row["local_points"]
            self.stdout.write(
                f"{row['name']:<28} {points:>6} {row['pass']:>7} {row['fail']:>5} {row['unknown']:>8}"
            )
