"""Kinds and states of the resident side (public pages, posters, the static export)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.geo.distance import CIRCUITY as CIRCUITY  # the pure distance module owns it


class Risk(models.TextChoices):
    """The risks the advice library covers (handelingsperspectieven per risk)."""

    GENERAL = "general", _("Any emergency")
    POWER_OUTAGE = "power_outage", _("Long power outage")
    WATER_OUTAGE = "water_outage", _("Drinking water outage")
    FLOOD = "flood", _("Flood")
    CYBER_PAYMENT = "cyber_payment", _("Cyber attack or payment outage")
    HEAT = "heat", _("Extreme heat")
    STORM = "storm", _("Storm")
    SMOKE_CHEMICAL = "smoke_chemical", _("Smoke or hazardous substances")
    PANDEMIC = "pandemic", _("Infectious disease outbreak")


class AdvicePhase(models.TextChoices):
    PREPARE = "prepare", _("Before: be prepared")
    DURING = "during", _("During")
    AFTER = "after", _("After")


class AdviceLanguage(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"


# Incident kinds of paraat.operations and the advice that fits them.
RISK_FOR_INCIDENT = {
    "power_outage": Risk.POWER_OUTAGE,
    "water_outage": Risk.WATER_OUTAGE,
    "flood": Risk.FLOOD,
    "cyber_payment": Risk.CYBER_PAYMENT,
}


class PublicState(models.TextChoices):
    """What a resident is told about a point right now."""

    OPEN = "open", _("Open")
    LIMITED = "limited", _("Open, with limits")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Closed")
    OPENING = "opening", _("Being opened")
    NOT_OPEN = "not_open", _("Not opened")


# Usable now: these come first in a resident's list during an incident.
USABLE_STATES = frozenset({PublicState.OPEN, PublicState.LIMITED})
# No place to go now: a point that comes into one of these sends residents elsewhere, so the
# public mirror rewrites its pages before any other (``export.urgency``).
STAY_AWAY_STATES = frozenset({PublicState.CLOSED, PublicState.FULL})

# Walking speed used for the minutes shown next to a distance (km/h).
WALKING_KMH = 4.5
# How many points a resident sees, and how many nearest points the snapshot keeps per area.
SHOWN_POINTS = 3
KEPT_POINTS = 8
