"""The A4 report layout every Paraat PDF report shares (sitrep, planning report)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any


def a4_report(story: Sequence[Any], *, title: str, footer: str, page_label: str = "") -> bytes:
    """Lay ``story`` (reportlab flowables) out on A4 with 15 mm margins and ``footer`` plus the
    page number (after ``page_label``) at the foot of every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    def foot(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(15 * mm, 10 * mm, f"{footer} — {page_label}{doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title,
        lang="nl",
    )
    doc.build(list(story), onFirstPage=foot, onLaterPages=foot)
    return buffer.getvalue()
