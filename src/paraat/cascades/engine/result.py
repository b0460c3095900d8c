"""The outcome of a simulation and its JSON form.

The JSON is what `paraat cascade run --json` prints, so it is self-describing: the settings of
the run, every figure with its source and confidence, the values regions overrode, the
probability curves and the decision points. Numbers are rounded so the output is stable and
small enough to store with an exercise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from .model import Scenario, WeatherProfile
from .text import format_offset

FORMAT = "paraat-cascade-run/1"
LIKELY = 0.5


def first_time(times: np.ndarray, probability: np.ndarray, threshold: float) -> float | None:
    """The first time point at which `probability` reaches `threshold`, or None."""
    hits = np.flatnonzero(probability >= threshold - 1e-12)
    return float(times[hits[0]]) if hits.size else None


@dataclass(frozen=True)
class ServiceOutcome:
    """One lane of the timeline.

    `likely_down_hours` / `likely_degraded_hours` come from the run on likely values;
    `p_down` and `p_degraded` (degraded but not down) are the Monte Carlo probabilities at each
    time point (0 or 1 when no Monte Carlo runs were asked for); `down_quantiles` are the 10th,
    50th and 90th percentile of the time the service goes down (None: after the horizon).
    """

    id: str
    name_nl: str
    name_en: str
    severity: int
    likely_degraded_hours: float | None
    likely_down_hours: float | None
    p_down: np.ndarray
    p_degraded: np.ndarray
    down_quantiles: tuple[float | None, float | None, float | None]
    time_likely_down: float | None
    time_likely_degraded: float | None

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en

    @property
    def p_at_least_degraded(self) -> np.ndarray:
        either: np.ndarray = self.p_down + self.p_degraded
        return either


@dataclass(frozen=True)
class DecisionPoint:
    """A moment at which the region has to have decided something, with what it concerns."""

    id: str
    hours: float
    text_nl: str
    text_en: str
    services: tuple[str, ...]
    points: tuple[str, ...]
    measures: tuple[str, ...]

    def text(self, lang: str) -> str:
        return self.text_nl if lang == "nl" else self.text_en


@dataclass(frozen=True)
class PointOutcome:
    """When a noodsteunpunt runs out of power in the likely run, unless it is refuelled."""

    code: str
    name: str
    tier: str
    autonomy_hours: float | None
    assumed_hours: float
    exhausted_at_hours: float | None


@dataclass(frozen=True)
class Result:
    """A simulated timeline: services, decision points and the settings that produced it."""

    scenario: Scenario
    times: np.ndarray
    runs: int
    seed: int | None
    weather: WeatherProfile
    measures: tuple[str, ...]
    services: tuple[ServiceOutcome, ...]
    decisions: tuple[DecisionPoint, ...]
    points: tuple[PointOutcome, ...]

    def service(self, service_id: str) -> ServiceOutcome:
        for outcome in self.services:
            if outcome.id == service_id:
                return outcome
        raise KeyError(service_id)

    def decision(self, decision_id: str) -> DecisionPoint | None:
        return next((d for d in self.decisions if d.id == decision_id), None)

    @property
    def p_down(self) -> np.ndarray:
        """Probability of down, shape (services, times), in the order of `services`."""
        return np.vstack([s.p_down for s in self.services])

    @property
    def p_degraded(self) -> np.ndarray:
        return np.vstack([s.p_degraded for s in self.services])

    def to_dict(self) -> dict[str, Any]:
        scenario = self.scenario
        return {
            "format": FORMAT,
            "scenario": {
                "id": scenario.id,
                "title_nl": scenario.title_nl,
                "title_en": scenario.title_en,
                "file": scenario.origin,
            },
            "settings": {
                "runs": self.runs,
                "seed": self.seed,
                "weather": self.weather.name,
                "measures": list(self.measures),
                "horizon_hours": scenario.horizon_hours,
                "step_hours": scenario.step_hours,
            },
            "times_hours": [round(float(t), 4) for t in self.times],
            "services": [_service_dict(s) for s in self.services],
            "decisions": [
                {
                    "id": d.id,
                    "hours": round(d.hours, 4),
                    "label_nl": format_offset(d.hours, "nl"),
                    "label_en": format_offset(d.hours, "en"),
                    "text_nl": d.text_nl,
                    "text_en": d.text_en,
                    "services": list(d.services),
                    "points": list(d.points),
                    "measures": list(d.measures),
                }
                for d in self.decisions
            ],
            "points": [
                {
                    "code": p.code,
                    "name": p.name,
                    "tier": p.tier,
                    "autonomy_hours": p.autonomy_hours,
                    "assumed_hours": round(p.assumed_hours, 4),
                    "exhausted_at_hours": _round(p.exhausted_at_hours),
                }
                for p in self.points
            ],
            "figures": [
                {
                    "field": f.path,
                    "min_hours": round(f.min, 4),
                    "likely_hours": round(f.likely, 4),
                    "max_hours": round(f.max, 4),
                    "sources": list(f.sources),
                    "confidence": f.confidence,
                    "file": f.origin,
                }
                for f in scenario.figures()
            ],
            "overridden": [{"field": k, "file": v} for k, v in scenario.overridden],
            "sources": {
                key: {"title": s.title, "year": s.year, "url": s.url}
                for key, s in sorted(scenario.sources.items())
            },
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _service_dict(s: ServiceOutcome) -> dict[str, Any]:
    return {
        "id": s.id,
        "name_nl": s.name_nl,
        "name_en": s.name_en,
        "severity": s.severity,
        "likely_degraded_hours": _round(s.likely_degraded_hours),
        "likely_down_hours": _round(s.likely_down_hours),
        "time_likely_degraded_hours": _round(s.time_likely_degraded),
        "time_likely_down_hours": _round(s.time_likely_down),
        "down_hours_p10_p50_p90": [_round(q) for q in s.down_quantiles],
        "p_down": [round(float(p), 4) for p in s.p_down],
        "p_degraded": [round(float(p), 4) for p in s.p_degraded],
    }
