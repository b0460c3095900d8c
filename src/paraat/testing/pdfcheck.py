"""Checks of a PDF's layout for the tests (issue 17): nothing outside the page, no text on top
of other text, a page number on every page, and pictures of the pages.

pdfium (pypdfium2) reads the PDF as a viewer does: its text rectangles are the boxes of the runs
of text as drawn, so two of them that overlap are text written over text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


@dataclass(frozen=True)
class Run:
    page: int
    box: Box
    text: str


def text_runs(pdf: bytes) -> list[Run]:
    """Every run of text with its box, page by page (pages counted from 1)."""
    runs: list[Run] = []
    document = pdfium.PdfDocument(pdf)
    for number, page in enumerate(document, start=1):
        textpage = page.get_textpage()
        for index in range(textpage.count_rects()):
            box = textpage.get_rect(index)
            text = textpage.get_text_bounded(*box).strip()
            if text:
                runs.append(Run(number, box, text))
    return runs


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


def _overlap(a: Box, b: Box) -> float:
    """The share of the smaller box that the two have in common."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return width * height / smaller


def layout_problems(
    pdf: bytes, *, page_label: str = "", every_page: Sequence[str] = (), tolerance: float = 0.5
) -> list[str]:
    """What is wrong with the PDF's layout, one line each (empty when nothing is): text outside
    the page or over other text, a page without its number or without one of the texts that
    ``every_page`` names (the title block)."""
    problems: list[str] = []
    document = pdfium.PdfDocument(pdf)
    sizes = [page.get_size() for page in document]
    runs = text_runs(pdf)
    for run in runs:
        width, height = sizes[run.page - 1]
        left, bottom, right, top = run.box
        if left < -tolerance or bottom < -tolerance or right > width + tolerance or top > height + tolerance:  # fmt: skip
            problems.append(f"page {run.page}: {run.text!r} runs outside the page ({run.box})")
    for page in range(1, len(sizes) + 1):
        on_page = [run for run in runs if run.page == page]
        for i, first in enumerate(on_page):
            for second in on_page[i + 1 :]:
                if _overlap(first.box, second.box) > 0.2:
                    problems.append(
                        f"page {page}: {first.text!r} and {second.text!r} are drawn over each other"
                    )
    label = re.escape(page_label)
    for page, text in enumerate(page_texts(pdf), start=1):
        if not re.search(rf"{label}\s*{page}\b", text):
            problems.append(f"page {page}: no page number {page}")
        problems += [f"page {page}: no {wanted!r}" for wanted in every_page if wanted not in text]
    return problems


def save_pages(pdf: bytes, folder: Path, stem: str, *, scale: float = 1.0) -> list[Path]:
    """Each page as a PNG (for a reviewer to look at, or a golden file)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, page in enumerate(pdfium.PdfDocument(pdf), start=1):
        path = folder / f"{stem}-{number}.png"
        page.render(scale=scale).to_pil().save(path)
        paths.append(path)
    return paths


def keep_pictures(pdf: bytes, stem: str) -> None:
    """With PARAAT_PDF_PICTURES=DIR, the pages as PNGs in DIR, to look at (docs/reports.md
    shows them)."""
    import os

    folder = os.environ.get("PARAAT_PDF_PICTURES")
    if folder:
        save_pages(pdf, Path(folder), stem, scale=1.5)
