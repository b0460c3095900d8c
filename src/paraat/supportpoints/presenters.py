"""What the support point pages show, built from QuerySet reads; no state changes here.

Views stay thin: they check access, call a service and hand one of these to a template.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paraat.areas.models import Municipality, Region
from paraat.core.lists import own_first
from paraat.core.models import AuditEntry
from paraat.geo import svgmap
from paraat.supportpoints import norm_engine, services
from paraat.supportpoints.constants import (
    Lifecycle,
    NormResult,
    Service,
    TaskStatus,
    Tier,
)
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.models import (
    Inspection,
    NormProfile,
    PointService,
    SupportPoint,
)

# One point per 5,000 residents: a default from the frameworks, not a national norm.
RESIDENTS_PER_POINT = 5_000

MARKER_SYMBOL = {Tier.COORDINATION: "square", Tier.LOCAL: "circle", Tier.CANDIDATE: "triangle"}
MARKER_RADIUS = {Tier.COORDINATION: 8.0, Tier.LOCAL: 6.0, Tier.CANDIDATE: 4.5}
# Colour-blind-safe: blue, dark orange, and hollow for unknown; the shape carries the tier.
RESULT_FILL = {
    NormResult.PASS: "#2166ac",
    NormResult.FAIL: "#b35806",
    NormResult.UNKNOWN: "#ffffff",
}


def _num(value: float) -> str:
    return number_format(value, decimal_pos=0 if float(value).is_integer() else 1)


# Norm rules ----------------------------------------------------------------------------------


def rule_label(rule: norm_engine.Rule) -> str:
    """A short name for a rule, by what it checks (rule ids are the region's own)."""
    labels = {
        "power_autonomy_hours": _("Power without refuelling"),
        "comms_without_telecom": _("Communication without grid or public telecom"),
        "key_holders_24_7": _("Key holders reachable 24/7"),
        "open_within_minutes": _("Open after activation"),
        "wheelchair_accessible": _("Wheelchair accessible"),
        "drinking_water_stock": _("Drinking water in stock"),
        "generator_tested_within_days": _("Generator test run"),
    }
    if rule.check == "service_present":
        service = dict(Service.choices).get(rule.service or "", rule.service)
        return _("Offers: %(service)s") % {"service": service}
    return labels.get(rule.check, rule.id)


def rule_threshold(rule: norm_engine.Rule) -> str:
    """The rule's threshold in words, or '' when it has none."""
    value = rule.min if rule.min is not None else rule.max
    if value is None:
        return ""
    n = math.ceil(value)  # picks the plural form
    texts = {
        "power_autonomy_hours": ngettext("at least %(n)s hour", "at least %(n)s hours", n),
        "comms_without_telecom": ngettext(
            "at least %(n)s connection", "at least %(n)s connections", n
        ),
        "key_holders_24_7": ngettext("at least %(n)s person", "at least %(n)s people", n),
        "drinking_water_stock": ngettext("at least %(n)s litre", "at least %(n)s litres", n),
        "open_within_minutes": ngettext("within %(n)s minute", "within %(n)s minutes", n),
        "generator_tested_within_days": ngettext(
            "within the last %(n)s day", "within the last %(n)s days", n
        ),
    }
    text = texts.get(rule.check)
    return text % {"n": _num(value)} if text else ""


def threshold_unit(check: str) -> str:
    units = {
        "power_autonomy_hours": _("hours"),
        "comms_without_telecom": _("connections"),
        "key_holders_24_7": _("people"),
        "drinking_water_stock": _("litres"),
        "open_within_minutes": _("minutes"),
        "generator_tested_within_days": _("days"),
    }
    return units.get(check, "")


def tier_labels(tiers: Iterable[str]) -> str:
    return ", ".join(str(Tier(t).label) for t in tiers)


def gap_labels(region: Region) -> dict[str, str]:
    """Rule id -> label for the region's current profile (stored gaps hold rule ids)."""
    _profile, rules = services.current_rules(region)
    return {r.id: rule_label(r) for r in rules}


@dataclass
class RuleRow:
    raw: dict[str, Any]
    rule: norm_engine.Rule
    enabled: bool

    @property
    def label(self) -> str:
        return rule_label(self.rule)

    @property
    def threshold(self) -> str:
        return rule_threshold(self.rule)

    @property
    def tiers(self) -> str:
        return tier_labels(self.rule.tiers)

    @property
    def unit(self) -> str:
        return threshold_unit(self.rule.check)


def norm_rules(region: Region) -> tuple[NormProfile | None, list[RuleRow], list[NormProfile]]:
    """The current profile's rules (on), then rules of earlier versions and of the default file
    that are switched off now, so a coordinator can switch them back on."""
    versions = list(
        NormProfile.objects.filter(region=region).select_related("created_by").order_by("-version")
    )
    current = versions[0] if versions else None
    sources = [v.rules for v in versions] + [norm_engine.load_profile()["rules"]]
    rows: list[RuleRow] = []
    seen: set[str] = set()
    for index, raw_rules in enumerate(sources):
        for raw in raw_rules:
            if raw["id"] in seen:
                continue
            seen.add(raw["id"])
            try:
                rule = norm_engine.parse_rules([raw])[0]
            except norm_engine.NormProfileError:
                continue  # an old version's rule this Paraat no longer understands
            rows.append(RuleRow(raw=dict(raw), rule=rule, enabled=index == 0))
    return current, rows, versions


# The list ------------------------------------------------------------------------------------


@dataclass
class ListRow:
    point: SupportPoint
    hours: float | None


def list_rows(points: Iterable[SupportPoint]) -> list[ListRow]:
    return [ListRow(point=p, hours=autonomy_hours(p)[0]) for p in points]


def points_map(
    points: Iterable[SupportPoint], municipalities: Sequence[Municipality], *, title: str
) -> str:
    """Municipalities as a light background; a symbol per tier, coloured by norm result."""
    shapes = [
        svgmap.Shape(
            geometry=m.geometry, label=m.name, fill="#f2f2f2", stroke="#9a9a9a", text=m.name
        )
        for m in municipalities
        if m.geometry
    ]
    order = {Tier.CANDIDATE: 0, Tier.LOCAL: 1, Tier.COORDINATION: 2}
    markers = [
        svgmap.Marker(
            lon=p.lon,
            lat=p.lat,
            label=f"{p.code} {p.name}: {p.get_tier_display()}, {p.get_norm_result_display()}",
            symbol=MARKER_SYMBOL.get(Tier(p.tier), "circle"),
            radius=MARKER_RADIUS.get(Tier(p.tier), 5.0),
            fill=RESULT_FILL.get(NormResult(p.norm_result), "#ffffff"),
            href=reverse("supportpoints:detail", args=[p.code]),
        )
        for p in sorted(points, key=lambda p: order.get(Tier(p.tier), 1))
    ]
    return svgmap.render(
        shapes,
        markers=markers,
        title=title,
        basemap_url=settings.PARAAT_BASEMAP_WMS_URL,
        basemap_layer=settings.PARAAT_BASEMAP_WMS_LAYER,
    )


def map_legend() -> dict[str, list[tuple[str, str]]]:
    return {
        "symbols": [(MARKER_SYMBOL[t], str(t.label)) for t in Tier],
        "colours": [(RESULT_FILL[r], str(r.label)) for r in NormResult],
    }


# The point page ------------------------------------------------------------------------------


@dataclass
class ServiceRow:
    service: Service
    entry: PointService | None


@dataclass
class Autonomy:
    hours: float | None
    note: str
    steps: list[str] = field(default_factory=list)


def autonomy(point: SupportPoint) -> Autonomy:
    """Hours of power without refuelling, with the sums that make them."""
    hours, note = autonomy_hours(point)
    steps = []
    generator, need = point.generator_kw, point.power_need_kw
    if generator and need and generator < need:
        steps.append(
            _(
                "Generator: %(kw)s kW is less than the %(need)s kW needed, so its fuel does not count"
            )
            % {"kw": _num(generator), "need": _num(need)}
        )
    elif point.generator_kw and point.fuel_litres is not None and point.fuel_consumption_lph:
        steps.append(
            _("Generator: %(litres)s litres ÷ %(lph)s litres per hour = %(hours)s hours")
            % {
                "litres": _num(point.fuel_litres),
                "lph": _num(point.fuel_consumption_lph),
                "hours": _num(round(point.fuel_litres / point.fuel_consumption_lph, 1)),
            }
        )
    if point.battery_kwh and point.power_need_kw:
        steps.append(
            _("Battery: %(kwh)s kWh ÷ %(kw)s kW needed = %(hours)s hours")
            % {
                "kwh": _num(point.battery_kwh),
                "kw": _num(point.power_need_kw),
                "hours": _num(round(point.battery_kwh / point.power_need_kw, 1)),
            }
        )
    return Autonomy(hours=hours, note=str(note), steps=steps)


def history(point: SupportPoint, related: Iterable[Any] = (), limit: int = 30) -> list[AuditEntry]:
    """Changes to the point and to its services and comms rows (not contacts: personal data)."""
    query = AuditEntry.objects.for_object(point)
    for row in related:
        query = query | AuditEntry.objects.for_object(row)
    return list(query.newest_first().select_related("actor")[:limit])


def point_page(point: SupportPoint, *, show_contacts: bool, can_edit: bool) -> dict[str, Any]:
    prefetch_related_objects([point], "services", "comms", "contacts", "tasks")
    offered = list(point.services.all())
    comms = list(point.comms.all())
    contacts = list(point.contacts.all())
    tasks = list(point.tasks.all())
    profile, rules = services.current_rules(point.region)
    assessment = services.assessment(point, rules)
    by_id = {r.id: r for r in rules}
    by_service = {s.service: s for s in offered}
    return {
        "point": point,
        "can_edit": can_edit,
        "profile": profile,
        "assessment": assessment,
        "outcomes": [
            {
                "outcome": o,
                "label": rule_label(by_id[o.rule_id]),
                "threshold": rule_threshold(by_id[o.rule_id]),
            }
            for o in assessment.outcomes
        ],
        "service_rows": [ServiceRow(s, by_service.get(s.value)) for s in Service],
        "comms": comms,
        "autonomy": autonomy(point),
        "show_contacts": show_contacts,
        "contacts": contacts if show_contacts else [],
        "contact_count": len(contacts),
        "tasks": tasks,
        "task_open": TaskStatus.OPEN,
        "open_tasks": sum(1 for t in tasks if t.status == TaskStatus.OPEN),
        "inspections": [
            inspection_row(i, by_id) for i in point.inspections.select_related("inspector")
        ],
        "local_points": list(point.local_points.order_by("code")),
        "history": history(point, [*offered, *comms]),
    }


@dataclass
class InspectionRow:
    inspection: Inspection
    in_order: int
    checked: int
    not_in_order: list[str]


def inspection_row(inspection: Inspection, rules: dict[str, norm_engine.Rule]) -> InspectionRow:
    checklist = inspection.checklist or {}
    missing = [
        rule_label(rules[key]) if key in rules else key for key, ok in checklist.items() if not ok
    ]
    return InspectionRow(
        inspection, sum(1 for ok in checklist.values() if ok), len(checklist), missing
    )


# Readiness -----------------------------------------------------------------------------------


@dataclass
class Readiness:
    """Counts for one municipality (or the region as a whole)."""

    name: str
    code: str = ""
    population: int | None = None
    coordination: int = 0
    local: int = 0
    candidates: int = 0
    active: int = 0
    passing: int = 0
    failing: int = 0
    unknown: int = 0
    gap_counts: Counter[str] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, point: SupportPoint) -> None:
        if point.tier == Tier.CANDIDATE:
            self.candidates += 1
            return
        self.coordination += point.tier == Tier.COORDINATION
        self.local += point.tier == Tier.LOCAL
        self.active += point.is_active
        self.passing += point.norm_result == NormResult.PASS
        self.failing += point.norm_result == NormResult.FAIL
        self.unknown += point.norm_result == NormResult.UNKNOWN
        self.gap_counts.update(point.norm_gaps or [])

    @property
    def points(self) -> int:
        return self.coordination + self.local

    @property
    def top_gaps(self) -> list[tuple[str, int]]:
        return [(self.labels.get(g, g), n) for g, n in self.gap_counts.most_common(3)]

    @property
    def per_5000(self) -> float | None:
        if not self.population:
            return None
        return round(self.active * RESIDENTS_PER_POINT / self.population, 2)

    @property
    def needed(self) -> int | None:
        if not self.population:
            return None
        return math.ceil(self.population / RESIDENTS_PER_POINT)

    @property
    def shortfall(self) -> int | None:
        needed = self.needed
        return None if needed is None else max(0, needed - self.active)


READINESS_FIELDS = ("municipality_id", "tier", "lifecycle", "norm_result", "norm_gaps")


def _counted(points: Any) -> Any:
    """Retired points no longer count for readiness."""
    return points.exclude(lifecycle=Lifecycle.RETIRED)


def region_readiness(
    region: Region, own: Collection[int] = ()
) -> tuple[list[Readiness], Readiness]:
    """Readiness per municipality (``own`` ones first: a municipal officer's) and in total."""
    labels = gap_labels(region)
    municipalities = own_first(Municipality.objects.in_region(region), own, key=lambda m: m.pk)
    rows = {
        m.pk: Readiness(name=m.name, code=m.code, population=m.population, labels=labels)
        for m in municipalities
    }
    total = Readiness(
        name=region.name,
        population=sum(m.population or 0 for m in municipalities) or None,
        labels=labels,
    )
    for point in _counted(SupportPoint.objects.in_region(region)).only(*READINESS_FIELDS):
        rows[point.municipality_id].add(point)
        total.add(point)
    return list(rows.values()), total


@dataclass
class GapRow:
    point: SupportPoint
    gaps: list[str]


def municipality_readiness(municipality: Municipality) -> tuple[Readiness, list[GapRow]]:
    labels = gap_labels(municipality.region)
    summary = Readiness(
        name=municipality.name,
        code=municipality.code,
        population=municipality.population,
        labels=labels,
    )
    points = list(
        _counted(SupportPoint.objects.in_municipality(municipality))
        .only(*READINESS_FIELDS, "code", "name")
        .order_by("tier", "code")
    )
    rows = []
    for point in points:
        summary.add(point)
        if point.tier != Tier.CANDIDATE:
            rows.append(GapRow(point, [labels.get(g, g) for g in point.norm_gaps or []]))
    return summary, rows
