"""Alert templates per risk: CAP values, short texts, the region's action advice and the nearest
open noodsteunpunten, ready for the author to check and adjust."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.alerts import nearby, nlalert
from paraat.alerts.constants import DEFAULT_HOURS, TEMPLATE_POINTS, CapStatus
from paraat.publicinfo.constants import AdvicePhase, Risk


@dataclass(frozen=True)
class Preset:
    category: str
    response_type: str
    urgency: str
    severity: str
    certainty: str
    event_nl: str
    event_en: str
    description_nl: str
    description_en: str


PRESETS: dict[str, Preset] = {
    Risk.GENERAL: Preset(
        "Safety", "Monitor", "Expected", "Moderate", "Likely",
        "Noodsituatie", "Emergency",
        "Er is een noodsituatie in uw buurt.",
        "There is an emergency in your area.",
    ),
    Risk.POWER_OUTAGE: Preset(
        "Infra", "Prepare", "Immediate", "Severe", "Observed",
        "Langdurige stroomstoring", "Long power outage",
        "De stroom is uitgevallen. Het kan lang duren voor de stroom terug is. "
        "Telefoon en internet werken misschien niet.",
        "The power is out. It may take a long time to come back. "
        "Phone and internet may not work.",
    ),
    Risk.WATER_OUTAGE: Preset(
        "Infra", "Prepare", "Immediate", "Severe", "Observed",
        "Uitval drinkwater", "Drinking water outage",
        "Er komt geen drinkwater uit de kraan. Er is noodwater op de noodsteunpunten.",
        "There is no drinking water from the tap. Emergency water is at the support points.",
    ),
    Risk.FLOOD: Preset(
        "Met", "Evacuate", "Expected", "Extreme", "Likely",
        "Dreigende overstroming", "Flood threat",
        "Er dreigt een overstroming in uw gebied.",
        "A flood threatens your area.",
    ),
    Risk.CYBER_PAYMENT: Preset(
        "Infra", "Prepare", "Immediate", "Moderate", "Observed",
        "Storing betalen en internet", "Payment and internet outage",
        "Pinnen en betalen met de telefoon werkt niet. Ook andere diensten op internet "
        "kunnen uitvallen.",
        "Card and phone payments do not work. Other online services may fail too.",
    ),
    Risk.HEAT: Preset(
        "Met", "Prepare", "Expected", "Moderate", "Likely",
        "Extreme hitte", "Extreme heat",
        "Het wordt de komende dagen erg heet.",
        "It will be very hot in the coming days.",
    ),
    Risk.STORM: Preset(
        "Met", "Shelter", "Expected", "Severe", "Likely",
        "Zware storm", "Severe storm",
        "Er komt een zware storm.",
        "A severe storm is coming.",
    ),
    Risk.SMOKE_CHEMICAL: Preset(
        "CBRNE", "Shelter", "Immediate", "Severe", "Observed",
        "Rook of gevaarlijke stoffen", "Smoke or hazardous substances",
        "Er komt rook of een gevaarlijke stof vrij.",
        "Smoke or a hazardous substance is being released.",
    ),
    Risk.PANDEMIC: Preset(
        "Health", "Monitor", "Future", "Moderate", "Possible",
        "Uitbraak infectieziekte", "Infectious disease outbreak",
        "Er is een uitbraak van een besmettelijke ziekte.",
        "There is an outbreak of an infectious disease.",
    ),
}  # fmt: skip

POINTS_HEADING = nlalert.POINTS_HEADING  # the cell text keeps the list under this heading
ABOUT = {"nl": "ca. {km} km", "en": "about {km} km"}


def default_times(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """A new alert holds from now (whole minutes) for ``DEFAULT_HOURS``."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    return now, now + dt.timedelta(hours=DEFAULT_HOURS)


def risk_choices() -> list[tuple[str, Any]]:
    return [(risk.value, risk.label) for risk in Risk if risk.value in PRESETS]


def _advice(region: Any, risk: str, language: str) -> tuple[str, str]:
    """(title, body) of the region's 'during' advice, else the shipped text, else empty."""
    from paraat.publicinfo import advice as library
    from paraat.publicinfo.models import ActionAdvice

    row = ActionAdvice.objects.filter(
        region=region, risk=risk, phase=AdvicePhase.DURING, language=language
    ).first()
    if row is not None:
        return row.title, row.body
    for text in library.shipped_advice():
        if (text.risk, text.phase, text.language) == (risk, AdvicePhase.DURING, language):
            return text.title, text.body
    return "", ""


def points_text(points: list[nearby.NearbyPoint], language: str) -> str:
    if not points:
        return ""
    lines = [POINTS_HEADING[language]]
    for point in points:
        km = f"{point.metres / 1000:.1f}"
        if language == "nl":
            km = km.replace(".", ",")
        where = ", ".join(p for p in (point.address, ABOUT[language].format(km=km)) if p)
        lines.append(f"- {point.name} ({where})")
    return "\n".join(lines)


def places_text(groups: list[tuple[str, list[nearby.NearbyPoint]]], language: str) -> str:
    """The nearest points of every place the alert covers, under one heading."""
    groups = [(name, points) for name, points in groups if points]
    if len(groups) <= 1:
        return points_text(groups[0][1] if groups else [], language)
    lines = [POINTS_HEADING[language]]
    for name, points in groups:
        lines.append(f"{name}:")
        lines += points_text(points, language).splitlines()[1:]
    return "\n".join(lines)


def refresh_points(instruction: str, text: str) -> str:
    """``instruction`` with its list of points (from the heading on) replaced by ``text``.

    An instruction without the heading (the author took the list out) is left as it is.
    """
    lines = instruction.splitlines()
    headings = set(POINTS_HEADING.values())
    for index, line in enumerate(lines):
        if line.strip() in headings:
            kept = "\n".join(lines[:index]).rstrip()
            return "\n\n".join(p for p in (kept, text) if p)
    return instruction


def fill(
    region: Any,
    risk: str,
    *,
    centre: tuple[float, float] | None = None,
    places: list[nearby.Place] | None = None,
) -> dict[str, str]:
    """Initial form values for ``risk`` with the nearest open points.

    ``places`` (name, lon, lat, municipality id) are the municipalities and areas the alert covers: each gets its
    own nearest points. ``centre`` (lon, lat) is one place without a name.
    While the region runs an exercise incident, new alerts start as CAP status Exercise.
    """
    preset = PRESETS.get(risk, PRESETS[Risk.GENERAL])
    if places is None:
        places = [("", centre[0], centre[1], None)] if centre is not None else []
    groups = nearby.nearest_per_place(region, places, limit=TEMPLATE_POINTS) if places else []
    incident = nearby.open_incident(region)
    exercise = incident is not None and incident.is_exercise
    data = {
        "risk": risk,
        "status": CapStatus.EXERCISE if exercise else CapStatus.ACTUAL,
        "event": preset.event_nl,
        "category": preset.category,
        "response_type": preset.response_type,
        "urgency": preset.urgency,
        "severity": preset.severity,
        "certainty": preset.certainty,
    }
    for language, description in (("nl", preset.description_nl), ("en", preset.description_en)):
        title, body = _advice(region, risk, language)
        fallback = preset.event_nl if language == "nl" else preset.event_en
        data[f"headline_{language}"] = title or fallback
        data[f"description_{language}"] = description
        extra = places_text(groups, language)
        data[f"instruction_{language}"] = "\n\n".join(p for p in (body, extra) if p)
    return data
