from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PRESENTATION = "presentation", _("Presentation")
    LINK = "link", _("Link")
    KNOWLEDGE_SESSION = "knowledge_session", _("Knowledge session")
    COUNCIL_MEETING = "council_meeting", _("Council meeting")
    EXERCISE = "exercise", _("Exercise")


EVENT_KINDS = frozenset({ItemKind.KNOWLEDGE_SESSION, ItemKind.COUNCIL_MEETING, ItemKind.EXERCISE})
FILE_KINDS = frozenset({ItemKind.DOCUMENT, ItemKind.PRESENTATION})


class ProgrammeLine(models.TextChoices):
    """The five lines of the resilience programme (docs/programme.md); a plain code, so an item
    can later link to the programme app's line of the same code."""

    NETWORKS = "networks", _("Local networks and neighbourhoods, vulnerable residents")
    AWARENESS = "awareness", _("Public awareness and action perspectives")
    PREPAREDNESS = "preparedness", _("Information, preparedness and continuity of partners")
    AGREEMENTS = "agreements", _("Agreements with companies and institutions on continuity")
    KNOWLEDGE = "knowledge", _("National alignment and knowledge development")


class Risk(models.TextChoices):
    POWER_OUTAGE = "power_outage", _("Long power outage")
    TELECOM_OUTAGE = "telecom_outage", _("Telecom outage")
    DRINKING_WATER = "drinking_water", _("Drinking water outage")
    FLOODING = "flooding", _("Flooding")
    EXTREME_WEATHER = "extreme_weather", _("Extreme weather")
    CYBER = "cyber", _("Cyber attack")
    PANDEMIC = "pandemic", _("Pandemic")
    GENERAL = "general", _("General resilience")


class OrganisationKind(models.TextChoices):
    VITAL_PARTNER = "vital_partner", _("Vital partner")
    COLUMN_PARTNER = "column_partner", _("Column partner")
    MUNICIPALITY = "municipality", _("Municipality")
    SAFETY_REGION = "safety_region", _("Safety region")
    OTHER = "other", _("Other")


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    PPTX = "pptx", "PPTX"


CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
