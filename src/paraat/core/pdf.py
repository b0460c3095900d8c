"""The A4 report layout every Paraat PDF report shares (sitrep, planning report)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

MM = 72 / 25.4  # points per millimetre
# A4 portrait less the 15 mm margins of ``a4_report``: the width a table or a map may take.
PAGE_WIDTH = (210 - 30) * MM


def report_styles() -> Any:
    """reportlab's sample styles, with headings that stay with what follows them."""
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    for name in ("Heading1", "Heading2", "Heading3"):
        styles[name].keepWithNext = 1
    return styles


@dataclass(frozen=True)
class TitleBlock:
    """What heads every page of a report: whose it is, of when, from which data, and whether it
    is an exercise (then "OEFENING", or "EXERCISE", stands on every page in red)."""

    region: str
    moment: str  # already formatted for the reader (core.when)
    sources: str = ""
    exercise_word: str = ""  # the word for an exercise in the report's language; "" when real


def a4_report(
    story: Sequence[Any],
    *,
    title: str,
    footer: str,
    page_label: str = "",
    block: TitleBlock | None = None,
) -> bytes:
    """Lay ``story`` (reportlab flowables) out on A4 with 15 mm margins, the title ``block`` at
    the head of every page, and ``footer`` with the data sources and the page number (after
    ``page_label``) at the foot of every page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    width, height = A4

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(15 * mm, 10 * mm, f"{footer} — {page_label}{doc.page}")
        if block is not None:
            top = height - 10 * mm
            canvas.setFont("Helvetica-Bold", 8)
            canvas.drawString(15 * mm, top, f"Paraat · {block.region}")
            canvas.setFont("Helvetica", 8)
            canvas.drawRightString(width - 15 * mm, top, block.moment)
            if block.exercise_word:
                canvas.setFillColor(colors.HexColor("#a40e26"))
                canvas.setFont("Helvetica-Bold", 10)
                canvas.drawCentredString(width / 2, top, block.exercise_word)
                canvas.setFillColor(colors.black)
            canvas.setStrokeColor(colors.HexColor("#154273"))
            canvas.setLineWidth(0.6)
            canvas.line(15 * mm, top - 2 * mm, width - 15 * mm, top - 2 * mm)
            if block.sources:
                canvas.setFont("Helvetica", 7)
                canvas.drawString(15 * mm, 6 * mm, block.sources)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=(20 if block is not None else 15) * mm,
        bottomMargin=18 * mm,
        title=title,
        lang="nl",
    )
    doc.build(list(story), onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def fitted_table(
    data: Sequence[Sequence[Any]],
    *,
    width: float = PAGE_WIDTH,
    numeric: Sequence[bool] = (),
    size: float = 7.0,
) -> Any:
    """A table that fits ``width``: every cell a paragraph that wraps, the header row repeated on
    each page, the columns as wide as their longest word needs and the rest shared by how much
    text each holds; ``numeric`` columns align right."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table

    columns = max((len(row) for row in data), default=0)
    right = [bool(numeric[i]) if i < len(numeric) else False for i in range(columns)]
    body = ParagraphStyle("cell", fontName="Helvetica", fontSize=size, leading=size * 1.2)
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold")
    pad = 13.0  # reportlab's default cell padding (6 points each side), and a point to spare
    least = [0.0] * columns  # the longest word: a column is never narrower
    want = [0.0] * columns  # the longest whole cell
    for n, row in enumerate(data):
        font = "Helvetica-Bold" if n == 0 else "Helvetica"
        for i, value in enumerate(row):
            text = str(value)
            words = text.split() or [""]
            least[i] = max(least[i], max(stringWidth(w, font, size) for w in words) + pad)
            want[i] = max(want[i], stringWidth(text, font, size) + pad)
    widths = list(want)
    if sum(want) > width:
        spare = max(0.0, width - sum(least))
        extra = [w - m for w, m in zip(want, least, strict=True)]
        share = sum(extra) or 1.0
        widths = [m + spare * e / share for m, e in zip(least, extra, strict=True)]
        if sum(widths) > width:  # even the longest words do not fit: shrink in proportion
            widths = [w * width / sum(widths) for w in widths]
    styles = {
        (is_head, is_right): ParagraphStyle(
            f"cell-{is_head}-{is_right}",
            parent=head if is_head else body,
            alignment=TA_RIGHT if is_right else TA_LEFT,
        )
        for is_head in (True, False)
        for is_right in (True, False)
    }
    cells = [
        [Paragraph(escape(str(value)), styles[n == 0, right[i]]) for i, value in enumerate(row)]
        for n, row in enumerate(data)
    ]
    return Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
