from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGION = "region", _("Region server")
    LAPTOP = "laptop", _("Laptop of a coordination point")


class Policy(models.TextChoices):
    """How changes of one model merge (Sahana Eden's sync policies, in Paraat's terms)."""

    APPEND = "append", _("Append only: union by uid")
    FIELDS = "fields", _("Field by field: newest clock wins")
    STATE = "state", _("State machine: opposite outcomes go to a person")


class ConflictKind(models.TextChoices):
    OVERWRITTEN = "overwritten", _("Value overwritten by a newer change")
    NEEDS_DECISION = "decision", _("Needs a decision")


class ConflictStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
