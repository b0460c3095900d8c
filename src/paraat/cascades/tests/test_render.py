"""The swimlane chart renders to real SVG, PNG and PDF files."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from paraat.cascades.engine import load_scenario, render, simulate

# The Dutch of the tables and labels comes from Paraat's catalogue (conftest.py).
pytestmark = pytest.mark.usefixtures("catalogue_messages")

MODEL = Path(__file__).parent / "data" / "hand-model.toml"


@pytest.fixture(scope="module")
def result():
    return simulate(
        load_scenario("power-outage-nl"),
        points=[{"code": "P1", "name": "Een", "tier": "local", "autonomy_hours": 6}],
        runs=300,
        seed=1,
    )


def test_it_renders_png_with_sensible_dimensions(result, tmp_path):
    path = render(result, tmp_path / "tijdlijn.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert 1200 <= width <= 4000 and 1000 <= height <= 6000
    assert len(data) > 50_000


def test_it_renders_svg_with_text_labels(result, tmp_path):
    path = render(result, tmp_path / "tijdlijn.svg")
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text[:1000]
    assert text.rstrip().endswith("</svg>")
    assert "Mobiele netwerken" in text  # fonts kept as text: searchable and accessible
    assert "Besluitpunten" in text


def test_it_renders_pdf_and_english(result, tmp_path):
    path = render(result, tmp_path / "timeline.pdf", lang="en")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 10_000
    svg = render(result, tmp_path / "timeline.svg", lang="en").read_text(encoding="utf-8")
    assert "Mobile networks" in svg and "Decision points" in svg


def test_it_renders_a_run_without_monte_carlo(tmp_path):
    result = simulate(load_scenario(MODEL), runs=0)
    assert render(result, tmp_path / "hand.png").stat().st_size > 10_000


def test_it_refuses_unknown_formats(result, tmp_path):
    with pytest.raises(ValueError, match="cannot render to .gif"):
        render(result, tmp_path / "tijdlijn.gif")
