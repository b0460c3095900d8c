"""Small PDF, DOCX and PPTX files made on the spot, for the demo and the tests (no files shipped)."""

from __future__ import annotations

import io
from collections.abc import Sequence


def pdf(title: str, paragraphs: Sequence[str]) -> bytes:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from paraat.core.pdf import a4_report

    styles = getSampleStyleSheet()
    story = [
        Paragraph(title, styles["Title"]),
        *(Paragraph(p, styles["BodyText"]) for p in paragraphs),
    ]
    return a4_report(story, title=title, footer=title)


def docx(title: str, paragraphs: Sequence[str]) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx(title: str, lines: Sequence[str]) -> bytes:
    import pptx as python_pptx

    presentation = python_pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = title
    slide.placeholders[1].text_frame.text = "\n".join(lines)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
