"""Turning merged scenario data into a validated Scenario.

Every check names the dotted field and, through the provenance kept while merging, the file
that set it. All problems are collected and raised together in one ScenarioError. The rules
are strict on purpose: a figure without a source, a minimum above the likely value or a
dependency on a service that does not exist would silently distort a planning timeline.
"""

from __future__ import annotations

import graphlib
import string
from collections.abc import Mapping
from typing import Any

from .checks import Checker
from .errors import ScenarioError
from .loading import Provenance, origin_of
from .model import (
    BACKUP_KINDS,
    MILD,
    POINT_TIERS,
    AssetClass,
    Backup,
    DecisionRule,
    Effect,
    Scenario,
    Service,
    Source,
    WeatherProfile,
)

TOP_KEYS = ("scenario", "sources", "services", "decisions", "weather")
SERVICE_KEYS = (
    "name_nl",
    "name_en",
    "severity",
    "needs",
    "degrades_with",
    "resupplied_by",
    "degraded_on_backup",
    "backup",
    "effects",
)
FIGURE_FIELDS = ("min", "likely", "max", "unit", "source", "confidence")
BACKUP_KEYS = (
    "kind",
    *FIGURE_FIELDS,
    "classes",
    "assets",
    "down_share",
    "degraded_share",
    "correlation",
    "from_points",
    "unknown",
)
PLACEHOLDERS = {
    "service": {"time", "probability", "service"},
    "points": {"time", "share", "count", "total"},
    "points_unknown": {"count", "total"},
}
MAX_ASSETS = 5000


def build_scenario(raw: Mapping[str, Any], prov: Provenance, known_measures: set[str]) -> Scenario:
    """Validate merged data and build the Scenario, or raise ScenarioError with every issue."""
    sources_raw = raw.get("sources", {})
    check = Checker(prov, set(sources_raw) if isinstance(sources_raw, Mapping) else set())
    check.keys(raw, TOP_KEYS, "")
    sources = _sources(check, raw)
    head = check.table(raw, "scenario", "scenario")
    services_raw = check.table(raw, "services", "services")
    if not services_raw:
        check.add("services", "a scenario needs at least one service")
    ids = set(services_raw)
    services = tuple(
        _service(check, sid, block, ids) for sid, block in _blocks(check, services_raw, "services")
    )
    if sum(s.backup.from_points for s in services) > 1:
        check.add("services", "only one service may take its assets from the points")
    points_service = next((s.id for s in services if s.backup.from_points), None)
    initiating = _initiating(check, head, ids)
    horizon = check.number(head, "horizon_hours", "scenario.horizon_hours", 168.0, low=1.0)
    step = check.number(head, "step_minutes", "scenario.step_minutes", 15.0, low=1.0) / 60
    if step > 0 and abs(horizon / step - round(horizon / step)) > 1e-9:
        check.add("scenario.step_minutes", "the horizon must be a whole number of steps")
    decisions = tuple(
        _decision(check, key, block, ids, points_service, known_measures)
        for key, block in _blocks(check, check.table(raw, "decisions", "decisions"), "decisions")
    )
    weather = _weather(check, raw, ids)
    order = _order(check, services)
    if check.issues:
        raise ScenarioError(check.issues)
    scenario_file = origin_of(prov, "scenario.id")
    return Scenario(
        id=check.text(head, "id", "scenario.id"),
        title_nl=check.text(head, "title_nl", "scenario.title_nl"),
        title_en=check.text(head, "title_en", "scenario.title_en"),
        description_nl=check.text(head, "description_nl", "", required=False),
        description_en=check.text(head, "description_en", "", required=False),
        horizon_hours=horizon,
        step_hours=step,
        initiating=initiating,
        services=services,
        order=order,
        decisions=decisions,
        weather=weather,
        sources=sources,
        origin=scenario_file,
        overridden=tuple(
            sorted(
                {
                    (".".join(k), v)
                    for k, v in prov.items()
                    if v != scenario_file and k[0] != "sources"
                }
            )
        ),
        raw=raw,
        provenance=prov,
    )


def _blocks(
    check: Checker, tables: Mapping[str, Any], dotted: str
) -> list[tuple[str, Mapping[str, Any]]]:
    """The entries of a keyed section that are tables; anything else is reported."""
    found = []
    for key, block in tables.items():
        if isinstance(block, Mapping):
            found.append((str(key), block))
        else:
            check.add(f"{dotted}.{key}", "must be a table")
    return found


def _sources(check: Checker, raw: Mapping[str, Any]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for key, block in check.table(raw, "sources", "sources").items():
        dotted = f"sources.{key}"
        if not isinstance(block, Mapping):
            check.add(dotted, "must be a table with at least a title")
            continue
        check.keys(block, ("title", "year", "url", "note"), dotted)
        year = block.get("year")
        sources[key] = Source(
            key=key,
            title=check.text(block, "title", f"{dotted}.title"),
            year=year if isinstance(year, int) else None,
            url=check.text(block, "url", f"{dotted}.url", required=False),
            note=check.text(block, "note", f"{dotted}.note", required=False),
        )
    return sources


def _initiating(check: Checker, head: Mapping[str, Any], ids: set[str]) -> dict[str, float]:
    table = check.table(head, "initiating", "scenario.initiating")
    if not table:
        check.add("scenario.initiating", "name the service(s) that fail at T0, e.g. {grid = 0}")
    onsets: dict[str, float] = {}
    for sid in table:
        dotted = f"scenario.initiating.{sid}"
        if sid not in ids:
            check.add(dotted, f"unknown service {sid!r}")
            continue
        onsets[sid] = check.number(table, sid, dotted, low=0.0)
    return onsets


def _needs(
    check: Checker, block: Mapping[str, Any], dotted: str, ids: set[str], sid: str
) -> tuple[tuple[str, ...], ...]:
    value = block.get("needs", [])
    groups: list[tuple[str, ...]] = []
    if not isinstance(value, list):
        check.add(dotted, "must be a list of service names (or lists of alternatives)")
        return ()
    for item in value:
        group = tuple(item) if isinstance(item, list) else (item,)
        if not group or not all(isinstance(g, str) for g in group):
            check.add(dotted, f"{item!r} is not a service name or a list of names")
            continue
        for name in group:
            if name not in ids:
                check.add(dotted, f"unknown dependency {name!r}; known: {sorted(ids)}")
            elif name == sid:
                check.add(dotted, "a service cannot need itself")
        groups.append(tuple(g for g in group if g in ids and g != sid))
    return tuple(g for g in groups if g)


def _service(check: Checker, sid: str, block: Mapping[str, Any], ids: set[str]) -> Service:
    dotted = f"services.{sid}"
    check.keys(block, SERVICE_KEYS, dotted)
    needs = _needs(check, block, f"{dotted}.needs", ids, sid)
    others = ids - {sid}
    backup_raw = block.get("backup")
    if backup_raw is None:
        if needs:
            check.add(f"{dotted}.backup", "missing; a service that needs others needs a backup")
        backup = Backup(kind="none")
    elif not isinstance(backup_raw, Mapping):
        check.add(f"{dotted}.backup", "must be a table")
        backup = Backup(kind="none")
    else:
        backup = _backup(check, backup_raw, f"{dotted}.backup")
    severity = check.number(block, "severity", f"{dotted}.severity", 2, low=1, high=3)
    if severity != int(severity):
        check.add(f"{dotted}.severity", "must be a whole number 1, 2 or 3")
    return Service(
        id=sid,
        name_nl=check.text(block, "name_nl", f"{dotted}.name_nl"),
        name_en=check.text(block, "name_en", f"{dotted}.name_en"),
        severity=int(severity),
        needs=needs,
        degrades_with=check.id_list(block, "degrades_with", f"{dotted}.degrades_with", others),
        resupplied_by=check.id_list(block, "resupplied_by", f"{dotted}.resupplied_by", others),
        degraded_on_backup=check.flag(block, "degraded_on_backup", f"{dotted}.degraded_on_backup"),
        backup=backup,
        effects=_effects(check, block.get("effects", []), f"{dotted}.effects"),
    )


def _backup(check: Checker, data: Mapping[str, Any], dotted: str) -> Backup:
    check.keys(data, BACKUP_KEYS, dotted)
    kind = data.get("kind")
    if kind not in BACKUP_KINDS:
        check.add(f"{dotted}.kind", f"must be one of {', '.join(BACKUP_KINDS)}")
        kind = "none"
    has_range = any(k in data for k in ("min", "likely", "max"))
    classes_raw = data.get("classes")
    if kind == "none":
        if has_range or classes_raw:
            check.add(f"{dotted}.kind", "'none' fails at once; remove the durations or set a kind")
        sources, confidence = check.cited(data, dotted)
        return Backup(kind="none", sources=sources, confidence=confidence)
    if classes_raw is None:
        if check.flag(data, "from_points", f"{dotted}.from_points"):
            check.add(f"{dotted}.classes", "from_points needs classes for when no points are given")
        return Backup(kind=str(kind), figure=check.figure(data, dotted))
    if has_range:
        check.add(dotted, "give either min/likely/max or classes, not both")
    if not isinstance(classes_raw, Mapping) or not classes_raw:
        check.add(f"{dotted}.classes", "must be a table of asset classes")
        classes_raw = {}
    classes = []
    for name, block in classes_raw.items():
        where = f"{dotted}.classes.{name}"
        if not isinstance(block, Mapping):
            check.add(where, "must be a table with share, min, likely, max, source")
            continue
        check.keys(block, ("share", *FIGURE_FIELDS), where)
        share = check.number(block, "share", f"{where}.share", low=0.0, high=1.0)
        classes.append(AssetClass(name, share, check.figure(block, where)))
    total = sum(c.share for c in classes)
    if classes and abs(total - 1.0) > 1e-6:
        check.add(f"{dotted}.classes", f"shares add up to {total:g}, not 1")
    down = check.number(data, "down_share", f"{dotted}.down_share", 0.5, low=1e-9, high=1.0)
    degraded = data.get("degraded_share")
    if degraded is not None:
        degraded = check.number(data, "degraded_share", f"{dotted}.degraded_share", low=1e-9)
        if degraded > down:
            check.add(f"{dotted}.degraded_share", "must not be greater than down_share")
    from_points = check.flag(data, "from_points", f"{dotted}.from_points")
    unknown = None
    if from_points:
        unknown_raw = data.get("unknown")
        if not isinstance(unknown_raw, Mapping):
            check.add(f"{dotted}.unknown", "missing; the range for points of unknown autonomy")
        else:
            unknown = check.figure(unknown_raw, f"{dotted}.unknown")
    sources, confidence = check.cited(data, dotted)
    return Backup(
        kind=str(kind),
        classes=tuple(classes),
        assets=int(check.number(data, "assets", f"{dotted}.assets", 100, low=1, high=MAX_ASSETS)),
        down_share=down,
        degraded_share=degraded,
        correlation=check.number(data, "correlation", f"{dotted}.correlation", 0.0, 0.0, 0.99),
        from_points=from_points,
        unknown=unknown,
        sources=sources,
        confidence=confidence,
    )


def _effects(check: Checker, value: Any, dotted: str) -> tuple[Effect, ...]:
    if not isinstance(value, list):
        check.add(dotted, "must be a list of effects")
        return ()
    effects = []
    for index, block in enumerate(value):
        where = f"{dotted}[{index}]"
        if not isinstance(block, Mapping):
            check.add(where, "must be a table with state, after_hours, nl and en")
            continue
        check.keys(block, ("state", "after_hours", "nl", "en"), where)
        state = block.get("state")
        if state not in ("degraded", "down"):
            check.add(f"{where}.state", "must be 'degraded' or 'down'")
        effects.append(
            Effect(
                state=str(state),
                after_hours=check.number(block, "after_hours", f"{where}.after_hours", 0, low=0),
                nl=check.text(block, "nl", f"{where}.nl"),
                en=check.text(block, "en", f"{where}.en"),
            )
        )
    return tuple(effects)


def _decision(
    check: Checker,
    key: str,
    block: Mapping[str, Any],
    ids: set[str],
    points_service: str | None,
    known_measures: set[str],
) -> DecisionRule:
    dotted = f"decisions.{key}"
    allowed = ("kind", "service", "state", "probability", "after_hours", "share", "tiers")
    check.keys(block, (*allowed, "services", "measures", "text_nl", "text_en"), dotted)
    kind = block.get("kind")
    if kind not in PLACEHOLDERS:
        check.add(f"{dotted}.kind", f"must be one of {', '.join(PLACEHOLDERS)}")
        kind = "service"
    service = None
    default_services: list[str] = []
    if kind == "service":
        service = check.text(block, "service", f"{dotted}.service")
        if service and service not in ids:
            check.add(f"{dotted}.service", f"unknown service {service!r}")
        default_services = [service]
    elif points_service is None:
        check.add(f"{dotted}.kind", "point rules need a service with backup.from_points = true")
    else:
        default_services = [points_service]
    state = block.get("state", "down")
    if state not in ("degraded", "down"):
        check.add(f"{dotted}.state", "must be 'degraded' or 'down'")
    tiers = block.get("tiers", [])
    if not isinstance(tiers, list) or any(t not in POINT_TIERS for t in tiers):
        check.add(f"{dotted}.tiers", f"must be a list of {', '.join(POINT_TIERS)}")
        tiers = []
    texts = {}
    for lang in ("nl", "en"):
        field = f"{dotted}.text_{lang}"
        texts[lang] = check.text(block, f"text_{lang}", field)
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f is not None}
        except ValueError as exc:
            check.add(field, f"bad placeholder: {exc}")
            continue
        for name in sorted(names - PLACEHOLDERS[str(kind)]):
            check.add(field, f"unknown placeholder {{{name}}}; use {sorted(PLACEHOLDERS[kind])}")
    services = (
        check.id_list(block, "services", f"{dotted}.services", ids) if "services" in block else ()
    )
    return DecisionRule(
        id=str(key),
        kind=str(kind),
        text_nl=texts["nl"],
        text_en=texts["en"],
        service=service,
        state=str(state),
        probability=check.number(block, "probability", f"{dotted}.probability", 0.5, 1e-9, 1.0),
        after_hours=check.number(block, "after_hours", f"{dotted}.after_hours", 0.0, low=0.0),
        share=check.number(block, "share", f"{dotted}.share", 1.0, low=1e-9, high=1.0)
        if kind == "points"
        else 0.0,
        tiers=tuple(tiers),
        services=services or tuple(s for s in default_services if s in ids),
        measures=check.id_list(block, "measures", f"{dotted}.measures", known_measures),
    )


def _weather(check: Checker, raw: Mapping[str, Any], ids: set[str]) -> dict[str, WeatherProfile]:
    profiles: dict[str, WeatherProfile] = {"mild": MILD}
    for name, block in check.table(raw, "weather", "weather").items():
        dotted = f"weather.{name}"
        if not isinstance(block, Mapping):
            check.add(dotted, "must be a table")
            continue
        check.keys(block, ("label_nl", "label_en", "source", "confidence", "services"), dotted)
        factors: dict[str, float] = {}
        deltas: dict[str, int] = {}
        for sid, effect in check.table(block, "services", f"{dotted}.services").items():
            where = f"{dotted}.services.{sid}"
            if sid not in ids or not isinstance(effect, Mapping):
                check.add(where, f"unknown service {sid!r} (or not a table)")
                continue
            check.keys(effect, ("duration_factor", "severity_delta"), where)
            factors[sid] = check.number(effect, "duration_factor", f"{where}.duration_factor", 1.0)
            if factors[sid] <= 0:
                check.add(f"{where}.duration_factor", "must be greater than 0")
            delta = effect.get("severity_delta", 0)
            if not isinstance(delta, int) or isinstance(delta, bool):
                check.add(f"{where}.severity_delta", "must be a whole number")
                delta = 0
            deltas[sid] = delta
        sources, confidence = check.cited(block, dotted)
        profiles[str(name)] = WeatherProfile(
            name=str(name),
            label_nl=check.text(block, "label_nl", f"{dotted}.label_nl"),
            label_en=check.text(block, "label_en", f"{dotted}.label_en"),
            duration_factor=factors,
            severity_delta=deltas,
            sources=sources,
            confidence=confidence,
        )
    return profiles


def _order(check: Checker, services: tuple[Service, ...]) -> tuple[str, ...]:
    """Services in dependency order; a cycle is reported on the field that closes it."""
    by_id = {s.id: s for s in services}
    sorter = graphlib.TopologicalSorter({s.id: s.upstream for s in services})
    try:
        return tuple(sorter.static_order())
    except graphlib.CycleError as exc:
        cycle: list[str] = exc.args[1]
        upstream, downstream = cycle[0], cycle[1]
        service = by_id[downstream]
        field = "needs"
        if upstream in service.degrades_with:
            field = "degrades_with"
        elif upstream in service.resupplied_by:
            field = "resupplied_by"
        path = " -> ".join(cycle)
        check.add(f"services.{downstream}.{field}", f"dependency cycle: {path}")
        return tuple(s.id for s in services)
