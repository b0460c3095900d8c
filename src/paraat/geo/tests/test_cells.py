"""Formula neutralisation in spreadsheet exports (paraat.geo.cells), pure."""

from __future__ import annotations

import pytest

from paraat.geo import cells


@pytest.mark.parametrize(
    "text",
    ["=1+1", '=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"],
)
def test_it_puts_an_apostrophe_before_formula_like_text_and_takes_it_off_again(text: str) -> None:
    written = cells.csv_cell(text)
    assert written == "'" + text
    assert cells.unescape_csv_cell(written) == text


@pytest.mark.parametrize("value", ["'s-Hertogenbosch", "'t Hofje", "Oss", "", -5, 12.5, None])
def test_it_leaves_text_numbers_and_dutch_apostrophes_alone(value: object) -> None:
    assert cells.csv_cell(value) == value
    if isinstance(value, str):
        assert cells.unescape_csv_cell(value) == value
