"""Readiness as data: the norm result per point (every rule with its reason) and per municipality.

Used by `paraat readiness --json`; the pages show the same counts through presenters.
"""

from __future__ import annotations

from typing import Any

from paraat.areas.models import Region
from paraat.supportpoints import presenters, services
from paraat.supportpoints.constants import Lifecycle
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.models import SupportPoint


def readiness_report(region: Region) -> dict[str, Any]:
    """Every point assessed against the region's current norm profile, and the counts per municipality."""
    profile, rules = services.current_rules(region)
    points = (
        SupportPoint.objects.in_region(region)
        .exclude(lifecycle=Lifecycle.RETIRED)
        .select_related("municipality")
        .prefetch_related("services", "comms", "contacts")
        .order_by("municipality__name", "code")
    )
    rows = []
    for point in points:
        result = services.assessment(point, rules)
        rows.append(
            {
                "code": point.code,
                "name": point.name,
                "tier": point.tier,
                "lifecycle": point.lifecycle,
                "municipality": point.municipality.code,
                "power_autonomy_hours": autonomy_hours(point)[0],
                "result": result.result,
                "gaps": result.gaps,
                "rules": [
                    {
                        "rule": o.rule_id,
                        "result": o.result,
                        "reason": str(o.reason),
                        "default": o.default,
                    }
                    for o in result.outcomes
                ],
            }
        )
    per_municipality, total = presenters.region_readiness(region)
    return {
        "region": region.code,
        "norm_profile": {
            "name": profile.name if profile else "standaard",
            "version": profile.version if profile else None,
        },
        "points": rows,
        "municipalities": [_summary(r) for r in per_municipality],
        "total": _summary(total),
    }


def _summary(row: presenters.Readiness) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "coordination_points": row.coordination,
        "local_points": row.local,
        "candidates": row.candidates,
        "active": row.active,
        "pass": row.passing,
        "fail": row.failing,
        "unknown": row.unknown,
        "most_common_gaps": [
            {"rule": rule, "points": n} for rule, n in row.gap_counts.most_common(3)
        ],
        "population": row.population,
        "shortfall": row.shortfall,
    }
