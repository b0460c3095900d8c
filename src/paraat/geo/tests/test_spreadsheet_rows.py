"""The row limit of a spreadsheet is found in the raw sheet, before openpyxl parses it: a zip bomb
of 1.5 million rows (hostile corpus, areas/36) is refused in a second instead of 40 s of CPU."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from paraat.geo import readers


def _sheet(path: Path, rows: int, *, first_sheet_rows: int | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "wijken"
    sheet.append(["code", "name", "population"])
    for n in range(first_sheet_rows if first_sheet_rows is not None else rows):
        sheet.append([f"WK{n:06d}", f"Wijk {n}", n])
    if first_sheet_rows is not None:
        other = book.create_sheet("notes")
        for n in range(rows):
            other.append([n])
    book.save(path)
    return path


def test_it_counts_more_rows_than_the_limit_in_the_raw_sheet(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "wijken.xlsx", 5)
    assert readers._first_sheet_has_more_rows(path, 5)  # header and five rows: six
    assert not readers._first_sheet_has_more_rows(path, 6)


def test_it_counts_only_the_first_sheet(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "wijken.xlsx", 50, first_sheet_rows=2)
    assert not readers._first_sheet_has_more_rows(path, 10)


def test_it_leaves_a_package_it_cannot_read_to_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_text("geen zip")
    assert not readers._first_sheet_has_more_rows(path, 10)


def test_it_refuses_the_hostile_zip_bomb_with_the_row_limit(tmp_path: Path) -> None:
    bomb = Path(readers.__file__).parents[1] / "testing/hostile/areas/36-xlsx-zipbomb.xlsx"
    with pytest.raises(readers.ReadError) as refused:
        readers._xlsx_rows(bomb, "bom.xlsx")
    assert "more than 100,000 rows" in str(refused.value)
