"""Situation report (sitrep): the picture at one moment, as HTML and as a PDF to print or send.

What a sitrep says is defined once, in `content()`, in the language of the request: the page
(operations/sitrep.html) and the PDF (`pdf()`) only lay that content out. An exercise says so in
the title, and the PDF on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _

from paraat.core import when
from paraat.core.pdf import PAGE_WIDTH, TitleBlock, a4_report, fitted_table, report_styles
from paraat.geo import pdfmap, svgmap
from paraat.operations import picture
from paraat.operations.constants import PointState
from paraat.operations.models import LogEntry

DASH = "—"


@dataclass
class Sitrep:
    view: picture.Picture
    highlights: list[LogEntry]

    @property
    def incident(self) -> Any:
        return self.view.incident


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Section:
    """A heading with its lines; an empty section says "None."."""

    heading: str
    items: list[str]


@dataclass(frozen=True)
class Content:
    title: str
    as_of: str
    phase: str
    exercise: bool
    figures: list[tuple[str, int]]
    caption: str
    columns: list[Column]
    rows: list[list[str]]  # the first cell names the point (the row's header)
    sections: list[Section] = field(default_factory=list)
    map_title: str = ""
    map_shapes: list[Any] = field(default_factory=list)  # svgmap.Shape
    map_markers: list[Any] = field(default_factory=list)  # svgmap.Marker
    map_legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, text)

    def map_svg(self) -> str:
        return svgmap.render(
            self.map_shapes, markers=self.map_markers, title=self.map_title, width=640
        )

    def cells(self) -> list[list[tuple[str, bool]]]:
        """Each row's texts with whether its column is numeric (for the page's alignment)."""
        numeric = [c.numeric for c in self.columns]
        return [list(zip(row, numeric, strict=True)) for row in self.rows]


def build(incident: Any) -> Sitrep:
    return Sitrep(view=picture.build(incident), highlights=picture.highlights(incident))


def _time(value: Any) -> str:
    return when.clock(value)


def _hours(value: float) -> str:
    return formats.number_format(value, 1)


def _last_report(row: picture.PointRow) -> str:
    if row.report is None:
        return DASH
    text = _time(row.report.reported_at)
    return f"{text} ({_('stale')})" if row.stale else text


def content(report: Sitrep) -> Content:
    """Everything the sitrep says, translated, for both layouts."""
    view, incident = report.view, report.incident
    counts = view.counts()
    prefix = f"{_('EXERCISE')} — " if incident.is_exercise else ""
    rows = [
        [
            f"{row.point.code} {row.point.name}",
            row.point.municipality.name,
            str(row.report.get_state_display()) if row.report else _("no report"),
            _last_report(row),
            DASH if row.report is None or row.report.visitors is None else str(row.report.visitors),
            DASH if row.fuel_hours is None else _hours(row.fuel_hours),
            ", ".join(row.needs_labels) or DASH,
            str(row.open_requests),
        ]
        for row in view.rows
    ]
    stale = [
        f"{row.point.code} {row.point.name}: "
        + (
            _("%(minutes)s min ago") % {"minutes": row.age_minutes}
            if row.age_minutes is not None
            else _("no report yet")
        )
        for row in view.stale_rows
    ]
    requests = [
        f"[{r.get_priority_display()}] {r.point.code if r.point else _('Crisis team')}: "
        f"{r.get_kind_display()} — {r.description}"
        for r in view.open_requests
    ]
    shapes, markers = picture.map_layers(view)
    return Content(
        map_title=_("Points of %(title)s by state") % {"title": incident.title},
        map_shapes=shapes,
        map_markers=markers,
        map_legend=picture.map_legend(),
        title=f"{prefix}{_('Situation report')}: {incident.title}",
        as_of=when.date_time(view.now),
        phase=str(incident.get_phase_display()),
        exercise=incident.is_exercise,
        figures=[
            (_("Open"), counts[PointState.OPEN]),
            (_("Limited"), counts[PointState.LIMITED]),
            (_("Full"), counts[PointState.FULL]),
            (_("Closed"), counts[PointState.CLOSED]),
            (_("No report"), counts[picture.NO_REPORT]),
            (_("Stale reports"), len(view.stale_rows)),
            (_("Fuel below 12 hours"), len(view.fuel_low_rows)),
            (_("Open help requests"), len(view.open_requests)),
        ],
        caption=_("Every activated point at the time of this report"),
        columns=[
            Column(_("Point")),
            Column(_("Municipality")),
            Column(_("State")),
            Column(_("Last report")),
            Column(_("Visitors"), numeric=True),
            Column(_("Fuel hours"), numeric=True),
            Column(_("Needs")),
            Column(_("Requests"), numeric=True),
        ],
        rows=rows,
        sections=[
            Section(
                _("Fuel running out within 12 hours"),
                [
                    f"{row.point.code} {row.point.name}: {_hours(row.fuel_hours or 0)} {_('hours')}"
                    for row in view.fuel_low_rows
                ],
            ),
            Section(_("Stale reports"), stale),
            Section(_("Open help requests"), requests),
            Section(
                _("Logbook highlights"),
                [f"{_time(entry.created_at)} {entry.shown_text}" for entry in report.highlights],
            ),
        ],
    )


def pdf(report: Sitrep) -> bytes:
    """The same content on A4 with reportlab (no system libraries)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    doc = content(report)
    styles = report_styles()
    small = styles["Normal"].clone("small", fontSize=7.5, leading=9)
    head = styles["Normal"].clone("head", fontName="Helvetica-Bold", fontSize=7.5, leading=9)

    def cell(text: str, style: Any = small) -> Any:
        return Paragraph(escape(text), style)

    story: list[Any] = [
        Paragraph(escape(doc.title), styles["Title"]),
        Paragraph(
            escape(f"{_('As of')} {doc.as_of} · {_('phase')}: {doc.phase}"), styles["Normal"]
        ),
        Spacer(1, 4 * mm),
    ]
    figures = Table(
        [[cell(label, head) for label, _n in doc.figures], [str(n) for _l, n in doc.figures]],
        colWidths=[22.5 * mm] * len(doc.figures),
    )
    figures.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, 1), "Helvetica", 12),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [figures, Spacer(1, 5 * mm)]
    if doc.map_markers:
        picture_map = pdfmap.drawing(
            doc.map_shapes, doc.map_markers, width=PAGE_WIDTH, max_height=110 * mm
        )
        legend = Table(
            [[swatch, cell(text)] for swatch, text in pdfmap.legend_rows(doc.map_legend)],
            colWidths=[6 * mm, 60 * mm],
            hAlign="LEFT",
        )
        story.append(
            KeepTogether(
                [Paragraph(escape(doc.map_title), styles["Heading2"]), picture_map, legend]
            )
        )
    story.append(Paragraph(escape(_("Points")), styles["Heading2"]))
    table = fitted_table(
        [[c.label for c in doc.columns], *doc.rows],
        numeric=[c.numeric for c in doc.columns],
        size=7.5,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    for section in doc.sections:
        story.append(Paragraph(escape(section.heading), styles["Heading2"]))
        for item in section.items or [_("None.")]:
            story.append(Paragraph(escape(item), styles["Normal"]))
    footer = f"{doc.title} — {doc.as_of}"
    block = TitleBlock(
        region=report.incident.region.name,
        moment=doc.as_of,
        sources=_(
            "Data: the status reports, help requests and logbook of this incident in Paraat."
        ),
        exercise_word=_("EXERCISE") if doc.exercise else "",
    )
    return a4_report(story, title=doc.title, footer=footer, page_label=_("page") + " ", block=block)
