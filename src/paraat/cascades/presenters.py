"""What the timeline pages show, prepared from a result (links, labels, comparison rows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from paraat.cascades import engine, overrides
from paraat.cascades.constants import POWER_DEPENDENT_HOURS
from paraat.cascades.engine import text as engine_text
from paraat.cascades.engine.text import format_optional
from paraat.cascades.runs import RunSettings
from paraat.geo.text import pgettext


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class DecisionRow:
    number: int
    time: str
    text: str
    points: list[Link]
    measures: list[Link]


def query(settings: RunSettings, **changes: object) -> str:
    """The query string for these settings (what the form would submit), with changes."""
    values: dict[str, object] = {
        "scenario": settings.scenario,
        "weather": settings.weather,
        "runs": settings.runs,
        "seed": settings.seed,
        "measures": list(settings.measures),
    }
    values.update(changes)
    return urlencode(values, doseq=True)


def decision_rows(
    result: engine.Result, settings: RunSettings, lang: str, names: dict[str, str]
) -> list[DecisionRow]:
    """Decision points with links to the points concerned and to a what-if with the measure."""
    catalogue = engine.load_measures()
    timeline = reverse("cascades:timeline")
    detail = "supportpoints:detail"
    rows = []
    for number, d in enumerate(result.decisions, start=1):
        points = [
            Link(f"{names.get(code, code)} ({code})", reverse(detail, args=[code]))
            for code in d.points
        ]
        measures = [
            Link(
                catalogue[m].title(lang) if m in catalogue else m,
                f"{timeline}?{query(settings, measures=sorted({*settings.measures, m}))}",
            )
            for m in d.measures
        ]
        rows.append(
            DecisionRow(number, engine.format_offset(d.hours, lang), d.text(lang), points, measures)
        )
    return rows


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str
    status: str


STATUS_TEXT = {
    "later": pgettext("change in a comparison", "later"),
    "earlier": pgettext("change in a comparison", "earlier"),
    "same": pgettext("change in a comparison", "same"),
    "not_within": pgettext("change in a comparison", "same"),
    "now_within": pgettext("change in a comparison", "now within the week"),
    "no_longer_within": pgettext("change in a comparison", "no longer within the week"),
    "added": pgettext("change in a comparison", "new"),
    "removed": pgettext("change in a comparison", "gone"),
    "moved": pgettext("change in a comparison", "moved"),
    "points_changed": pgettext("change in a comparison", "other points"),
}


def comparison_rows(
    comparison: engine.Comparison, lang: str
) -> tuple[list[ChangeRow], list[ChangeRow]]:
    """Services and decision points with before / after, changed ones first."""
    h = comparison.horizon_hours
    words = engine_text.words(lang, **STATUS_TEXT)
    services = [
        ChangeRow(
            s.name_nl if lang == "nl" else s.name_en,
            format_optional(s.before, h, lang),
            format_optional(s.after, h, lang),
            words[s.status],
        )
        for s in comparison.services
    ]
    decisions = [
        ChangeRow(
            d.text_nl if lang == "nl" else d.text_en,
            format_optional(d.before, h, lang),
            format_optional(d.after, h, lang),
            words[d.status],
        )
        for d in comparison.decisions
    ]
    changed = ("same",)
    services.sort(key=lambda r: r.status in (words[c] for c in changed))
    decisions.sort(key=lambda r: r.status in (words[c] for c in changed))
    return services, decisions


def power_out_by(result: engine.Result, hours: float) -> bool:
    """Whether the grid is likely down this many hours into the scenario."""
    grid = next((s for s in result.services if s.id == "grid"), None)
    return grid is not None and grid.time_likely_down is not None and grid.time_likely_down <= hours


def power_dependent(result: engine.Result, region: object) -> dict[str, Any]:
    """Areas with clients of care partners who depend on power at home, when the power is out
    `POWER_DEPENDENT_HOURS` into the outage: counts per area, small counts hidden (the community
    app owns the counts and their suppression)."""
    from paraat.community.partners import power_dependent_in_region

    out = power_out_by(result, POWER_DEPENDENT_HOURS)
    return {
        "hours": POWER_DEPENDENT_HOURS,
        "power_out": out,
        "areas": power_dependent_in_region(region) if out and region is not None else [],  # type: ignore[arg-type]
    }


def partner_source_rows(
    result: engine.Result, override: dict[str, Any] | None, lang: str
) -> list[tuple[str, str]]:
    """(service name, partners) for each service whose backup figure comes from partners."""
    names = {s.id: s.name(lang) for s in result.services}
    found = overrides.partner_sources(override or {})
    return [(names.get(service, service), partners) for service, partners in sorted(found.items())]


# --- The outage clock per area ---------------------------------------------------------------

LANE_LABEL = 200  # the SVG's label column (px of the 900 px wide view box)
LANE_WIDTH = 680
LANE_HEIGHT = 24
FILLS = {"full": "#2e7d32", "partial": "#f2b600", "none": "#b3261e", "never": "#8a8a8a"}


@dataclass(frozen=True)
class AreaRow:
    clock: engine.areas.AreaClock
    municipality: str
    start_share: str
    first_drop: str
    lost_first: list[str]
    uncovered: str
    steps: list[str]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def area_rows(
    clocks: list[engine.areas.AreaClock], horizon: float, lang: str, names: dict[str, str]
) -> list[AreaRow]:
    """Table rows: when each area's coverage drops, the points to refuel before it does."""
    rows = []
    for c in clocks:
        rows.append(
            AreaRow(
                clock=c,
                municipality=names.get(c.municipality, c.municipality),
                start_share=_percent(c.share_at_start),
                first_drop=format_optional(c.first_drop_hours, horizon, lang),
                lost_first=list(c.steps[0].lost) if c.steps else [],
                uncovered=format_optional(c.uncovered_hours, horizon, lang),
                steps=[
                    f"{engine.format_offset(s.hours, lang)}: {_percent(s.share)}" for s in c.steps
                ],
            )
        )
    return rows


def area_lanes(
    municipalities: list[engine.areas.AreaClock],
    areas: list[engine.areas.AreaClock],
    horizon: float,
    lang: str,
) -> dict[str, Any]:
    """A lane per municipality (in bold) and per area for an inline SVG: coloured spans of full,
    partial and no coverage."""
    scale = LANE_WIDTH / horizon if horizon > 0 else 0.0
    lanes = []
    for n, c in enumerate(municipalities + areas):
        edges = [0.0, *[s.hours for s in c.steps if s.hours < horizon], horizon]
        spans = []
        for left, right in zip(edges, edges[1:], strict=False):
            covered = c.covered_at(left)
            if c.covered_at_start <= 0:
                kind = "never"
            elif covered >= c.covered_at_start:
                kind = "full"
            elif covered > 0:
                kind = "partial"
            else:
                kind = "none"
            spans.append({"x": LANE_LABEL + left * scale, "w": max((right - left) * scale, 0.5), "fill": FILLS[kind]})  # fmt: skip
        weight = "bold" if n < len(municipalities) else "normal"
        lanes.append({"label": c.name, "y": 30 + n * LANE_HEIGHT, "spans": spans, "weight": weight})
    ticks = [
        {"x": LANE_LABEL + h * scale, "label": engine.format_offset(h, lang)}
        for h in range(0, int(horizon) + 1, 24)
    ]
    return {
        "lanes": lanes, "ticks": ticks, "fills": FILLS, "width": LANE_LABEL + LANE_WIDTH + 20,
        "height": 40 + len(lanes) * LANE_HEIGHT, "bottom": 30 + len(lanes) * LANE_HEIGHT,
    }  # fmt: skip
