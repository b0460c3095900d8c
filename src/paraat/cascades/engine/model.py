"""The cascade model as plain, immutable data.

A scenario is a set of services (grid, mobile networks, drinking water, ...). Each service
*needs* other services; when one of them is down, the service lives on its own *backup*
(battery, generator with fuel, buffer, stock) for a duration given as a sourced range
(minimum, likely, maximum). Some backups belong to many assets (mobile masts, hospitals,
noodsteunpunten), each failing at its own time; the service counts as degraded or down when a
given share of its assets has failed. Durations are always stored in hours.

These classes hold no behaviour beyond small conveniences, so the loader, the simulator and the
presenters can each be read on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

STATES = ("up", "degraded", "down")
CONFIDENCES = ("high", "medium", "low")
BACKUP_KINDS = ("none", "battery", "generator", "buffer", "stock")
POINT_TIERS = ("coordination", "local", "candidate")
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Source:
    """A publication or agreement that a figure rests on."""

    key: str
    title: str
    year: int | None = None
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A duration range in hours with its sources and how much we trust it.

    `path` is the dotted field the figure came from and `origin` the file that set it, so every
    number in a result can be traced back to a line in a data file.
    """

    min: float
    likely: float
    max: float
    sources: tuple[str, ...]
    confidence: str
    path: str = ""
    origin: str = ""

    def scaled(self, factor: float) -> Figure:
        """The same figure with all three values multiplied (used by the weather modifier)."""
        return replace(
            self, min=self.min * factor, likely=self.likely * factor, max=self.max * factor
        )


@dataclass(frozen=True)
class AssetClass:
    """A share of a service's assets that shares one backup range (e.g. masts with a generator)."""

    name: str
    share: float
    figure: Figure


@dataclass(frozen=True)
class Backup:
    """What keeps a service running after a service it needs has failed.

    Either one `figure` for the whole service, or `classes` of assets with their own ranges;
    `kind == "none"` means the service fails the moment a needed service fails.
    With `from_points` the assets are the region's noodsteunpunten when they are given, and
    `unknown` is the range used for points whose autonomy nobody has recorded.
    """

    kind: str
    figure: Figure | None = None
    classes: tuple[AssetClass, ...] = ()
    assets: int = 0
    down_share: float = 0.5
    degraded_share: float | None = None
    correlation: float = 0.0
    from_points: bool = False
    unknown: Figure | None = None
    sources: tuple[str, ...] = ()
    confidence: str = "low"

    @property
    def per_asset(self) -> bool:
        return bool(self.classes)

    def scaled(self, factor: float) -> Backup:
        return replace(
            self,
            figure=self.figure.scaled(factor) if self.figure else None,
            classes=tuple(replace(c, figure=c.figure.scaled(factor)) for c in self.classes),
            unknown=self.unknown.scaled(factor) if self.unknown else None,
        )


@dataclass(frozen=True)
class Effect:
    """What residents notice, `after_hours` after the service entered `state`."""

    state: str
    after_hours: float
    nl: str
    en: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Service:
    """One service in the cascade.

    `needs` is a tuple of groups: the service loses its supply when, in any group, *all*
    alternatives are down (112 is reachable over mobile *or* fixed lines). `degrades_with` lists
    services whose failure makes this one degraded but not down. `resupplied_by` lists services
    that refill the backup while they work (fuel deliveries to generators), so the backup
    starts to run down only once they have failed too.
    """

    id: str
    name_nl: str
    name_en: str
    severity: int
    needs: tuple[tuple[str, ...], ...]
    degrades_with: tuple[str, ...]
    resupplied_by: tuple[str, ...]
    degraded_on_backup: bool
    backup: Backup
    effects: tuple[Effect, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en

    @property
    def upstream(self) -> tuple[str, ...]:
        """Every service this one reads a time from, for the topological order."""
        ids = [s for group in self.needs for s in group]
        return tuple(dict.fromkeys([*ids, *self.degrades_with, *self.resupplied_by]))


@dataclass(frozen=True)
class DecisionRule:
    """How a decision point is found in a run.

    kind "service": the first time the probability that `service` is in `state` (or worse)
    reaches `probability`, plus `after_hours`. kind "points": the time by which `share` of the
    noodsteunpunten (optionally only some tiers) has run out of power. kind "points_unknown":
    at T0, when any point's autonomy is unknown.
    """

    id: str
    kind: str
    text_nl: str
    text_en: str
    service: str | None = None
    state: str = "down"
    probability: float = 0.5
    after_hours: float = 0.0
    share: float = 0.0
    tiers: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()

    def text(self, lang: str) -> str:
        return self.text_nl if lang == "nl" else self.text_en


@dataclass(frozen=True)
class WeatherProfile:
    """How weather changes the model: shorter backups, higher severity (cold homes)."""

    name: str
    label_nl: str
    label_en: str
    duration_factor: Mapping[str, float] = field(default_factory=dict)
    severity_delta: Mapping[str, int] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    confidence: str = "low"


MILD = WeatherProfile(name="mild", label_nl="Zacht weer", label_en="Mild weather")


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, ready to simulate.

    `raw` and `provenance` keep the merged data and the file that set each value, so measures
    can be merged onto it later with the same validation and error messages.
    """

    id: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    horizon_hours: float
    step_hours: float
    initiating: Mapping[str, float]
    services: tuple[Service, ...]
    order: tuple[str, ...]
    decisions: tuple[DecisionRule, ...]
    weather: Mapping[str, WeatherProfile]
    sources: Mapping[str, Source]
    origin: str
    overridden: tuple[tuple[str, str], ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    provenance: Mapping[tuple[str, ...], str] = field(
        default_factory=dict, repr=False, compare=False
    )

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en

    def points_service(self) -> Service | None:
        """The service whose assets are the region's noodsteunpunten, if the scenario has one."""
        return next((s for s in self.services if s.backup.from_points), None)

    def figures(self) -> list[Figure]:
        """Every sourced duration range in the scenario, for reports and the JSON output."""
        found: list[Figure] = []
        for service in self.services:
            backup = service.backup
            if backup.figure:
                found.append(backup.figure)
            found.extend(c.figure for c in backup.classes)
            if backup.unknown:
                found.append(backup.unknown)
        return found


@dataclass(frozen=True)
class Point:
    """A noodsteunpunt as the simulation sees it: how long it keeps power without the grid.

    `autonomy_hours` is None when unknown; the scenario then supplies a (pessimistic) range.
    """

    code: str
    name: str
    tier: str
    autonomy_hours: float | None


@dataclass(frozen=True)
class Measure:
    """A what-if measure: overrides merged onto the scenario and/or a floor on point autonomy."""

    id: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    sources: tuple[str, ...]
    confidence: str
    overrides: Mapping[str, Any] = field(default_factory=dict)
    min_hours: float | None = None
    tiers: tuple[str, ...] = ()
    origin: str = ""

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en
