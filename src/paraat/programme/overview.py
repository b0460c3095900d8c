"""The matrix and the municipality page as plain rows: one reading of the region's data, shared
by the pages, the reports and `paraat programme status`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality, Region
from paraat.core import when
from paraat.programme import progress
from paraat.programme.constants import IndicatorKind, ProgressBand
from paraat.programme.measures import Measures
from paraat.programme.models import Activity, Ambition, AmbitionLevel, ProgrammeLine


@dataclass
class ActivityRow:
    activity: Activity
    reading: progress.Reading | None
    text: str


@dataclass
class Cell:
    line: ProgrammeLine
    ambition: Ambition | None
    progress: progress.CellProgress
    activities: list[ActivityRow] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return progress.percent(self.progress.fraction)

    @property
    def band_label(self) -> str:
        return str(ProgressBand(self.progress.band).label)

    @property
    def summary(self) -> str:
        """The cell in words: ambition, progress and what it rests on."""
        level = self.ambition.get_level_display() if self.ambition else _("no ambition")
        if self.percent is None:
            return f"{level}: {self.band_label.lower()}"
        return f"{level}: {self.percent}% ({self.band_label.lower()})"


@dataclass
class Row:
    municipality: Municipality | None
    cells: list[Cell]

    @property
    def activities(self) -> list[tuple[ProgrammeLine, ActivityRow]]:
        return [(cell.line, r) for cell in self.cells for r in cell.activities]


def date_text(day: dt.date | None) -> str:
    return when.date(day) if day else _("no date")


def number_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else formats.number_format(value, 1)


def indicator_text(activity: Activity, reading: progress.Reading | None) -> str:
    """E.g. '3 of 5 support points set up (registry, 2 December 2026)'."""
    if reading is None:
        return ""
    values = {
        "value": number_text(reading.value),
        "target": number_text(reading.target),
        "date": date_text(reading.as_of),
        "label": activity.indicator_label,
    }
    kind = activity.indicator_kind
    if kind == IndicatorKind.SUPPORT_POINTS:
        return _("%(value)s of %(target)s support points set up (registry, %(date)s)") % values
    if kind == IndicatorKind.EXERCISES:
        return _("%(value)s of %(target)s exercises this year (operations, %(date)s)") % values
    if kind == IndicatorKind.COVERAGE:
        if reading.value is None:
            return _("No coverage run yet at this distance (target %(target)s%%)") % values
        values["distance"] = number_text(activity.threshold_m)
        return (
            _("%(value)s%% of residents within %(distance)s m, target %(target)s%% (coverage run of %(date)s)")
            % values
        )  # fmt: skip
    if reading.value is None:
        return _("%(label)s: not stated yet (target %(target)s)") % values
    return _("%(label)s: %(value)s of %(target)s (stated on %(date)s)") % values


class Programme:
    """The region's programme as read now: lines, levels, ambitions and activities."""

    def __init__(self, region: Region, today: dt.date | None = None) -> None:
        self.region = region
        self.measures = Measures(region, today)
        self.today = self.measures.today
        self.lines = list(ProgrammeLine.objects.in_region(region))
        self.levels = {
            lv.level: lv for lv in AmbitionLevel.objects.filter(region=region).order_by("pk")
        }
        self.municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
        ambitions = Ambition.objects.in_region(region).select_related("accounthouder")
        self.ambitions = {(a.municipality_id, a.line_id): a for a in ambitions}
        self.activities: dict[tuple[int | None, int], list[ActivityRow]] = defaultdict(list)
        for activity in Activity.objects.in_region(region).select_related("line", "municipality"):
            reading = self.measures.reading(activity)
            self.activities[(activity.municipality_id, activity.line_id)].append(
                ActivityRow(activity, reading, indicator_text(activity, reading))
            )

    def cell(self, municipality: Municipality | None, line: ProgrammeLine) -> Cell:
        key = (municipality.pk if municipality else None, line.pk)
        ambition = self.ambitions.get(key) if municipality else None  # type: ignore[arg-type]
        rows = self.activities.get(key, [])
        states = [progress.ActivityState(r.activity.status, r.reading) for r in rows]
        has_ambition = ambition is not None or municipality is None
        return Cell(line, ambition, progress.cell_progress(has_ambition, states), rows)

    def row(self, municipality: Municipality | None) -> Row:
        return Row(municipality, [self.cell(municipality, line) for line in self.lines])

    def matrix(self) -> list[Row]:
        return [self.row(m) for m in self.municipalities]

    def as_dict(self) -> dict[str, Any]:
        """The document `paraat programme status --json` prints."""

        def cell_dict(cell: Cell) -> dict[str, Any]:
            a = cell.ambition
            return {
                "line": cell.line.number,
                "ambition": a.level if a else None,
                "target_date": a.target_date.isoformat() if a and a.target_date else None,
                "accounthouder": a.accounthouder_label if a else None,
                "progress": cell.percent,
                "band": cell.progress.band,
                "activities": cell.progress.activities,
                "done": cell.progress.done,
                "indicators": [
                    {
                        "activity": r.activity.pk,
                        "kind": r.activity.indicator_kind,
                        "value": r.reading.value if r.reading else None,
                        "target": r.reading.target if r.reading else None,
                        "as_of": r.reading.as_of.isoformat()
                        if r.reading and r.reading.as_of
                        else None,
                        "measured": r.reading.measured if r.reading else None,
                    }
                    for r in cell.activities
                    if r.reading is not None
                ],
            }

        return {
            "region": self.region.code,
            "date": self.today.isoformat(),
            "lines": [{"number": ln.number, "title": ln.title} for ln in self.lines],
            "municipalities": [
                {
                    "code": row.municipality.code if row.municipality else None,
                    "name": row.municipality.name if row.municipality else None,
                    "cells": [cell_dict(c) for c in row.cells],
                }
                for row in self.matrix()
            ],
            "region_wide": [cell_dict(c) for c in self.row(None).cells],
        }
