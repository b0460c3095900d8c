"""Every PDF report carries its footer and page number on every page."""

from __future__ import annotations

import pypdfium2 as pdfium
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from paraat.core.pdf import a4_report


def test_it_puts_the_footer_and_page_number_on_every_page() -> None:
    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph(f"Regel {n}", style) for n in range(150)]
    data = a4_report(story, title="Test", footer="OEFENING — Situatierapport", page_label="pagina ")
    document = pdfium.PdfDocument(data)
    assert len(document) >= 2
    for number, page in enumerate(document, start=1):
        text = page.get_textpage().get_text_range()
        assert f"OEFENING — Situatierapport — pagina {number}" in text
