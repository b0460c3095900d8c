"""The timeline as plain tables, for an accessible HTML table next to (or instead of) the chart.

The chart carries the same information, but a screen reader, a printed annex or a text-only
fallback page needs rows and cells. Cells are short text with the state and its probability,
so they read well aloud ("down 96%").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from paraat.geo.text import gettext_noop, in_language, pgettext

from .result import Result
from .text import confidence_label, format_offset, format_optional, percent, state_label, words

DEFAULT_HOURS = (0, 1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 144, 168)
SHOWN = 0.005

HEADERS = {
    "service": pgettext("column of the outage clock's tables", "Service"),
    "severity": pgettext("column of the outage clock's tables", "Severity"),
    "likely_down": pgettext("column of the outage clock's tables", "Likely down from"),
    "time": pgettext("column of the outage clock's tables", "Time"),
    "decision": pgettext("column of the outage clock's tables", "Decision point"),
    "points": pgettext("column of the outage clock's tables", "Points"),
    "measures": pgettext("column of the outage clock's tables", "Measures"),
    "state": pgettext("column of the outage clock's tables", "State"),
    "effect": pgettext("column of the outage clock's tables", "Effect on residents"),
    "field": pgettext("column of the outage clock's tables", "Figure"),
    "range": pgettext("column of the outage clock's tables", "Min / likely / max (hours)"),
    "sources": pgettext("column of the outage clock's tables", "Sources"),
    "confidence": pgettext("column of the outage clock's tables", "Confidence"),
    "file": pgettext("column of the outage clock's tables", "File"),
}


def _headers(lang: str) -> dict[str, str]:
    return words(lang, **HEADERS)


@dataclass(frozen=True)
class Table:
    """A caption, one header row and body rows of text cells."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def cell(p_down: float, p_degraded: float, lang: str) -> str:
    """'down 96%; degraded 4%', or 'working' when neither reaches half a percent."""
    parts = [
        f"{state_label(state, lang)} {percent(p)}"
        for state, p in (("down", p_down), ("degraded", p_degraded))
        if p >= SHOWN
    ]
    return "; ".join(parts) if parts else state_label("up", lang)


def timeline_table(
    result: Result, *, lang: str = "nl", hours: Sequence[float] = DEFAULT_HOURS
) -> Table:
    """One row per service, one column per time: the chart's lanes as text."""
    words = _headers(lang)
    horizon = result.scenario.horizon_hours
    columns = [h for h in hours if h <= horizon + 1e-9]
    index = [int(np.searchsorted(result.times, h - 1e-9)) for h in columns]
    rows = [
        [
            s.name(lang),
            str(s.severity),
            *(cell(float(s.p_down[i]), float(s.p_degraded[i]), lang) for i in index),
            format_optional(s.time_likely_down, horizon, lang),
        ]
        for s in result.services
    ]
    weather = result.weather.label_nl if lang == "nl" else result.weather.label_en
    caption = f"{result.scenario.title(lang)}: " + in_language(
        lang, gettext_noop("probability per service and time (%(runs)s runs, %(weather)s)")
    ) % {"runs": result.runs, "weather": weather.lower()}
    header = [
        words["service"],
        words["severity"],
        *(format_offset(h, lang) for h in columns),
        words["likely_down"],
    ]
    return Table(caption, header, rows)


def decisions_table(result: Result, *, lang: str = "nl") -> Table:
    """The decision points in time order, with the points and measures they concern."""
    words = _headers(lang)
    caption = in_language(lang, gettext_noop("Decision points"))
    header = [words["time"], words["decision"], words["points"], words["measures"]]
    rows = [
        [format_offset(d.hours, lang), d.text(lang), ", ".join(d.points), ", ".join(d.measures)]
        for d in result.decisions
    ]
    return Table(caption, header, rows)


def effects_table(result: Result, *, lang: str = "nl") -> Table:
    """What residents notice, per service and time, on the likely course of events."""
    words = _headers(lang)
    caption = in_language(lang, gettext_noop("Effects on residents"))
    header = [words["time"], words["service"], words["state"], words["effect"]]
    found: list[tuple[float, int, list[str]]] = []
    for order, outcome in enumerate(result.services):
        service = result.scenario.service(outcome.id)
        onsets = {"degraded": outcome.time_likely_degraded, "down": outcome.time_likely_down}
        for effect in service.effects:
            onset = onsets[effect.state]
            if onset is None or onset + effect.after_hours > result.scenario.horizon_hours:
                continue
            at = onset + effect.after_hours
            row = [
                format_offset(at, lang),
                outcome.name(lang),
                state_label(effect.state, lang),
                effect.text(lang),
            ]
            found.append((at, order, row))
    return Table(caption, header, [row for _, _, row in sorted(found, key=lambda f: f[:2])])


def figures_table(result: Result, *, lang: str = "nl") -> Table:
    """Every duration range with its sources and confidence, so readers can judge the chart."""
    words = _headers(lang)
    caption = in_language(lang, gettext_noop("Figures and sources"))
    header = [words["field"], words["range"], words["sources"], words["confidence"], words["file"]]
    rows = [
        [
            f.path,
            f"{f.min:g} / {f.likely:g} / {f.max:g}",
            ", ".join(f.sources),
            confidence_label(f.confidence, lang),
            f.origin,
        ]
        for f in result.scenario.figures()
    ]
    return Table(caption, header, rows)
