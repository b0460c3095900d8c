"""A draft as a Word file (what municipalities edit further) and as an A4 PDF."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from paraat.core.pdf import TitleBlock, a4_report
from paraat.programme.report import Draft


def to_docx(draft: Draft) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = draft.title
    document.core_properties.language = "nl-NL"
    document.add_heading(draft.title, level=1)
    for _key, heading, text in draft.sections():
        document.add_heading(heading, level=2)
        for paragraph in text.split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph)
    document.add_heading(draft.table_caption, level=2)
    table = document.add_table(rows=1, cols=len(draft.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, draft.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in draft.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    document.add_paragraph(draft.footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(draft: Draft) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story: list = [Paragraph(escape(draft.title), styles["Title"])]
    for _key, heading, text in draft.sections():
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        for paragraph in text.split("\n"):
            if paragraph.strip():
                story.append(Paragraph(escape(paragraph), styles["BodyText"]))
    story += [Spacer(1, 4 * mm), Paragraph(escape(draft.table_caption), styles["Heading2"])]
    width = A4[0] - 30 * mm
    first = width * (0.22 if len(draft.header) > 4 else 0.3)
    rest = (width - first) / (len(draft.header) - 1)
    data = [[Paragraph(f"<b>{escape(h)}</b>", small) for h in draft.header]]
    data += [[Paragraph(escape(v), small) for v in row] for row in draft.rows]
    table = Table(data, colWidths=[first] + [rest] * (len(draft.header) - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    block = TitleBlock(
        region=draft.region,
        moment=draft.moment,
        sources=_(
            "Data: the region's registry, programme and exercises in Paraat; CBS (CC BY 4.0)."
        ),
    )
    return a4_report(
        story,
        title=draft.title,
        footer=draft.footer,
        page_label=_("page") + " ",
        block=block if draft.region else None,
    )
