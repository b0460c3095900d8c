"""Spreadsheet cells that cannot run: formula neutralisation for every CSV and XLSX Paraat writes.

A point called ``=HYPERLINK("http://…")`` or ``@SUM(…)`` must reach the reader's screen as text,
not as a live formula (CSV injection, OWASP). One helper for every writer:

- CSV: text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
  apostrophe, which spreadsheets show as "this is text"; Paraat's own CSV reader takes it off
  again (``unescape_csv_cell``), so an export still imports unchanged.
- XLSX: such text is stored as a string cell, never as a formula, so it reads back exactly.

Numbers are never touched (a negative number is not a formula). Plain module without Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_cell(value: Any) -> Any:
    """The value as a CSV writer should get it: formula-like text behind an apostrophe."""
    return "'" + value if is_formula_like(value) else value


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: csv_cell(value) for key, value in row.items()}


def unescape_csv_cell(value: str) -> str:
    """Undo ``csv_cell``: "'=A1" reads as "=A1"; "'t Hofje" (no formula after it) stays."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for ``sheet.append`` in which formula-like text is a string cell, not a formula."""
    from openpyxl.cell.cell import Cell

    cells: list[Any] = []
    for value in values:
        if is_formula_like(value):
            cell = Cell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells
