"""Demo programme for Brabant-Noord: the five lines, an ambition per municipality and line, and
activities. Every activity is an invented example (marked so on every page and in every report);
the measured indicators read the demo registry, coverage run and exercises like real ones do."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone, translation

from paraat.accounts.constants import Role
from paraat.areas.demo import REGION_CODE
from paraat.areas.models import Municipality, Region
from paraat.operations.models import Incident
from paraat.programme import services
from paraat.programme.constants import (
    ActivityStatus,
    DecisionBody,
    IndicatorKind,
    Level,
    LineTemplate,
    TrainingKind,
)
from paraat.programme.models import Activity, CriticalProcess, TrainingEvent
from paraat.supportpoints.models import SupportPoint

# (line number, title, indicator kind, target, stated label)
EXAMPLES = [
    (1, "Buurtgesprekken over voorbereid zijn", IndicatorKind.STATED, 6, "buurtgesprekken gehouden"),
    (2, "Denk Vooruit-markt in het gemeentehuis", IndicatorKind.NONE, None, ""),
    (3, "Noodsteunpunten inrichten", IndicatorKind.SUPPORT_POINTS, 4, ""),
    (3, "Dekking van noodsteunpunten binnen loopafstand", IndicatorKind.COVERAGE, 80, ""),
    (3, "Oefenen met de crisisorganisatie", IndicatorKind.EXERCISES, 2, ""),
    (4, "Continuïteitsafspraken met supermarkten", IndicatorKind.STATED, 3, "afspraken gemaakt"),
]  # fmt: skip
REGION_WIDE = [
    (5, "Kennissessie weerbaarheid voor gemeentelijke adviseurs", IndicatorKind.STATED, 2, "kennissessies gehouden"),
    (2, "Regionale campagne handelingsperspectieven", IndicatorKind.NONE, None, ""),
]  # fmt: skip


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        return []
    done = _continuity(region) + _calendar(region)
    if Activity.objects.in_region(region).exists():
        return ["programma al aanwezig", *done]
    rng = random.Random(14)  # noqa: S311 - invented demo data, seeded
    today = timezone.localdate()
    with translation.override("nl"):
        lines = services.start_programme(region=region, template=LineTemplate.FIVE_LINES)
        by_number = {line.number: line for line in lines}
        municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
        for m in municipalities:
            for line in lines:
                services.set_ambition(municipality=m, line=line, data={
                    "level": rng.choice(Level.values),
                    "target_date": dt.date(today.year + rng.randint(1, 2), 12, 31),
                    "accounthouder_name": f"Verzonnen accounthouder {m.name}",
                    "decision_date": dt.date(today.year, rng.randint(1, 10), 15),
                    "decision_body": rng.choice(DecisionBody.values),
                })  # fmt: skip
            for number, title, kind, target, label in EXAMPLES:
                _example(region, m, by_number[number], title, kind, target, label, rng, today)
        for number, title, kind, target, label in REGION_WIDE:
            _example(region, None, by_number[number], title, kind, target, label, rng, today)
    count = Activity.objects.in_region(region).count()
    return [
        f"programma: {len(lines)} lijnen, ambities voor {len(municipalities)} gemeenten, "
        f"{count} verzonnen voorbeeldactiviteiten",
        *done,
    ]


# (process, max downtime h, dependencies, fallback, fallback autonomy h); all invented.
PROCESSES = [
    ("Burgerzaken: paspoorten en aktes", 72, ["power", "internet", "systems", "staff"],
     "Noodloket met papieren formulieren en een aggregaat in het gemeentehuis", 48),
    ("Uitkeringen uitbetalen", 120, ["power", "internet", "payments", "systems"],
     "Voorschotten in contanten via de noodkas", 72),
    ("Crisiscommunicatie", 2, ["power", "telecom", "internet", "staff"],
     "Satelliettelefoon, noodstroom op het crisiscentrum en lopers naar de noodsteunpunten", 24),
    ("Begraven", 168, ["staff"], "", None),
]  # fmt: skip


def _continuity(region: Region) -> list[str]:
    """A continuity register for one demo municipality (Oss), every process invented."""
    place = Municipality.objects.filter(region=region, code="GM0828").first()
    if place is None or CriticalProcess.objects.of_municipality(place).exists():
        return []
    for name, hours, deps, fallback, autonomy in PROCESSES:
        services.save_process(region=region, data={
            "municipality": place, "name": f"{name} (verzonnen voorbeeld)",
            "max_downtime_h": hours, "dependencies": deps, "fallback": fallback,
            "fallback_autonomy_h": autonomy, "owner": "Verzonnen afdelingshoofd",
            "is_example": True,
        })  # fmt: skip
    return [f"continuïteitsregister: {len(PROCESSES)} verzonnen processen voor {place.name}"]


# (days from today, kind, title, roles, participants, region-wide); all invented.
CALENDAR = [
    (-200, TrainingKind.TRAINING, "Training openen van een noodsteunpunt", [Role.POINT_LEAD], 12, False),
    (-90, TrainingKind.EXERCISE, "Oefening stroomuitval met de crisisorganisatie",
     [Role.MUNICIPAL_OFFICER, Role.CRISIS_OPERATOR, Role.POINT_LEAD], 25, False),
    (-30, TrainingKind.TRAINING, "Training statusmelding via de portofoon", [Role.POINT_LEAD, Role.CRISIS_OPERATOR], 8, True),
    (45, TrainingKind.EXERCISE, "Regionale oefening langdurige stroomuitval",
     [Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER, Role.CRISIS_OPERATOR, Role.POINT_LEAD], 60, True),
    (120, TrainingKind.TRAINING, "Training accounthouders weerbaarheid", [Role.MUNICIPAL_OFFICER], 15, True),
]  # fmt: skip


def _calendar(region: Region) -> list[str]:
    """A training and exercise calendar for Oss, Vught and the region, every entry invented; the
    exercise in the past links to the demo exercise incident when operations has one."""
    if TrainingEvent.objects.in_region(region).filter(is_example=True).exists():
        return []
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    incident = Incident.objects.in_region(region).exercises().order_by("-started_at").first()
    places = list(Municipality.objects.filter(region=region, code__in=["GM0828", "GM0865"]))
    for place in places:
        points = list(SupportPoint.objects.in_region(region).active().in_municipality(place)[:3])
        for days, kind, title, roles, participants, region_wide in CALENDAR:
            if region_wide and place != places[0]:
                continue
            starts = now + dt.timedelta(days=days)
            services.save_training(region=region, data={
                "municipality": None if region_wide else place, "kind": kind,
                "title": f"{title} (verzonnen voorbeeld)", "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=3), "roles": list(roles),
                "participants": participants, "people": "Verzonnen deelnemers",
                "points": [] if region_wide else points,
                "incident": incident if kind == TrainingKind.EXERCISE and days < 0 and incident else None,
                "is_example": True,
            })  # fmt: skip
    count = TrainingEvent.objects.in_region(region).count()
    return [f"oefenkalender: {count} verzonnen trainingen en oefeningen"] if count else []


def _example(
    region: Region,
    municipality: Municipality | None,
    line: object,
    title: str,
    kind: str,
    target: float | None,
    label: str,
    rng: random.Random,
    today: dt.date,
) -> None:
    status = rng.choice([ActivityStatus.PLANNED, ActivityStatus.RUNNING, ActivityStatus.RUNNING, ActivityStatus.DONE])  # fmt: skip
    stated = kind == IndicatorKind.STATED and status != ActivityStatus.PLANNED
    services.save_activity(region=region, data={
        "municipality": municipality, "line": line, "title": f"{title} (verzonnen voorbeeld)",
        "owner": "Verzonnen eigenaar", "partners": "Veiligheidsregio, Rode Kruis",
        "status": status, "start_date": dt.date(today.year, 1, 1),
        "end_date": dt.date(today.year + 1, 6, 30), "indicator_kind": kind,
        "indicator_label": label, "target": target, "threshold_m": 1000 if kind == IndicatorKind.COVERAGE else None,
        "stated_value": float(rng.randint(0, int(target or 0))) if stated else None,
        "stated_on": today - dt.timedelta(days=rng.randint(1, 60)) if stated else None,
        "is_example": True,
    })  # fmt: skip
