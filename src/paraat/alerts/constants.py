"""States and kinds of alerts. CAP values keep the standard's spelling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    REPLACED = "replaced", _("Replaced by an update")
    CANCELLED = "cancelled", _("Cancelled")


# Alerts whose text may still change (a change sends it back for approval).
EDITABLE_STATES = (AlertState.DRAFT, AlertState.PENDING, AlertState.APPROVED)


class Origin(models.TextChoices):
    OWN = "own", _("Made here")
    EXTERNAL = "external", _("External (imported)")


class CapStatus(models.TextChoices):
    """CAP <status>: exercise and test alerts say so in every document."""

    ACTUAL = "Actual", _("Actual")
    EXERCISE = "Exercise", _("Exercise")
    TEST = "Test", _("Test")


class MsgType(models.TextChoices):
    ALERT = "Alert", _("Alert")
    UPDATE = "Update", _("Update")
    CANCEL = "Cancel", _("Cancellation")


class Category(models.TextChoices):
    GEO = "Geo", _("Geophysical")
    MET = "Met", _("Weather")
    SAFETY = "Safety", _("Public safety")
    SECURITY = "Security", _("Security")
    RESCUE = "Rescue", _("Rescue")
    FIRE = "Fire", _("Fire")
    HEALTH = "Health", _("Health")
    ENV = "Env", _("Environment")
    TRANSPORT = "Transport", _("Transport")
    INFRA = "Infra", _("Infrastructure (utilities, telecom)")
    CBRNE = "CBRNE", _("Hazardous substances (CBRNE)")
    OTHER = "Other", _("Other")


class ResponseType(models.TextChoices):
    SHELTER = "Shelter", _("Shelter: go inside")
    EVACUATE = "Evacuate", _("Evacuate: leave the area")
    PREPARE = "Prepare", _("Prepare")
    EXECUTE = "Execute", _("Execute a plan")
    AVOID = "Avoid", _("Avoid the area")
    MONITOR = "Monitor", _("Follow the news")
    ASSESS = "Assess", _("Assess the situation")
    ALL_CLEAR = "AllClear", _("All clear")
    NONE = "None", _("No action")


class Urgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("Immediate: act now")
    EXPECTED = "Expected", _("Expected: act within the hour")
    FUTURE = "Future", _("Future: act soon")
    PAST = "Past", _("Past: no longer needed")
    UNKNOWN = "Unknown", _("Unknown")


class Severity(models.TextChoices):
    EXTREME = "Extreme", _("Extreme")
    SEVERE = "Severe", _("Severe")
    MODERATE = "Moderate", _("Moderate")
    MINOR = "Minor", _("Minor")
    UNKNOWN = "Unknown", _("Unknown")


class Certainty(models.TextChoices):
    OBSERVED = "Observed", _("Observed")
    LIKELY = "Likely", _("Likely")
    POSSIBLE = "Possible", _("Possible")
    UNLIKELY = "Unlikely", _("Unlikely")
    UNKNOWN = "Unknown", _("Unknown")


# CAP language tags of the two texts every alert carries (Dutch first, as in NL-Alert).
LANGUAGES = (("nl", "nl-NL"), ("en", "en-GB"))

# How long a published Cancel stays in the feed, so receivers learn the alert ended (hours).
CANCEL_VISIBLE_HOURS = 24
# Default validity of a new alert (hours).
DEFAULT_HOURS = 12
# How many nearby noodsteunpunten a template names.
TEMPLATE_POINTS = 3
