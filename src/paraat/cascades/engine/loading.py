"""Reading scenario, override, measure and point files, and merging them with provenance.

A region's override is merged onto the shipped scenario key by key. Every leaf remembers which
file set it, so a validation error after the merge still names the file a planner has to open,
and the JSON output can show which figures are regional.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import Issue, ScenarioError, single
from .model import POINT_TIERS, Point, Scenario

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
SOURCES_FILE = SCENARIO_DIR / "_sources.toml"
MEASURES_FILE = SCENARIO_DIR / "_measures.toml"

Provenance = dict[tuple[str, ...], str]
OverrideInput = Mapping[str, Any] | str | os.PathLike[str]

# Keys that make a block a duration range; an override that touches one replaces the range whole.
RANGE_KEYS = ("min", "likely", "max")
FIGURE_KEYS = (
    *RANGE_KEYS,
    "unit",
    "share",
    "assets",
    "down_share",
    "degraded_share",
    "correlation",
)
OVERRIDE_TOP_KEYS = ("meta", "sources", "services", "decisions", "weather")


def label_for(path: Path) -> str:
    """How a file is named in messages: shipped files relative to the package, others as given."""
    try:
        return str(path.resolve().relative_to(SCENARIO_DIR.parent))
    except ValueError:
        return str(path)


def read_data(path: Path) -> dict[str, Any]:
    """Read a TOML or JSON file into a dict, turning parse errors into named issues."""
    label = label_for(path)
    if not path.is_file():
        raise single(label, "(file)", "file not found")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            data = json.loads(text)
            if not isinstance(data, dict):
                raise single(label, "(file)", "the top level must be an object")
            return data
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise single(label, "(file)", f"cannot be parsed: {exc}") from exc
    raise single(label, "(file)", "use a .toml or .json file")


def leaves(value: Any, prefix: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    if isinstance(value, Mapping) and value:
        for key, sub in value.items():
            yield from leaves(sub, (*prefix, str(key)))
    else:
        yield prefix


def merge(
    base: dict[str, Any],
    extra: Mapping[str, Any],
    label: str,
    prov: Provenance,
    prefix: tuple[str, ...] = (),
) -> None:
    """Merge `extra` into `base` in place; tables merge, everything else (lists too) replaces."""
    for key, value in extra.items():
        path = (*prefix, str(key))
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            if any(k in value for k in RANGE_KEYS):
                for k in (*RANGE_KEYS, "unit"):
                    base[key].pop(k, None)
                    prov.pop((*path, k), None)
            merge(base[key], value, label, prov, path)
            continue
        for old in [p for p in prov if p[: len(path)] == path]:
            del prov[old]
        base[key] = json.loads(json.dumps(value)) if isinstance(value, Mapping | list) else value
        for leaf in leaves(value, path):
            prov[leaf] = label


def origin_of(prov: Mapping[tuple[str, ...], str], dotted: str) -> str:
    """The file(s) responsible for a dotted field, falling back to the nearest parent."""
    path = tuple(dotted.split(".")) if dotted else ()
    while True:
        found = sorted(
            {
                label
                for key, label in prov.items()
                if key[: len(path)] == path or path[: len(key)] == key
            }
        )
        if found or not path:
            return " + ".join(found) if found else "(unknown file)"
        path = path[:-1]


def check_override(data: Mapping[str, Any], base: Mapping[str, Any], label: str) -> None:
    """Reject overrides that add services or change a figure without naming its source."""
    issues: list[Issue] = []
    for key in data:
        if key not in OVERRIDE_TOP_KEYS:
            allowed = ", ".join(OVERRIDE_TOP_KEYS)
            issues.append(Issue(label, str(key), f"unknown section; an override may set {allowed}"))
    services = data.get("services", {})
    if not isinstance(services, Mapping):
        issues.append(Issue(label, "services", "must be a table of services"))
        services = {}
    for sid, block in services.items():
        if sid not in base.get("services", {}):
            known = ", ".join(sorted(base.get("services", {})))
            issues.append(Issue(label, f"services.{sid}", f"unknown service; known: {known}"))
        elif isinstance(block, Mapping):
            _check_figure_blocks(block, f"services.{sid}", label, issues)
    if issues:
        raise ScenarioError(issues)


def _check_figure_blocks(
    block: Mapping[str, Any], dotted: str, label: str, issues: list[Issue]
) -> None:
    if any(k in block for k in FIGURE_KEYS):
        for key in ("source", "confidence"):
            if key not in block:
                issues.append(
                    Issue(label, f"{dotted}.{key}", "missing; an overridden figure needs its own")
                )
        if any(k in block for k in (*RANGE_KEYS, "unit")):
            for key in RANGE_KEYS:
                if key not in block:
                    issues.append(
                        Issue(
                            label, f"{dotted}.{key}", "missing; give min, likely and max together"
                        )
                    )
    for key, value in block.items():
        if isinstance(value, Mapping):
            _check_figure_blocks(value, f"{dotted}.{key}", label, issues)


def scenario_path(name_or_path: str | os.PathLike[str]) -> Path:
    """A shipped scenario by name (`power-outage-nl`) or any file path."""
    text = os.fspath(name_or_path)
    if os.sep in text or "/" in text or text.endswith((".toml", ".json")):
        return Path(text)
    for suffix in (".toml", ".json"):
        candidate = SCENARIO_DIR / f"{text}{suffix}"
        if candidate.is_file():
            return candidate
    known = ", ".join(available_scenarios())
    raise single(text, "(name)", f"no such scenario; shipped scenarios: {known}")


def available_scenarios() -> list[str]:
    """Names of the scenarios shipped with Paraat (files starting with `_` are catalogues)."""
    return sorted(
        p.stem
        for p in SCENARIO_DIR.iterdir()
        if p.suffix in (".toml", ".json") and not p.name.startswith("_")
    )


def override_sources(
    overrides: OverrideInput | Sequence[OverrideInput] | None,
) -> list[tuple[str, Mapping[str, Any]]]:
    """Normalise the `overrides` argument to (label, data) pairs."""
    if overrides is None:
        return []
    items: Sequence[OverrideInput] = (
        [overrides] if isinstance(overrides, Mapping | str | os.PathLike) else overrides
    )
    pairs: list[tuple[str, Mapping[str, Any]]] = []
    for index, item in enumerate(items):
        if isinstance(item, Mapping):
            meta = item.get("meta", {})
            name = meta.get("name") if isinstance(meta, Mapping) else None
            pairs.append((f"overrides[{index}]" + (f" ({name})" if name else ""), item))
        else:
            path = Path(os.fspath(item))
            pairs.append((label_for(path), read_data(path)))
    return pairs


def load_raw(
    name_or_path: str | os.PathLike[str],
    overrides: OverrideInput | Sequence[OverrideInput] | None = None,
) -> tuple[dict[str, Any], Provenance]:
    """Shared sources, then the scenario, then each override, merged with provenance."""
    prov: Provenance = {}
    raw: dict[str, Any] = {}
    sources_data = read_data(SOURCES_FILE)
    merge(raw, {"sources": sources_data.get("sources", {})}, label_for(SOURCES_FILE), prov)
    path = scenario_path(name_or_path)
    merge(raw, read_data(path), label_for(path), prov)
    for label, data in override_sources(overrides):
        check_override(data, raw, label)
        merge(raw, {k: v for k, v in data.items() if k != "meta"}, label, prov)
    return raw, prov


def load_scenario(
    name_or_path: str | os.PathLike[str],
    overrides: OverrideInput | Sequence[OverrideInput] | None = None,
) -> Scenario:
    """Load, merge and validate a scenario.

    `name_or_path` is a shipped scenario name (see `available_scenarios()`) or a .toml/.json
    path. `overrides` is a dict, a file, or a list of those, merged in order (a region's own
    figures for its water company, mobile operators, ...). Raises ScenarioError naming every
    bad file and field.
    """
    from .measures import load_measures
    from .schema import build_scenario

    raw, prov = load_raw(name_or_path, overrides)
    return build_scenario(raw, prov, known_measures=set(load_measures()))


def parse_points(items: Iterable[Mapping[str, Any] | Point], label: str = "points") -> list[Point]:
    """Validate the region's points as passed by the registry or read from a file."""
    issues: list[Issue] = []
    points: list[Point] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"[{index}]"
        if isinstance(item, Point):
            data: Mapping[str, Any] = item.__dict__
        elif isinstance(item, Mapping):
            data = item
        else:
            issues.append(Issue(label, where, "must be a table with code, name, tier and hours"))
            continue
        code, name, tier = data.get("code"), data.get("name", ""), data.get("tier", "local")
        hours = data.get("autonomy_hours", data.get("hours"))
        if not isinstance(code, str) or not code:
            issues.append(Issue(label, f"{where}.code", "missing or not text"))
            continue
        if code in seen:
            issues.append(Issue(label, f"{where}.code", f"duplicate code {code!r}"))
        seen.add(code)
        if tier not in POINT_TIERS:
            issues.append(Issue(label, f"{where}.tier", f"must be one of {', '.join(POINT_TIERS)}"))
        if hours is not None and (
            isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0
        ):
            issues.append(Issue(label, f"{where}.autonomy_hours", "must be a number >= 0 or empty"))
            hours = None
        points.append(Point(code, str(name), str(tier), None if hours is None else float(hours)))
    if issues:
        raise ScenarioError(issues)
    return points


def load_points(path: str | os.PathLike[str]) -> list[Point]:
    """Points from a file with a `points` list (TOML `[[points]]` or JSON)."""
    file = Path(os.fspath(path))
    data = read_data(file)
    items = data.get("points")
    if not isinstance(items, list):
        raise single(label_for(file), "points", "missing; give a list of points")
    return parse_points(items, label_for(file))
