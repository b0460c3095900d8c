"""A region's partner figures turned into an override for the outage model (no Django here).

Planners fill in plain numbers (the water company's days on emergency power, the share of
mobile masts with longer backup); this module writes them in the engine's override format, with
a source per figure, so the engine's own validation and provenance apply to regional data too.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from paraat.cascades.engine import Issue, ScenarioError, load_scenario
from paraat.cascades.engine.loading import load_raw

WATER_SERVICE = "drinking_water_production"
MOBILE_SERVICE = "mobile"
WATER_SOURCE = "region-water"
MOBILE_SOURCE = "region-mobile"
LABEL = "overrides[0] (regio)"


@dataclass(frozen=True)
class PartnerFigures:
    """The figures a region may set; None means 'use the national figure'."""

    water_company: str = ""
    water_days: tuple[float, float, float] | None = None
    water_source: str = ""
    water_confidence: str = "medium"
    masts_extended_share: float | None = None  # 0..1
    masts_extended_hours: tuple[float, float, float] | None = None
    masts_source: str = ""
    masts_confidence: str = "medium"
    extra: Mapping[str, Any] | None = None


def _national_mobile(scenario: str) -> Mapping[str, Any]:
    raw, _ = load_raw(scenario)
    return raw.get("services", {}).get(MOBILE_SERVICE, {}).get("backup", {}).get("classes", {})


def build_override(figures: PartnerFigures, *, scenario: str = "power-outage-nl") -> dict[str, Any]:
    """The override document (engine format) for the given figures."""
    doc: dict[str, Any] = {"meta": {"name": "regio"}}
    sources: dict[str, Any] = {}
    services: dict[str, Any] = {}
    if figures.water_days is not None:
        low, likely, high = figures.water_days
        title = figures.water_source or figures.water_company
        sources[WATER_SOURCE] = {"title": title}
        services[WATER_SERVICE] = {
            "backup": {
                "kind": "generator",
                "min": low,
                "likely": likely,
                "max": high,
                "unit": "d",
                "source": WATER_SOURCE,
                "confidence": figures.water_confidence,
            }
        }
    if figures.masts_extended_share is not None:
        share = round(float(figures.masts_extended_share), 6)
        sources[MOBILE_SOURCE] = {"title": figures.masts_source}
        national = _national_mobile(scenario)
        standard_sources = national.get("standard", {}).get("source", [])
        if isinstance(standard_sources, str):
            standard_sources = [standard_sources]
        extended: dict[str, Any] = {
            "share": share,
            "source": MOBILE_SOURCE,
            "confidence": figures.masts_confidence,
        }
        if figures.masts_extended_hours is not None:
            low, likely, high = figures.masts_extended_hours
            extended.update({"min": low, "likely": likely, "max": high, "unit": "h"})
        services[MOBILE_SERVICE] = {
            "backup": {
                "classes": {
                    "standard": {
                        "share": round(1.0 - share, 6),
                        "source": [MOBILE_SOURCE, *standard_sources],
                        "confidence": figures.masts_confidence,
                    },
                    "extended": extended,
                }
            }
        }
    if sources:
        doc["sources"] = sources
    if services:
        doc["services"] = services
    if figures.extra:
        doc = merge_documents(doc, figures.extra)
    return doc


def merge_documents(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`extra` on top of `base`, tables merged key by key (the advanced part of the form)."""
    merged = copy.deepcopy(dict(base))
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge_documents(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def for_scenario(doc: Mapping[str, Any], scenario_services: set[str]) -> dict[str, Any]:
    """The part of a region's override that applies to a scenario (services it models)."""
    trimmed = {k: copy.deepcopy(v) for k, v in doc.items() if k != "services"}
    services = {k: v for k, v in doc.get("services", {}).items() if k in scenario_services}
    if services:
        trimmed["services"] = copy.deepcopy(services)
    return trimmed


def validate(doc: Mapping[str, Any], scenarios: list[str]) -> None:
    """Raise ScenarioError unless the override loads onto every scenario it touches."""
    issues: list[Issue] = []
    known: set[str] = set()
    for name in scenarios:
        known.update(load_scenario(name).ids)
    for sid in doc.get("services", {}) if isinstance(doc.get("services"), Mapping) else ():
        if sid not in known:
            names = ", ".join(sorted(known))
            issues.append(Issue(LABEL, f"services.{sid}", f"unknown service; known: {names}"))
    if issues:
        raise ScenarioError(issues)
    for name in scenarios:
        ids = set(load_scenario(name).ids)
        try:
            load_scenario(name, overrides=for_scenario(doc, ids))
        except ScenarioError as error:
            issues.extend(i for i in error.issues if i not in issues)
    if issues:
        raise ScenarioError(issues)


# Which part of the outage model a kind of partner's own backup power stands for (PartnerKind
# values of the community app): the service, and the block inside its backup that holds the range.
PARTNER_SERVICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "water": (WATER_SERVICE, ()),
    "telecom": (MOBILE_SERVICE, ("classes", "extended")),
    "fuel": ("fuel", ()),
    "supermarket": ("food_retail", ()),
    "care": ("home_care", ()),
}
PARTNER_CONFIDENCE = "medium"  # the partner's own statement, recorded in an agreement


@dataclass(frozen=True)
class PartnerBackup:
    """One partner's backup power in hours (min, likely, max)."""

    kind: str
    name: str
    hours: tuple[float, float, float]


def partner_override(backups: list[PartnerBackup]) -> dict[str, Any]:
    """The override for the partners' own figures. Several partners of one kind: the weakest
    sets the region's figure (each bound the lowest), since the service fails where the first
    partner's backup runs out. Kinds the model has no service for are left out."""
    by_kind: dict[str, list[PartnerBackup]] = {}
    for backup in backups:
        if backup.kind in PARTNER_SERVICES:
            by_kind.setdefault(backup.kind, []).append(backup)
    sources: dict[str, Any] = {}
    services: dict[str, Any] = {}
    for kind, items in sorted(by_kind.items()):
        service, path = PARTNER_SERVICES[kind]
        low, likely, high = (min(b.hours[i] for b in items) for i in range(3))
        source = f"partners-{kind}"
        sources[source] = {"title": ", ".join(sorted(b.name for b in items))}
        block: dict[str, Any] = {"min": low, "likely": likely, "max": high, "unit": "h",
                                 "source": source, "confidence": PARTNER_CONFIDENCE}  # fmt: skip
        for key in reversed(path):
            block = {key: block}
        services[service] = {"backup": block}
    if not services:
        return {}
    return {"meta": {"name": "partners"}, "sources": sources, "services": services}


def partner_sources(doc: Mapping[str, Any]) -> dict[str, str]:
    """Service id → the partners whose figure the override uses (for the page and the JSON)."""
    titles = {k: v.get("title", "") for k, v in doc.get("sources", {}).items()}
    found = {}
    for kind, (service, _) in PARTNER_SERVICES.items():
        if f"partners-{kind}" in titles and service in doc.get("services", {}):
            found[service] = titles[f"partners-{kind}"]
    return found
