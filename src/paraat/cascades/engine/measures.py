"""What-if measures: data that changes the scenario or the points before a run.

A measure is either an override (the same format a region uses for its partners' figures,
merged and validated the same way) or a floor on the energy autonomy of (some tiers of) the
noodsteunpunten, or both. Keeping measures as data lets a region add its own without code.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .checks import Checker
from .errors import Issue, ScenarioError
from .loading import (
    MEASURES_FILE,
    SOURCES_FILE,
    Provenance,
    check_override,
    label_for,
    merge,
    read_data,
)
from .model import POINT_TIERS, Measure, Point, Scenario

MEASURE_KEYS = (
    "title_nl",
    "title_en",
    "description_nl",
    "description_en",
    "source",
    "confidence",
    "overrides",
    "points",
)


def load_measures(path: str | os.PathLike[str] | None = None) -> dict[str, Measure]:
    """The measures catalogue (shipped `_measures.toml` unless a path is given), validated."""
    return dict(_load_measures(str(path) if path else str(MEASURES_FILE)))


@lru_cache(maxsize=8)
def _load_measures(path: str) -> tuple[tuple[str, Measure], ...]:
    file = Path(path)
    label = label_for(file)
    data = read_data(file)
    sources = set(read_data(SOURCES_FILE).get("sources", {}))
    prov: Provenance = {("measures",): label}
    check = Checker(prov, sources)
    check.keys(data, ("measures",), "")
    found: list[tuple[str, Measure]] = []
    for mid, block in check.table(data, "measures", "measures").items():
        dotted = f"measures.{mid}"
        if not isinstance(block, Mapping):
            check.add(dotted, "must be a table")
            continue
        check.keys(block, MEASURE_KEYS, dotted)
        overrides = check.table(block, "overrides", f"{dotted}.overrides")
        points = check.table(block, "points", f"{dotted}.points")
        check.keys(points, ("min_hours", "tiers"), f"{dotted}.points")
        min_hours = None
        if "min_hours" in points:
            min_hours = check.number(points, "min_hours", f"{dotted}.points.min_hours", low=0.0)
        tiers = points.get("tiers", list(POINT_TIERS))
        if not isinstance(tiers, list) or any(t not in POINT_TIERS for t in tiers):
            check.add(f"{dotted}.points.tiers", f"must be a list of {', '.join(POINT_TIERS)}")
            tiers = []
        if not overrides and min_hours is None:
            check.add(dotted, "a measure needs overrides, points.min_hours, or both")
        measure_sources, confidence = check.cited(block, dotted)
        found.append(
            (
                str(mid),
                Measure(
                    id=str(mid),
                    title_nl=check.text(block, "title_nl", f"{dotted}.title_nl"),
                    title_en=check.text(block, "title_en", f"{dotted}.title_en"),
                    description_nl=check.text(block, "description_nl", "", required=False),
                    description_en=check.text(block, "description_en", "", required=False),
                    sources=measure_sources,
                    confidence=confidence,
                    overrides=overrides,
                    min_hours=min_hours,
                    tiers=tuple(tiers),
                    origin=label,
                ),
            )
        )
    if check.issues:
        raise ScenarioError(check.issues)
    return tuple(found)


def resolve(measures: Sequence[str | Measure]) -> list[Measure]:
    """Measure ids (from the shipped catalogue) or Measure objects, in the order given."""
    catalogue: dict[str, Measure] | None = None
    resolved: list[Measure] = []
    for item in measures:
        if isinstance(item, Measure):
            resolved.append(item)
            continue
        catalogue = catalogue or load_measures()
        if item not in catalogue:
            known = ", ".join(sorted(catalogue))
            raise ScenarioError([Issue("measures", item, f"unknown measure; known: {known}")])
        resolved.append(catalogue[item])
    return resolved


def apply_measures(
    scenario: Scenario, points: Sequence[Point], measures: Sequence[str | Measure]
) -> tuple[Scenario, list[Point]]:
    """The scenario and points as they would be with the measures in place."""
    from .schema import build_scenario

    chosen = resolve(measures)
    result_points = list(points)
    overriding = [m for m in chosen if m.overrides]
    if overriding:
        raw: dict[str, Any] = copy.deepcopy(dict(scenario.raw))
        prov = dict(scenario.provenance)
        for measure in overriding:
            label = f"{measure.origin} (measures.{measure.id}.overrides)"
            check_override(measure.overrides, raw, label)
            merge(raw, measure.overrides, label, prov)
        scenario = build_scenario(raw, prov, known_measures=set(load_measures()))
    for measure in chosen:
        if measure.min_hours is None:
            continue
        floor = measure.min_hours
        result_points = [
            Point(p.code, p.name, p.tier, max(p.autonomy_hours or 0.0, floor))
            if p.tier in measure.tiers
            else p
            for p in result_points
        ]
    return scenario, result_points
