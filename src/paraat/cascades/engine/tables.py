"""The timeline as plain tables, for an accessible HTML table next to (or instead of) the chart.

The chart carries the same information, but a screen reader, a printed annex or a text-only
fallback page needs rows and cells. Cells are short text with the state and its probability,
so they read well aloud ("down 96%").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .result import Result
from .text import CONFIDENCE_LABELS, STATE_LABELS, format_offset, format_optional, percent

DEFAULT_HOURS = (0, 1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 144, 168)
SHOWN = 0.005

HEADERS = {
    "nl": {
        "service": "Dienst",
        "severity": "Ernst",
        "likely_down": "Waarschijnlijk uitgevallen vanaf",
        "time": "Tijdstip",
        "decision": "Besluitpunt",
        "points": "Noodsteunpunten",
        "measures": "Maatregelen",
        "state": "Toestand",
        "effect": "Gevolg voor inwoners",
        "field": "Gegeven",
        "range": "Min / waarschijnlijk / max (uur)",
        "sources": "Bronnen",
        "confidence": "Betrouwbaarheid",
        "file": "Bestand",
    },
    "en": {
        "service": "Service",
        "severity": "Severity",
        "likely_down": "Likely down from",
        "time": "Time",
        "decision": "Decision point",
        "points": "Points",
        "measures": "Measures",
        "state": "State",
        "effect": "Effect on residents",
        "field": "Figure",
        "range": "Min / likely / max (hours)",
        "sources": "Sources",
        "confidence": "Confidence",
        "file": "File",
    },
}


@dataclass(frozen=True)
class Table:
    """A caption, one header row and body rows of text cells."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def cell(p_down: float, p_degraded: float, lang: str) -> str:
    """'down 96%; degraded 4%', or 'working' when neither reaches half a percent."""
    labels = STATE_LABELS[lang]
    parts = [
        f"{labels[state]} {percent(p)}"
        for state, p in (("down", p_down), ("degraded", p_degraded))
        if p >= SHOWN
    ]
    return "; ".join(parts) if parts else labels["up"]


def timeline_table(
    result: Result, *, lang: str = "nl", hours: Sequence[float] = DEFAULT_HOURS
) -> Table:
    """One row per service, one column per time: the chart's lanes as text."""
    words = HEADERS[lang]
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
    caption = f"{result.scenario.title(lang)}: " + (
        f"kans per dienst en tijdstip ({result.runs} runs, {result.weather.label_nl.lower()})"
        if lang == "nl"
        else f"probability per service and time ({result.runs} runs, "
        f"{result.weather.label_en.lower()})"
    )
    header = [
        words["service"],
        words["severity"],
        *(format_offset(h, lang) for h in columns),
        words["likely_down"],
    ]
    return Table(caption, header, rows)


def decisions_table(result: Result, *, lang: str = "nl") -> Table:
    """The decision points in time order, with the points and measures they concern."""
    words = HEADERS[lang]
    caption = "Besluitpunten" if lang == "nl" else "Decision points"
    header = [words["time"], words["decision"], words["points"], words["measures"]]
    rows = [
        [format_offset(d.hours, lang), d.text(lang), ", ".join(d.points), ", ".join(d.measures)]
        for d in result.decisions
    ]
    return Table(caption, header, rows)


def effects_table(result: Result, *, lang: str = "nl") -> Table:
    """What residents notice, per service and time, on the likely course of events."""
    words = HEADERS[lang]
    caption = "Gevolgen voor inwoners" if lang == "nl" else "Effects on residents"
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
                STATE_LABELS[lang][effect.state],
                effect.text(lang),
            ]
            found.append((at, order, row))
    return Table(caption, header, [row for _, _, row in sorted(found, key=lambda f: f[:2])])


def figures_table(result: Result, *, lang: str = "nl") -> Table:
    """Every duration range with its sources and confidence, so readers can judge the chart."""
    words = HEADERS[lang]
    caption = "Gebruikte waarden en bronnen" if lang == "nl" else "Figures and sources"
    header = [words["field"], words["range"], words["sources"], words["confidence"], words["file"]]
    rows = [
        [
            f.path,
            f"{f.min:g} / {f.likely:g} / {f.max:g}",
            ", ".join(f.sources),
            CONFIDENCE_LABELS[lang][f.confidence],
            f.origin,
        ]
        for f in result.scenario.figures()
    ]
    return Table(caption, header, rows)
