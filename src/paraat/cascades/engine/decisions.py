"""Decision points: the moments a region must have acted by, read off a simulated run.

The rules live in the scenario data; this module only evaluates them, so a region can add a
rule ("by the time sewage pumps stop, advise residents") without code. Service rules use the
Monte Carlo probability; point rules use the points' own autonomy on the likely run, because
that is what the region knows and controls ("unless refuelled").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .model import DecisionRule, Scenario
from .result import DecisionPoint, PointOutcome, ServiceOutcome, first_time
from .text import format_offset, percent


def derive_decisions(
    scenario: Scenario,
    times: np.ndarray,
    outcomes: Sequence[ServiceOutcome],
    points: Sequence[PointOutcome],
) -> tuple[DecisionPoint, ...]:
    """Evaluate every rule of the scenario; rules whose moment falls after the horizon drop out."""
    by_id = {o.id: o for o in outcomes}
    found: list[tuple[float, int, DecisionPoint]] = []
    for index, rule in enumerate(scenario.decisions):
        if rule.kind == "service":
            point = _service_rule(rule, scenario, times, by_id[str(rule.service)], points)
        elif rule.kind == "points":
            point = _points_rule(rule, scenario, points)
        else:
            point = _unknown_rule(rule, points)
        if point is not None and point.hours <= scenario.horizon_hours + 1e-9:
            found.append((point.hours, index, point))
    return tuple(p for _, _, p in sorted(found, key=lambda item: item[:2]))


def _eligible(rule: DecisionRule, points: Sequence[PointOutcome]) -> list[PointOutcome]:
    return [p for p in points if not rule.tiers or p.tier in rule.tiers]


def _service_rule(
    rule: DecisionRule,
    scenario: Scenario,
    times: np.ndarray,
    outcome: ServiceOutcome,
    points: Sequence[PointOutcome],
) -> DecisionPoint | None:
    curve = outcome.p_down if rule.state == "down" else outcome.p_at_least_degraded
    reached = first_time(times, curve, rule.probability)
    if reached is None:
        return None
    hours = reached + rule.after_hours
    concerned: tuple[str, ...] = ()
    points_service = scenario.points_service()
    if rule.tiers or (points_service and points_service.id in rule.services):
        concerned = tuple(p.code for p in _eligible(rule, points))
    texts = {
        lang: rule.text(lang).format(
            time=format_offset(hours, lang),
            probability=percent(rule.probability),
            service=outcome.name(lang),
        )
        for lang in ("nl", "en")
    }
    return DecisionPoint(
        rule.id, hours, texts["nl"], texts["en"], rule.services, concerned, rule.measures
    )


def _points_rule(
    rule: DecisionRule, scenario: Scenario, points: Sequence[PointOutcome]
) -> DecisionPoint | None:
    eligible = _eligible(rule, points)
    times = sorted(p.exhausted_at_hours for p in eligible if p.exhausted_at_hours is not None)
    needed = math.ceil(rule.share * len(eligible) - 1e-9)
    if not eligible or needed > len(times):
        return None
    hours = times[max(needed, 1) - 1]
    out = tuple(
        p.code
        for p in eligible
        if p.exhausted_at_hours is not None and p.exhausted_at_hours <= hours + 1e-9
    )
    texts = {
        lang: rule.text(lang).format(
            time=format_offset(hours, lang),
            share=percent(rule.share),
            count=len(out),
            total=len(eligible),
        )
        for lang in ("nl", "en")
    }
    return DecisionPoint(
        rule.id, hours, texts["nl"], texts["en"], rule.services, out, rule.measures
    )


def _unknown_rule(rule: DecisionRule, points: Sequence[PointOutcome]) -> DecisionPoint | None:
    eligible = _eligible(rule, points)
    unknown = tuple(p.code for p in eligible if p.autonomy_hours is None)
    if not unknown:
        return None
    texts = {
        lang: rule.text(lang).format(count=len(unknown), total=len(eligible))
        for lang in ("nl", "en")
    }
    return DecisionPoint(
        rule.id, 0.0, texts["nl"], texts["en"], rule.services, unknown, rule.measures
    )
