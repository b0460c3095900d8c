"""The demo's finished exercise: a power outage exercise in Oss that ran a week ago and is closed.

Four of Oss's points were activated, reported over the day by the phone form, the API and radio
lines, asked for help and closed again; the crisis team kept the logbook. Everything goes through
the services (``paraat.operations.services``), so the logbook, the audit trail and the sync
journal read as if the exercise was played. An exercise never reaches residents
(``state.reaches_residents``): the public pages and alerts do not see it.

Deterministic: every time is fixed relative to the day of loading, the exercise ran on the day
seven days before it (local time, Europe/Amsterdam) from 09:00 to 16:00. Idempotent: a region
that has the exercise (by its title) gets no second one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from paraat.accounts.models import User
from paraat.areas.demo import REGION_CODE
from paraat.areas.models import Municipality, Region
from paraat.operations import services
from paraat.operations.constants import (
    Channel,
    ChecklistItem,
    IncidentKind,
    LogKind,
    Need,
    Phase,
    PointState,
    PowerSource,
    Priority,
)
from paraat.operations.models import Incident
from paraat.operations.statusline import StatusLine, make_line
from paraat.supportpoints.models import SupportPoint

# Marked as an exercise wherever it is shown ("[OEFENING] ...", the exercise banner): not in the
# title itself, which would then read "[OEFENING] Oefening ...".
TITLE = "Langdurige stroomuitval Oss"
FORMER_TITLES = ("Oefening langdurige stroomuitval Oss",)  # a demo loaded before 2026-12-04
DAYS_AGO = 7
POINTS = 4


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        return []
    if (
        Incident.objects.in_region(region)
        .exercises()
        .filter(title__in=[TITLE, *FORMER_TITLES])
        .exists()
    ):
        return ["oefening al aanwezig"]
    oss = Municipality.objects.get(code="GM0828")
    points = list(
        SupportPoint.objects.in_region(region)
        .local()
        .active()
        .filter(municipality=oss)
        .order_by("code")[:POINTS]
    )
    if len(points) < 2:
        return []
    operator = User.objects.filter(username="operator").first()
    lead = User.objects.filter(username="puntleider").first()
    day = timezone.localdate() - dt.timedelta(days=DAYS_AGO)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    def at(hours: float) -> dt.datetime:
        return start + dt.timedelta(hours=hours)

    incident = services.create_incident(
        region=region,
        title=TITLE,
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True,
        municipalities=[oss],
        started_at=start,
        user=operator,
        at=start,
    )
    services.schedule_injects(
        incident=incident,
        injects=[
            (dt.timedelta(minutes=30), "Netbeheerder", "Herstel duurt naar verwachting 24 uur."),
            (dt.timedelta(hours=3), "Ziekenhuis", "Vraag naar drinkwater voor een verpleeghuis."),
        ],
        source="draaiboek stroomuitval",
        user=operator,
        at=at(0.1),
    )
    services.activate(incident=incident, user=operator, points=points, at=at(0.25))
    _tick_checklist(incident, lead, at)
    services.set_phase(incident=incident, phase=Phase.OPERATIONAL, user=operator, at=at(1))
    services.log(
        incident=incident,
        author=operator,
        at=at(0.4),
        text="Puntleiders gebeld; alle punten bevestigen dat ze opengaan.",
    )
    services.deliver_due_injects(incident=incident, now=at(0.5))
    reports = _reports(incident, points, lead, operator, at)
    requests = _requests(incident, points, operator, at)
    services.deliver_due_injects(incident=incident, now=at(3))
    services.log(
        incident=incident,
        author=operator,
        at=at(5.5),
        highlight=True,
        text="Stroom in Oss hersteld; punten bouwen af.",
    )
    services.set_phase(incident=incident, phase=Phase.SCALING_DOWN, user=operator, at=at(5.5))
    for number, point in enumerate(points):
        services.record_status(
            incident=incident, point=point, idempotency_key=f"demo-oefening-{point.code}-dicht",
            state=PointState.CLOSED, channel=Channel.WEB, power_source=PowerSource.GRID,
            reporter=lead, reported_at=at(6 + number / 10), received_at=at(6 + number / 10),
        )  # fmt: skip
        reports += 1
    services.log(
        incident=incident,
        author=operator,
        at=at(6.8),
        kind=LogKind.NOTE,
        highlight=True,
        text="Evaluatie: de radioregels kwamen goed door; één punt meldde te laat.",
    )
    services.set_phase(incident=incident, phase=Phase.CLOSED, user=operator, at=at(7))
    return [
        f"oefening '{TITLE}' van {day:%d-%m-%Y}: {len(points)} punten, {reports} statusmeldingen, "
        f"{requests} hulpvragen"
    ]


def _tick_checklist(incident: Incident, lead: Any, at: Any) -> None:
    for number, activation in enumerate(incident.activations.order_by("point__code")):
        items = list(ChecklistItem.values)
        # The last point forgot its information board: the checklist page shows one open item.
        done = items if number < 3 else items[:-2]
        for step, item in enumerate(done):
            services.tick_checklist(
                activation=activation, item=item, done=True, user=lead,
                at=at(0.5 + number / 4 + step / 30),
            )  # fmt: skip


def _reports(
    incident: Incident, points: list[SupportPoint], lead: Any, operator: Any, at: Any
) -> int:
    """Reports over the day: the phone form first, the API each hour, radio lines from the last."""
    count = 0
    for number, point in enumerate(points):
        opened = at(0.75 + number / 4)
        services.record_status(
            incident=incident, point=point, idempotency_key=f"demo-oefening-{point.code}-open",
            state=PointState.OPEN, channel=Channel.WEB, services_available=["information", "charging"],
            visitors=5 + 3 * number, power_source=PowerSource.GENERATOR, fuel_hours_left=24 - 2 * number,
            comms_working=True, reporter=lead, reported_at=opened, received_at=opened,
        )  # fmt: skip
        count += 1
    for hour in (2, 3, 4):
        for number, point in enumerate(points[:-1]):
            when = at(hour + number / 6)
            crowded = hour == 3 and number == 0
            services.record_status(
                incident=incident, point=point, idempotency_key=f"demo-oefening-{point.code}-{hour}",
                state=PointState.FULL if crowded else PointState.OPEN, channel=Channel.API,
                services_available=["information", "charging", "warmth"],
                visitors=40 + 10 * hour + 5 * number, power_source=PowerSource.GENERATOR,
                fuel_hours_left=24 - 2 * number - hour, comms_working=True,
                needs=[Need.DRINKING_WATER] if crowded else [], reporter_name="sensor-gateway",
                reported_at=when, received_at=when + dt.timedelta(seconds=20),
            )  # fmt: skip
            count += 1
    radio = points[-1]
    for moment, state, fuel in ((2.5, "OPEN", 18), (4.5, "LIMITED", 6)):
        when = timezone.localtime(at(moment))
        line = make_line(
            StatusLine(
                point_code=radio.code, time=when.time().replace(second=0, microsecond=0),
                day=when.day, state=state, services=frozenset({"INFORMATION", "EMERGENCY_REPORT"}),
                visitors=25, fuel_hours=fuel, needs=frozenset({"FUEL"}) if fuel < 10 else frozenset(),
            )
        )  # fmt: skip
        received = when + dt.timedelta(minutes=2)
        services.record_line(
            incident=incident,
            line=line,
            reporter=operator,
            reference=received,
            received_at=received,
        )
        count += 1
    return count


def _requests(incident: Incident, points: list[SupportPoint], operator: Any, at: Any) -> int:
    """Three help requests that ran their course: done, cancelled, and one handed over at the end."""
    water = services.create_help_request(
        incident=incident, kind=Need.DRINKING_WATER, point=points[0], priority=Priority.HIGH,
        description="Drinkwater voor 60 bezoekers, de kraan werkt niet.", user=operator,
        at=at(3.1),
    )  # fmt: skip
    services.claim_request(request=water, user=operator, at=at(3.2))
    services.assign_request(request=water, assignee="Brabant Water", user=operator, at=at(3.3))
    services.complete_request(
        request=water, user=operator, outcome="200 liter afgeleverd.", at=at(4.1)
    )
    fuel = services.create_help_request(
        incident=incident, kind=Need.FUEL, point=points[-1], priority=Priority.URGENT,
        description="Diesel voor de aggregaat, nog 6 uur.", user=operator, at=at(4.6),
    )  # fmt: skip
    services.assign_request(request=fuel, assignee="Defensie", user=operator, at=at(4.8))
    services.complete_request(
        request=fuel, user=operator, outcome="Niet meer nodig: stroom hersteld.", cancelled=True,
        at=at(5.6),
    )  # fmt: skip
    staff = services.create_help_request(
        incident=incident, kind=Need.STAFF, priority=Priority.NORMAL,
        description="Twee vrijwilligers extra voor de avond.", user=operator, at=at(5),
    )  # fmt: skip
    services.claim_request(request=staff, user=operator, at=at(5.2))
    services.complete_request(
        request=staff, user=operator, outcome="Geregeld via het vrijwilligersnetwerk.", at=at(5.4)
    )
    return 3
