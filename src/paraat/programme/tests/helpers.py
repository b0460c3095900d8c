"""A small programme for the cast: five lines, Oss's ambitions, measured and stated activities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from paraat.operations.constants import IncidentKind
from paraat.operations.models import Incident
from paraat.planning.models import CoverageRun
from paraat.programme import services
from paraat.programme.constants import ActivityStatus, IndicatorKind, Level, LineTemplate
from paraat.programme.models import Activity, ProgrammeLine
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.personas import Cast


@dataclass
class Scene:
    cast: Cast
    lines: list[ProgrammeLine]
    points: Activity
    coverage: Activity
    exercises: Activity
    stated: Activity
    vught: Activity


def make_programme(cast: Cast) -> Scene:
    lines = services.start_programme(region=cast.region, template=LineTemplate.FIVE_LINES)
    services.set_ambition(municipality=cast.oss, line=lines[2], data={
        "level": Level.EXTENDED, "target_date": dt.date(2027, 12, 31),
        "accounthouder": cast.olaf, "decision_date": dt.date(2026, 3, 1), "decision_body": "council",
    })  # fmt: skip
    for _ in range(3):
        SupportPointFactory(region=cast.region)
    CoverageRun.objects.create(
        region=cast.region, threshold_m=1000, area_kind="pc4",
        figures={"share": 0.5, "municipalities": [{"code": "GM0828", "share": 0.625}]},
    )  # fmt: skip
    exercise = Incident.objects.create(
        region=cast.region, title="Oefening", kind=IncidentKind.POWER_OUTAGE, is_exercise=True,
        started_at=timezone.now(),
    )  # fmt: skip
    exercise.municipalities.add(cast.oss)

    def activity(title: str, kind: str, target: float | None, **extra: object) -> Activity:
        data = {"municipality": cast.oss, "line": lines[2], "title": title, "owner": "Olaf",
                "status": ActivityStatus.RUNNING, "indicator_kind": kind, "target": target, **extra}  # fmt: skip
        return services.save_activity(region=cast.region, data=data)

    return Scene(
        cast=cast,
        lines=lines,
        points=activity("Punten inrichten", IndicatorKind.SUPPORT_POINTS, 4),
        coverage=activity("Dekking", IndicatorKind.COVERAGE, 80, threshold_m=1000),
        exercises=activity("Oefenen", IndicatorKind.EXERCISES, 2),
        stated=activity(
            "Buurtgesprekken",
            IndicatorKind.STATED,
            6,
            indicator_label="buurtgesprekken",
            stated_value=3,
            stated_on=dt.date(2026, 11, 1),
        ),  # fmt: skip
        vught=services.save_activity(
            region=cast.region,
            data={
                "municipality": cast.vught,
                "line": lines[0],
                "title": "Vught buurt",
                "owner": "Vera",
            },
        ),  # fmt: skip
    )
