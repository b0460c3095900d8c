"""What Paraat measures for the programme, read when shown (never stored, so never stale).

One owner per fact: the registry counts the points, the latest coverage run holds the coverage,
operations holds the exercises (the calendar adds those not played in operations). This module
only asks them, once per region per page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils import timezone

from paraat.areas.models import Municipality, Region
from paraat.operations.models import Incident
from paraat.planning.constants import DEFAULT_THRESHOLD_M
from paraat.planning.models import CoverageRun
from paraat.programme.constants import IndicatorKind
from paraat.programme.models import Activity, TrainingEvent
from paraat.programme.progress import Reading
from paraat.supportpoints.models import SupportPoint


class Measures:
    """The region's measured figures, each read at most once."""

    def __init__(self, region: Region, today: dt.date | None = None) -> None:
        self.region = region
        self.today = today or timezone.localdate()
        self._points: Counter[int | None] | None = None
        self._exercises: Counter[int | None] | None = None
        self._runs: dict[float, CoverageRun | None] = {}

    # --- The registry -------------------------------------------------------------------------
    def points(self, municipality: Municipality | None) -> int:
        if self._points is None:
            rows = (
                SupportPoint.objects.in_region(self.region)
                .active()
                .values("municipality")
                .annotate(n=Count("pk"))
            )
            self._points = Counter({row["municipality"]: row["n"] for row in rows})
        if municipality is None:
            return sum(self._points.values())
        return self._points.get(municipality.pk, 0)

    # --- Operations ---------------------------------------------------------------------------
    def exercises(self, municipality: Municipality | None) -> int:
        if self._exercises is None:
            incidents = (
                Incident.objects.in_region(self.region)
                .exercises()
                .filter(started_at__year=self.today.year)
                .prefetch_related("municipalities")
            )
            counter: Counter[int | None] = Counter()
            for incident in incidents:
                counter[None] += 1
                for m in incident.municipalities.all():
                    counter[m.pk] += 1
            # Exercises on the calendar that were not played in operations count as well; one
            # linked to an incident is that incident, counted above.
            calendar = (
                TrainingEvent.objects.in_region(self.region)
                .exercises()
                .filter(incident__isnull=True, starts_at__year=self.today.year)
                .values_list("municipality", flat=True)
            )
            for municipality_id in calendar:
                counter[None] += 1
                if municipality_id is not None:
                    counter[municipality_id] += 1
            self._exercises = counter
        return self._exercises.get(None if municipality is None else municipality.pk, 0)

    # --- Planning -----------------------------------------------------------------------------
    def coverage_run(self, threshold_m: float) -> CoverageRun | None:
        """The latest region-wide coverage run at this distance (what-ifs do not count)."""
        if threshold_m not in self._runs:
            self._runs[threshold_m] = (
                CoverageRun.objects.in_region(self.region)
                .filter(municipality__isnull=True, threshold_m=threshold_m, closed=[], added=[])
                .order_by("-created_at", "-pk")
                .first()
            )
        return self._runs[threshold_m]

    def coverage(
        self, municipality: Municipality | None, threshold_m: float
    ) -> tuple[float | None, dt.date | None]:
        """The share of residents within reach (0..1), and the run's date."""
        run = self.coverage_run(threshold_m)
        if run is None:
            return None, None
        as_of = timezone.localtime(run.created_at).date()
        figures: dict[str, Any] = run.figures or {}
        if municipality is None:
            return figures.get("share"), as_of
        for row in figures.get("municipalities", []):
            if row.get("code") == municipality.code:
                return row.get("share"), as_of
        return None, as_of

    # --- One activity -------------------------------------------------------------------------
    def reading(self, activity: Activity) -> Reading | None:
        kind = activity.indicator_kind
        where = activity.municipality
        if kind == IndicatorKind.STATED:
            return Reading(activity.stated_value, activity.target, activity.stated_on, False)
        if kind == IndicatorKind.SUPPORT_POINTS:
            return Reading(float(self.points(where)), activity.target, self.today, True)
        if kind == IndicatorKind.EXERCISES:
            return Reading(float(self.exercises(where)), activity.target, self.today, True)
        if kind == IndicatorKind.COVERAGE:
            share, as_of = self.coverage(where, activity.threshold_m or DEFAULT_THRESHOLD_M)
            value = None if share is None else round(share * 100, 1)
            return Reading(value, activity.target, as_of, True)
        return None
