from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.TextChoices):
    FIRST_AID = "first_aid", _("First aid")
    AED = "aed", _("AED / CPR")
    BHV = "bhv", _("Company emergency response (BHV)")
    CARE = "care", _("Care")
    DRIVING = "driving", _("Driving")
    RADIO = "radio", _("Radio")
    LANGUAGE = "language", _("Languages")
    TECHNICAL = "technical", _("Technical")
    LOGISTICS = "logistics", _("Logistics")


# Skills that only count with a certificate that has not expired.
CERTIFIED_SKILLS = frozenset({Skill.FIRST_AID, Skill.AED, Skill.BHV})


class Organisation(models.TextChoices):
    RED_CROSS = "red_cross", _("Red Cross")
    EHBO = "ehbo", _("First aid association (EHBO)")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    MUNICIPALITY = "municipality", _("Municipality")
    NONE = "none", _("None")


class VolunteerOrigin(models.TextChoices):
    OFFICER = "officer", _("Registered by an officer")
    IMPORT = "import", _("Imported")
    SELF = "self", _("Registered themselves")
    SPONTANEOUS = "spontaneous", _("Turned up at a point")


class VolunteerState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail not confirmed yet")
    ACTIVE = "active", _("Active")


class DayPart(models.TextChoices):
    NIGHT = "n", _("night (0-6)")
    MORNING = "m", _("morning (6-12)")
    AFTERNOON = "a", _("afternoon (12-18)")
    EVENING = "e", _("evening (18-24)")


class CalloutState(models.TextChoices):
    OPEN = "open", _("Asking")
    FILLED = "filled", _("Enough accepted")
    EXHAUSTED = "exhausted", _("Nobody left to ask")
    CLOSED = "closed", _("Closed")


class AskState(models.TextChoices):
    ASKED = "asked", _("Asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NOT_NEEDED = "not_needed", _("No longer needed")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    SCREEN = "screen", _("Point lead's screen")


class InitiativeKind(models.TextChoices):
    NETWORK = "network", _("Neighbourhood network")
    APP_GROUP = "app_group", _("Neighbourhood app group")
    FOOD_BANK = "food_bank", _("Food bank")
    CHURCH = "church", _("Church or mosque")
    SPORTS_CLUB = "sports_club", _("Sports club")
    REPAIR_CAFE = "repair_cafe", _("Repair café")
    CARE_COOPERATIVE = "care_cooperative", _("Care cooperative")
    OTHER = "other", _("Other")


class Offer(models.TextChoices):
    SPACE = "space", _("Space")
    PEOPLE = "people", _("People")
    GENERATOR = "generator", _("Generator")
    TRANSPORT = "transport", _("Transport")
    MEALS = "meals", _("Meals")
    CHECK_NEIGHBOURS = "check_neighbours", _("Checking on neighbours")


class InitiativeState(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PartnerKind(models.TextChoices):
    WATER = "water", _("Drinking water company")
    GRID = "grid", _("Grid operator")
    TELECOM = "telecom", _("Telecom")
    CARE = "care", _("Care provider")
    SUPERMARKET = "supermarket", _("Supermarket")
    FUEL = "fuel", _("Fuel supplier")
    RED_CROSS = "red_cross", _("Red Cross")
    NATIONAL = "national", _("National body")
    OTHER = "other", _("Other")


class PowerDependency(models.TextChoices):
    VENTILATION = "ventilation", _("Home ventilation")
    OXYGEN = "oxygen", _("Oxygen")
    FEEDING_PUMP = "feeding_pump", _("Feeding pump")
