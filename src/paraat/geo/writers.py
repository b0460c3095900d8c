"""CSV files that Dutch Excel opens as columns and that Paraat's own reader reads back unchanged.

Dutch Excel expects a semicolon between fields and a comma as the decimal sign, and only reads
UTF-8 correctly when the file starts with a byte order mark. So every CSV Paraat writes has a BOM,
semicolons and decimal commas (`4,645`); `readers.parse_number` reads that back as 4.645, where a
bare `4.645` would be read as the Dutch 4645 (a dot groups thousands).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from paraat.geo import cells

BOM = "\ufeff"
DELIMITER = ";"


def cell(value: Any) -> str:
    """One value as Dutch Excel and `parse_number` read it; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = repr(value)
        if "e" in text or "E" in text:  # 1e-07: write it out so no reader sees an exponent
            text = f"{value:.15f}".rstrip("0").rstrip(".")
        return text.removesuffix(".0").replace(".", ",")
    return str(cells.csv_cell(str(value)))  # formula-like text behind an apostrophe


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """The whole file as text, starting with the BOM; missing keys are empty cells; text that a
    spreadsheet would run as a formula is neutralised (`geo.cells`)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()
