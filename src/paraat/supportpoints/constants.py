from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    COORDINATION = "coordination", _("Coordination point")
    LOCAL = "local", _("Emergency support point")
    CANDIDATE = "candidate", _("Candidate site")


class Lifecycle(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    DESIGNATED = "designated", _("Designated")
    PREPARED = "prepared", _("Prepared")
    UNAVAILABLE = "unavailable", _("Temporarily unavailable")
    RETIRED = "retired", _("Retired")


# Points that count for the public network (coverage, public pages).
ACTIVE_LIFECYCLES = (Lifecycle.DESIGNATED, Lifecycle.PREPARED)


class BuildingType(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    SCHOOL = "school", _("School")
    SPORTS_HALL = "sports_hall", _("Sports hall")
    CHURCH = "church", _("Church")
    LIBRARY = "library", _("Library")
    TOWN_HALL = "town_hall", _("Town hall")
    FIRE_STATION = "fire_station", _("Fire station")
    CARE_HOME = "care_home", _("Care home")
    OTHER = "other", _("Other")


class Service(models.TextChoices):
    """What a point offers; names match the one-line status codec's service names."""

    INFORMATION = "information", _("Information")
    EMERGENCY_REPORT = "emergency_report", _("Emergency report (112 via the coordination point)")
    FIRST_AID = "first_aid", _("First aid")
    DRINKING_WATER = "drinking_water", _("Drinking water")
    CHARGING = "charging", _("Charging devices")
    WARMTH = "warmth", _("Warmth")
    TOILET = "toilet", _("Toilet without mains water")
    FOOD_MEDICINE = "food_medicine", _("Food or medicine distribution")
    HELP_DESK = "help_desk", _("Help desk")
    MISSING_PERSONS = "missing_persons", _("Missing persons / news of relatives")


class CommsKind(models.TextChoices):
    C2000 = "c2000", _("C2000 radio")
    SATELLITE_PHONE = "satellite_phone", _("Satellite phone")
    AMATEUR_RADIO = "amateur_radio", _("Amateur radio")
    LANDLINE = "landline", _("Landline")
    RUNNER = "runner", _("Runner to the coordination point")


# Means that work without the grid and without public telecom (a landline needs the telecom network).
COMMS_WITHOUT_PUBLIC_TELECOM = frozenset(
    {CommsKind.C2000, CommsKind.SATELLITE_PHONE, CommsKind.AMATEUR_RADIO, CommsKind.RUNNER}
)


class ContactRole(models.TextChoices):
    KEY_HOLDER = "key_holder", _("Key holder")
    CONTACT_PERSON = "contact_person", _("Contact person")
    POINT_LEAD = "point_lead", _("Point lead")


class NormResult(models.TextChoices):
    PASS = "pass", _("meets the norm")
    FAIL = "fail", _("does not meet the norm")
    UNKNOWN = "unknown", _("unknown")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
