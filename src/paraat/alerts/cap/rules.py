"""The platform's own rules on top of the CAP 1.2 schema (../shared/domain.md §4).

- times carry an explicit offset (``+01:00``), never ``Z`` or none;
- a polygon is ``lat,lon`` pairs, at least 4, the first equal to the last, inside -90..90/-180..180;
- Update and Cancel reference the message(s) they change;
- identifier and sender contain no spaces, commas, ``<`` or ``&``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paraat.alerts.cap.model import Alert

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
FORBIDDEN_IN_ID = (" ", ",", "<", "&", "\t", "\n")
NEEDS_REFERENCES = ("Update", "Cancel", "Ack", "Error")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (``field``), what, and which check found it."""

    field: str
    message: str
    check: str = "rule"  # xml, version, schema, rule

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"[{self.check}] {where}{self.message}"


def _identifier_problems(name: str, value: str) -> list[Problem]:
    if not value:
        return [Problem(name, "is empty")]
    bad = sorted({char for char in FORBIDDEN_IN_ID if char in value})
    if bad:
        shown = ", ".join("space" if c == " " else repr(c) for c in bad)
        return [Problem(name, f"{value!r} contains {shown}; CAP does not allow that")]
    return []


def _time_problems(alert: Alert) -> list[Problem]:
    problems = []
    for name, text in alert.raw_times:
        if text.endswith("Z") or text.endswith("z"):
            problems.append(Problem(name, f"{text!r} ends in Z; write the offset, e.g. +01:00"))
        elif not TIME.match(text):
            problems.append(
                Problem(name, f"{text!r} is not YYYY-MM-DDThh:mm:ss with an offset like +01:00")
            )
    return problems


def _pair(text: str) -> tuple[float, float] | None:
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def polygon_problems(polygon: str, where: str = "polygon") -> list[Problem]:
    tokens = polygon.split()
    pairs = [_pair(token) for token in tokens]
    bad = [token for token, pair in zip(tokens, pairs, strict=True) if pair is None]
    if bad:
        return [Problem(where, f"{bad[0]!r} is not a 'lat,lon' pair in degrees (WGS 84)")]
    problems = []
    if len(pairs) < 4:
        problems.append(Problem(where, f"has {len(pairs)} points; a polygon needs at least 4"))
    if pairs and pairs[0] != pairs[-1]:
        problems.append(Problem(where, "the first point must equal the last (a closed ring)"))
    return problems


def circle_problems(circle: str, where: str = "circle") -> list[Problem]:
    parts = circle.split()
    if len(parts) != 2 or _pair(parts[0]) is None:
        return [Problem(where, f"{circle!r} is not 'lat,lon radius-in-km'")]
    try:
        radius = float(parts[1])
    except ValueError:
        return [Problem(where, f"radius {parts[1]!r} is not a number")]
    return [] if radius >= 0 else [Problem(where, "the radius is negative")]


def _reference_problems(alert: Alert) -> list[Problem]:
    if alert.msg_type in NEEDS_REFERENCES and not alert.references:
        return [
            Problem(
                "references",
                f"a {alert.msg_type} must reference the original as 'sender,identifier,sent'",
            )
        ]
    problems = []
    for ref in alert.references:
        if (ref.sender, ref.identifier) == (alert.sender, alert.identifier):
            problems.append(Problem("references", "a message cannot reference itself"))
    return problems


def _area_problems(alert: Alert) -> list[Problem]:
    problems = []
    for i, info in enumerate(alert.infos, start=1):
        for j, area in enumerate(info.areas, start=1):
            for k, polygon in enumerate(area.polygons, start=1):
                problems += polygon_problems(polygon, f"info[{i}]/area[{j}]/polygon[{k}]")
            for k, circle in enumerate(area.circles, start=1):
                problems += circle_problems(circle, f"info[{i}]/area[{j}]/circle[{k}]")
        if info.expires and info.effective and info.expires <= info.effective:
            problems.append(Problem(f"info[{i}]/expires", "is not after effective"))
    return problems


def problems(alert: Alert) -> list[Problem]:
    """Every platform rule the alert breaks (empty when it keeps them all)."""
    found = _identifier_problems("identifier", alert.identifier)
    found += _identifier_problems("sender", alert.sender)
    found += _time_problems(alert)
    found += _reference_problems(alert)
    found += _area_problems(alert)
    return found
