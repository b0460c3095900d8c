"""Running the outage clock for a region: its overrides, its registry points, a result cache.

A 1,000-run simulation takes a few tens of milliseconds, but drawing the chart takes about a
second, so both the result and each drawn chart are cached under everything they depend on:
scenario, the region's figures version and override (partners' backup figures included), the
registry fingerprint, measures, weather, seed and runs. Editing a figure bumps the version or
changes the override; editing a point changes the fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.cache import cache

from paraat.areas.models import Region
from paraat.cascades import engine, overrides
from paraat.cascades.constants import DEFAULT_RUNS, DEFAULT_SCENARIO, DEFAULT_SEED
from paraat.cascades.models import RegionalFigures
from paraat.cascades.registry import engine_points, registry_state
from paraat.community.models import Partner

TIMEOUT = 60 * 60


@dataclass(frozen=True)
class RunSettings:
    scenario: str = DEFAULT_SCENARIO
    runs: int = DEFAULT_RUNS
    seed: int = DEFAULT_SEED
    weather: str = "mild"
    measures: tuple[str, ...] = field(default_factory=tuple)

    def without_measures(self) -> RunSettings:
        return RunSettings(self.scenario, self.runs, self.seed, self.weather, ())


@lru_cache(maxsize=16)
def scenario_ids(name: str) -> frozenset[str]:
    return frozenset(engine.load_scenario(name).ids)


def partner_backups(region: Region) -> list[overrides.PartnerBackup]:
    """The backup power the region's partners recorded in the community app (the one source)."""
    found = []
    for partner in Partner.objects.in_region(region).with_backup():
        hours = partner.backup_range()
        if hours is not None:
            found.append(overrides.PartnerBackup(partner.kind, partner.name, hours))
    return found


def region_override(region: Region | None, scenario: str) -> tuple[dict[str, Any] | None, int]:
    """The region's override trimmed to the scenario, and the figures version (0: none).

    The partners' own backup figures (community app) come first; the region's figures of the
    outage clock, then the national ones, hold only for kinds of partner the region has none of.
    """
    if region is None:
        return None, 0
    figures = RegionalFigures.objects.for_region(region)
    from_partners = overrides.partner_override(partner_backups(region))
    if figures is None and not from_partners:
        return None, 0
    doc: dict[str, Any] = figures.override() if figures is not None else {}
    if from_partners:
        doc = overrides.merge_documents(doc, from_partners)
    doc = overrides.for_scenario(doc, set(scenario_ids(scenario)))
    doc["meta"] = {"name": f"regio {region.name}"}
    return doc, figures.version if figures is not None else 0


def _key(kind: str, *parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str)
    return f"cascades:{kind}:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """Everything one run depends on, resolved from the database once."""

    settings: RunSettings
    override: dict[str, Any] | None
    points: list[engine.Point]
    key: str


def prepare(region: Region | None, settings: RunSettings) -> Prepared:
    override, version = region_override(region, settings.scenario)
    points = engine_points(region) if region is not None else []
    key = _key(
        "run",
        settings.scenario,
        getattr(region, "pk", None),
        version,
        override,
        registry_state(points),
        list(settings.measures),
        settings.weather,
        settings.seed,
        settings.runs,
    )
    return Prepared(settings, override, points, key)


def simulate(prepared: Prepared) -> engine.Result:
    """The result for these settings, from the cache when it is there."""
    result = cache.get(prepared.key)
    if result is None:
        s = prepared.settings
        scenario = engine.load_scenario(s.scenario, overrides=prepared.override)
        result = engine.simulate(
            scenario,
            points=prepared.points or None,
            runs=s.runs,
            seed=s.seed,
            weather=s.weather,
            measures=s.measures,
        )
        cache.set(prepared.key, result, TIMEOUT)
    return result


def run(region: Region | None, settings: RunSettings) -> engine.Result:
    return simulate(prepare(region, settings))


def chart(prepared: Prepared, fmt: str, lang: str) -> bytes:
    """The swimlane chart as SVG, PNG or PDF bytes, drawn once per result and language."""
    key = f"{prepared.key}:chart:{fmt}:{lang}"
    data = cache.get(key)
    if data is None:
        result = simulate(prepared)
        with tempfile.TemporaryDirectory() as folder:
            path = engine.render(result, Path(folder) / f"timeline.{fmt}", lang=lang)
            data = path.read_bytes()
        cache.set(key, data, TIMEOUT)
    return data


def inline_svg(prepared: Prepared, lang: str, label_id: str) -> str:
    """The SVG chart without its XML prologue, named by the element `label_id`, for a page."""
    text = chart(prepared, "svg", lang).decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    return text.replace("<svg ", f'<svg role="img" aria-labelledby="{label_id}" ', 1)
