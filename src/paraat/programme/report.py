"""The council report (raadsinformatiebericht) and the board's report, drafted from the data.

A draft is plain text in five sections plus a table of figures. The officer edits the sections on
a page before she downloads it; the figures table is always read fresh from Paraat, with dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paraat.areas.models import Municipality
from paraat.planning.constants import DEFAULT_THRESHOLD_M
from paraat.programme.constants import ActivityStatus
from paraat.programme.overview import Programme, Row, date_text, number_text

SECTIONS = (
    ("subject", gettext_lazy("Subject")),
    ("reason", gettext_lazy("Reason")),
    ("programme", gettext_lazy("Regional programme")),
    ("local", gettext_lazy("Local state of affairs")),
    ("outlook", gettext_lazy("Outlook")),
)


@dataclass(frozen=True)
class Draft:
    title: str
    texts: dict[str, str]
    table_caption: str
    header: list[str]
    rows: list[list[str]]
    footer: str
    region: str = ""  # for the title block of the PDF
    moment: str = ""

    def sections(self) -> list[tuple[str, str, str]]:
        return [(key, str(heading), self.texts.get(key, "")) for key, heading in SECTIONS]

    def edited(self, data: Mapping[str, Any]) -> Draft:
        """The draft with the officer's own wording of the sections (the figures stay Paraat's)."""
        texts = dict(self.texts)
        for key, _heading in SECTIONS:
            if key in data:
                texts[key] = str(data[key]).replace("\r\n", "\n").strip()
        if data.get("title"):
            return replace(self, texts=texts, title=str(data["title"]).strip())
        return replace(self, texts=texts)


def _lines_text(programme: Programme) -> str:
    lines = "\n".join(f"{line.number}. {line.title}" for line in programme.lines)
    return (
        _("The municipalities of %(region)s work together with the safety region along %(n)s programme lines:")
        % {"region": programme.region.name, "n": len(programme.lines)}
        + "\n" + lines + "\n"
        + _("Each municipality decides which initiatives fit its own situation and sets its own ambition and pace.")
    )  # fmt: skip


def _figures_text(programme: Programme, municipality: Municipality | None) -> str:
    measures = programme.measures
    values = {
        "points": measures.points(municipality),
        "exercises": measures.exercises(municipality),
        "date": date_text(programme.today),
        "year": programme.today.year,
    }
    parts = [
        _("The registry holds %(points)s designated or prepared support points (as of %(date)s).")
        % values,
        _("%(exercises)s exercises have been held in %(year)s (as of %(date)s).") % values,
    ]
    share, as_of = measures.coverage(municipality, DEFAULT_THRESHOLD_M)
    if share is not None:
        parts.append(
            _("According to the coverage run of %(date)s, %(share)s%% of residents live within %(distance)s m of a support point.")
            % {"date": date_text(as_of), "share": number_text(share * 100), "distance": number_text(DEFAULT_THRESHOLD_M)}
        )  # fmt: skip
    return " ".join(parts)


def _local_text(programme: Programme, row: Row) -> str:
    paragraphs = [_figures_text(programme, row.municipality)]
    for cell in row.cells:
        a = cell.ambition
        head = f"{cell.line.number}. {cell.line.title}: "
        if a is None:
            paragraphs.append(head + _("no ambition set yet."))
            continue
        text = _("ambition %(level)s") % {"level": a.get_level_display().lower()}
        if a.target_date:
            text += ", " + _("target date %(date)s") % {"date": date_text(a.target_date)}
        if a.decision_body:
            text += ", " + _("decided by the %(body)s on %(date)s") % {
                "body": a.get_decision_body_display(),
                "date": date_text(a.decision_date),
            }
        text += ". " + _("%(n)s activities, %(done)s done.") % {
            "n": cell.progress.activities,
            "done": cell.progress.done,
        }
        indicators = [r.text for r in cell.activities if r.text]
        if indicators:
            text += " " + "; ".join(indicators) + "."
        paragraphs.append(head + text)
    return "\n".join(paragraphs)


def _outlook_text(programme: Programme, row: Row) -> str:
    items = []
    for cell in row.cells:
        for r in cell.activities:
            a = r.activity
            if a.status in (ActivityStatus.PLANNED, ActivityStatus.RUNNING, ActivityStatus.IDEA):
                when = _("until %(date)s") % {"date": date_text(a.end_date)} if a.end_date else ""
                items.append(
                    f"- {a.title} ({a.get_status_display().lower()}{', ' + when if when else ''})"
                )
    if not items:
        return _("No activities are planned yet.")
    return _("Planned and running activities:") + "\n" + "\n".join(items)


def _table(row: Row) -> tuple[list[str], list[list[str]]]:
    header = [str(_("Line")), str(_("Ambition")), str(_("Progress")), str(_("Indicators"))]
    rows = []
    for cell in row.cells:
        rows.append(
            [
                f"{cell.line.number}. {cell.line.title}",
                cell.ambition.get_level_display() if cell.ambition else "–",
                f"{cell.percent}% ({cell.band_label.lower()})"
                if cell.percent is not None
                else cell.band_label,
                "; ".join(r.text for r in cell.activities if r.text) or "–",
            ]
        )
    return header, rows


def municipality_draft(programme: Programme, municipality: Municipality) -> Draft:
    row = programme.row(municipality)
    values = {"municipality": municipality.name, "date": date_text(programme.today)}
    header, rows = _table(row)
    return Draft(
        region=programme.region.name,
        moment=date_text(programme.today),
        title=_("Council information letter: resilience programme, %(municipality)s") % values,
        texts={
            "subject": _(
                "Progress of the regional resilience programme in %(municipality)s, as of %(date)s."
            )
            % values,
            "reason": _(
                "The council is informed periodically of the progress of the regional programme. This letter gives the state of affairs on %(date)s; the figures come from Paraat."
            )
            % values,
            "programme": _lines_text(programme),
            "local": _local_text(programme, row),
            "outlook": _outlook_text(programme, row),
        },  # fmt: skip
        table_caption=_("Figures per programme line, as of %(date)s") % values,
        header=header,
        rows=rows,
        footer=f"{municipality.name} · {values['date']}",
    )


def region_draft(programme: Programme) -> Draft:
    values = {"region": programme.region.name, "date": date_text(programme.today)}
    header = [str(_("Municipality"))] + [f"{line.number}" for line in programme.lines]
    rows = [
        [row.municipality.name if row.municipality else ""] + [c.summary for c in row.cells]
        for row in programme.matrix()
    ]
    local = [_figures_text(programme, None)]
    for row in programme.matrix():
        set_lines = sum(1 for c in row.cells if c.ambition)
        assert row.municipality is not None
        local.append(
            _("%(municipality)s: ambition set on %(set)s of %(n)s lines, %(activities)s activities, %(done)s done.")
            % {"municipality": row.municipality.name, "set": set_lines, "n": len(row.cells),
               "activities": sum(c.progress.activities for c in row.cells),
               "done": sum(c.progress.done for c in row.cells)}
        )  # fmt: skip
    region_row = programme.row(None)
    return Draft(
        region=programme.region.name,
        moment=date_text(programme.today),
        title=_("Progress report for the general board: resilience programme %(region)s") % values,
        texts={
            "subject": _("Progress of the regional resilience programme, as of %(date)s.") % values,
            "reason": _(
                "The general board is informed periodically of the progress of the programme in all municipalities. The figures come from Paraat."
            )
            % values,
            "programme": _lines_text(programme),
            "local": "\n".join(local),
            "outlook": _outlook_text(programme, region_row),
        },  # fmt: skip
        table_caption=_("Ambition and progress per municipality and line, as of %(date)s") % values,
        header=header,
        rows=rows,
        footer=f"{programme.region.name} · {values['date']}",
    )
