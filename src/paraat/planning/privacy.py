"""Small counts of vulnerable residents never leave Paraat (pure: no Django).

A run weighted by a vulnerability aggregate (Wmo clients, home ventilation, ...) is stored with
every count between 0 and the threshold replaced by None, so every output that reads the run -
pages, API, CSV, GeoPackage, XLSX, PDF and the JSON of commands - shows only what may be shown.
A share goes too when a count it is made of is hidden, or it would give the count back.
"""

from __future__ import annotations

from typing import Any

COUNT_KEYS = frozenset(
    {
        "total",
        "covered",
        "uncovered",
        "covered_2plus",
        "covered_norm",
        "covered_before",
        "within",
        "assigned",
        "critical",
        "adds",
        "added",
        "unreachable",
    }
)
SHARES = {"share": ("total", "covered", "uncovered"), "share_norm": ("total", "covered_norm")}
CELL_COUNTS = (2, 3)  # map blocks are [x, y, total, covered]


def _small(value: Any, threshold: int) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < threshold


def suppress_figures(figures: Any, threshold: int) -> Any:
    """A copy of ``figures`` with small counts (0 < n < threshold) and the shares they make up
    replaced by None."""
    if isinstance(figures, list):
        return [suppress_figures(item, threshold) for item in figures]
    if not isinstance(figures, dict):
        return figures
    out: dict[str, Any] = {}
    hidden: set[str] = set()
    for key, value in figures.items():
        if key in COUNT_KEYS and _small(value, threshold):
            out[key] = None
            hidden.add(key)
        elif key == "cells" and isinstance(value, dict):
            out[key] = {**value, "rows": [_cell(row, threshold) for row in value.get("rows", [])]}
        else:
            out[key] = suppress_figures(value, threshold)
    for share, parts in SHARES.items():
        if share in out and hidden.intersection(parts):
            out[share] = None
    return out


def _cell(row: list[Any], threshold: int) -> list[Any]:
    row = list(row)
    if any(_small(row[i], threshold) for i in CELL_COUNTS if i < len(row)):
        for i in CELL_COUNTS:
            if i < len(row):
                row[i] = None
    return row
