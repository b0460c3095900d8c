"""Situation report (sitrep): the picture at one moment, as HTML and as a PDF to print or send."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.core.pdf import a4_report
from paraat.operations import picture
from paraat.operations.constants import PointState
from paraat.operations.models import LogEntry

STATE_NL = {
    "open": "open",
    "limited": "beperkt",
    "full": "vol",
    "closed": "dicht",
    "unknown": "geen melding",
}


@dataclass
class Sitrep:
    view: picture.Picture
    highlights: list[LogEntry]

    @property
    def incident(self) -> Any:
        return self.view.incident


def build(incident: Any) -> Sitrep:
    return Sitrep(view=picture.build(incident), highlights=picture.highlights(incident))


def pdf(report: Sitrep) -> bytes:
    """A4 PDF with reportlab (no system libraries); exercises say so in the title and on every page."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    incident = report.incident
    exercise = "OEFENING — " if incident.is_exercise else ""
    now = timezone.localtime(report.view.now)

    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph(f"{exercise}Situatierapport: {incident.title}", styles["Title"]),
        Paragraph(
            f"Stand van {now:%d-%m-%Y %H:%M}, fase: {incident.get_phase_display()}",
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
    ]
    counts = report.view.counts()
    summary = [
        [
            "Open",
            "Beperkt",
            "Vol",
            "Dicht",
            "Geen melding",
            "Verouderd",
            "Brandstof < 12 uur",
            "Open hulpvragen",
        ]
    ]
    summary.append(
        [
            str(counts[PointState.OPEN]),
            str(counts[PointState.LIMITED]),
            str(counts[PointState.FULL]),
            str(counts[PointState.CLOSED]),
            str(counts["unknown"]),
            str(len(report.view.stale_rows)),
            str(len(report.view.fuel_low_rows)),
            str(len(report.view.open_requests)),
        ]
    )
    table = Table(summary)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, 1), "Helvetica", 12),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm), Paragraph("Punten", styles["Heading2"])]
    rows = [["Punt", "Gemeente", "Toestand", "Laatste melding", "Brandstof (uur)", "Hulpvragen"]]
    for row in report.view.rows:
        age = (
            "—"
            if row.age_minutes is None
            else f"{row.age_minutes} min{' (verouderd)' if row.stale else ''}"
        )
        fuel = "—" if row.fuel_hours is None else f"{row.fuel_hours:.1f}"
        rows.append(
            [
                f"{row.point.code} {row.point.name}"[:40],
                row.point.municipality.name,
                STATE_NL.get(row.state, row.state),
                age,
                fuel,
                str(row.open_requests),
            ]
        )
    points = Table(
        rows, repeatRows=1, colWidths=[60 * mm, 30 * mm, 22 * mm, 28 * mm, 20 * mm, 20 * mm]
    )
    points.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story.append(points)
    if report.view.open_requests:
        story.append(Paragraph("Open hulpvragen", styles["Heading2"]))
        for request in report.view.open_requests[:30]:
            where = request.point.code if request.point else "crisisteam"
            story.append(
                Paragraph(
                    f"[{request.get_priority_display()}] {where}: {request.get_kind_display()} — {request.description[:200]}",
                    styles["Normal"],
                )
            )
    if report.highlights:
        story.append(Paragraph("Uit het logboek", styles["Heading2"]))
        for entry in report.highlights:
            story.append(
                Paragraph(
                    f"{timezone.localtime(entry.created_at):%H:%M} {entry.text[:300]}",
                    styles["Normal"],
                )
            )
    return a4_report(
        story,
        title=f"{exercise}Situatierapport {incident.title}",
        footer=f"{exercise}Situatierapport {incident.title} — {now:%d-%m-%Y %H:%M}",
        page_label="pagina ",
    )
