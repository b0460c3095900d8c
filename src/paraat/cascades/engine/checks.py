"""Typed getters for hand-edited data that record problems instead of stopping at the first.

Used by the scenario and measure loaders: every problem names the dotted field and, through
the provenance kept while merging, the file that set it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from .errors import Issue
from .loading import Provenance, origin_of
from .model import CONFIDENCES, Figure

UNITS = {"min": 1 / 60, "h": 1.0, "d": 24.0}


class Checker:
    """Small typed getters that record an issue instead of raising at the first problem."""

    def __init__(self, prov: Provenance, sources: set[str]) -> None:
        self.prov = prov
        self.sources = sources
        self.issues: list[Issue] = []

    def add(self, dotted: str, message: str) -> None:
        self.issues.append(Issue(origin_of(self.prov, dotted), dotted, message))

    def keys(self, data: Mapping[str, Any], allowed: tuple[str, ...], dotted: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(f"{dotted}.{key}" if dotted else key, f"unknown field; use {allowed}")

    def table(self, data: Mapping[str, Any], key: str, dotted: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, Mapping):
            self.add(dotted, "must be a table")
            return {}
        return dict(value)

    def text(self, data: Mapping[str, Any], key: str, dotted: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.add(dotted, "missing")
            return ""
        if not isinstance(value, str):
            self.add(dotted, "must be text")
            return ""
        return value

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        dotted: str,
        default: float | None = None,
        low: float | None = None,
        high: float | None = None,
    ) -> float:
        value = data.get(key, default)
        if value is None:
            self.add(dotted, "missing")
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(dotted, f"must be a number, not {value!r}")
            return 0.0
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(dotted, f"{value} is outside {low} .. {high}")
        return float(value)

    def flag(self, data: Mapping[str, Any], key: str, dotted: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(dotted, "must be true or false")
            return False
        return value

    def id_list(
        self, data: Mapping[str, Any], key: str, dotted: str, known: Collection[str]
    ) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(dotted, "must be a list of names")
            return ()
        for item in value:
            if item not in known:
                self.add(dotted, f"unknown {key.rstrip('s')} {item!r}; known: {sorted(known)}")
        return tuple(v for v in value if v in known)

    def cited(self, data: Mapping[str, Any], dotted: str) -> tuple[tuple[str, ...], str]:
        """The `source` (a key or list of keys) and `confidence` every figure must carry."""
        source = data.get("source")
        if source is None or source == "" or source == []:
            self.add(f"{dotted}.source", "missing; every figure needs a source")
            keys: tuple[str, ...] = ()
        elif isinstance(source, str):
            keys = (source,)
        elif isinstance(source, list) and all(isinstance(s, str) for s in source):
            keys = tuple(source)
        else:
            self.add(f"{dotted}.source", "must be a source key or a list of source keys")
            keys = ()
        for key in keys:
            if key not in self.sources:
                self.add(f"{dotted}.source", f"unknown source {key!r}; add it under [sources]")
        confidence = data.get("confidence")
        if confidence not in CONFIDENCES:
            self.add(f"{dotted}.confidence", f"must be one of {', '.join(CONFIDENCES)}")
            confidence = "low"
        return keys, str(confidence)

    def figure(self, data: Mapping[str, Any], dotted: str) -> Figure:
        unit = data.get("unit", "h")
        if unit not in UNITS:
            self.add(f"{dotted}.unit", f"must be one of {', '.join(UNITS)}")
            unit = "h"
        low, likely, high = (
            self.number(data, key, f"{dotted}.{key}", low=0.0) for key in ("min", "likely", "max")
        )
        if low > likely:
            self.add(f"{dotted}.min", f"min ({low:g}) is greater than likely ({likely:g})")
        if likely > high:
            self.add(f"{dotted}.likely", f"likely ({likely:g}) is greater than max ({high:g})")
        sources, confidence = self.cited(data, dotted)
        factor = UNITS[unit]
        return Figure(
            low * factor,
            likely * factor,
            high * factor,
            sources,
            confidence,
            path=dotted,
            origin=origin_of(self.prov, f"{dotted}.likely"),
        )
