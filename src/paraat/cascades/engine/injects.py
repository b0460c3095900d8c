"""Exercise injects from a run: what happens when, as messages an exercise leader can schedule.

The operations module plays injects at a simulated time offset from the exercise start. Using
the same run as the chart keeps the exercise, the plan and the decision points consistent:
services change state at their time-to-likely-degraded/down (50% probability), and each
decision point becomes a prompt for the crisis team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from paraat.geo.text import gettext_noop, in_language

from .result import Result
from .text import format_offset, state_label

DECISION_TITLE = gettext_noop("Decision point %(time)s")


@dataclass(frozen=True)
class Inject:
    """A message to play `offset` after the start of the exercise."""

    offset: timedelta
    title: str
    message: str
    kind: str
    services: tuple[str, ...] = ()
    points: tuple[str, ...] = ()


def injects(result: Result, *, lang: str = "nl") -> list[Inject]:
    """Effects on residents and decision points as injects, in time order."""
    horizon = result.scenario.horizon_hours
    found: list[tuple[float, int, Inject]] = []
    for outcome in result.services:
        service = result.scenario.service(outcome.id)
        onsets = {"degraded": outcome.time_likely_degraded, "down": outcome.time_likely_down}
        for effect in service.effects:
            onset = onsets[effect.state]
            if onset is None or onset + effect.after_hours > horizon + 1e-9:
                continue
            at = onset + effect.after_hours
            title = f"{outcome.name(lang)}: {state_label(effect.state, lang)}"
            inject = Inject(
                offset=timedelta(hours=at),
                title=title,
                message=effect.text(lang),
                kind="effect",
                services=(outcome.id,),
            )
            found.append((at, 0, inject))
    for decision in result.decisions:
        title = in_language(lang, DECISION_TITLE) % {"time": format_offset(decision.hours, lang)}
        inject = Inject(
            offset=timedelta(hours=decision.hours),
            title=title,
            message=decision.text(lang),
            kind="decision",
            services=decision.services,
            points=decision.points,
        )
        found.append((decision.hours, 1, inject))
    return [inject for _, _, inject in sorted(found, key=lambda item: item[:2])]
