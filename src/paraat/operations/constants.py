from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentKind(models.TextChoices):
    POWER_OUTAGE = "power_outage", _("Long power outage")
    WATER_OUTAGE = "water_outage", _("Drinking water outage")
    FLOOD = "flood", _("Flood")
    CYBER_PAYMENT = "cyber_payment", _("Cyber attack / payment outage")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    ALERTING = "alerting", _("Alerting")
    SCALING_UP = "scaling_up", _("Scaling up")
    OPERATIONAL = "operational", _("Operational")
    SCALING_DOWN = "scaling_down", _("Scaling down")
    CLOSED = "closed", _("Closed")


class PointState(models.TextChoices):
    """Matches the one-line status codec's state names (lower case)."""

    OPEN = "open", _("Open")
    LIMITED = "limited", _("Limited")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Closed")


class PowerSource(models.TextChoices):
    GRID = "grid", _("Grid")
    GENERATOR = "generator", _("Generator")
    BATTERY = "battery", _("Battery")
    NONE = "none", _("No power")


class Channel(models.TextChoices):
    WEB = "web", _("Phone form")
    API = "api", _("API")
    LINE = "line", _("One-line message")


class Need(models.TextChoices):
    """Matches the one-line status codec's need names (lower case)."""

    FUEL = "fuel", _("Fuel")
    DRINKING_WATER = "drinking_water", _("Drinking water")
    MEDICAL = "medical", _("Medical")
    TRANSPORT = "transport", _("Transport")
    STAFF = "staff", _("Staff")
    INFORMATION = "information", _("Information")
    OTHER = "other", _("Other")


class RequestOrigin(models.TextChoices):
    POINT = "point", _("Support point")
    CRISIS_TEAM = "crisis_team", _("Crisis team")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Claimed")
    ASSIGNED = "assigned", _("Assigned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class LogKind(models.TextChoices):
    NOTE = "note", _("Note")
    PHASE = "phase", _("Phase")
    ACTIVATION = "activation", _("Activation")
    STATUS = "status", _("Status report")
    REQUEST = "request", _("Help request")
    RELAY = "relay", _("Emergency report relayed")
    CORRECTION = "correction", _("Correction")
    INJECT = "inject", _("Exercise inject")


class ChecklistItem(models.TextChoices):
    """The opening checklist every activated point gets; ticked by the point lead or crisis staff."""

    KEYS = "keys", _("Building opened (keys)")
    POWER = "power", _("Power on (generator or battery tested)")
    COMMS_TEST = "comms_test", _("Communication with the coordination point tested")
    SIGNAGE = "signage", _("Signs outside: this is a support point")
    INFORMATION_BOARD = "information_board", _("Information board up to date")
    FIRST_REPORT = "first_report", _("First status report sent")


OPENING_CHECKLIST = tuple(ChecklistItem.values)


class Freshness(models.TextChoices):
    """How current a point's state is: one rule for the picture, the public pages and the alerts."""

    NO_REPORT = "no_report", _("No report yet")
    CURRENT = "current", _("Current")
    STALE = "stale", _("Stale")
