"""The programme's choices: ambition levels, decision bodies, activity states, indicator kinds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Level(models.TextChoices):
    BASIS = "basis", _("Basis")
    EXTENDED = "extended", _("Extended")
    LEADING = "leading", _("Leading")


class DecisionBody(models.TextChoices):
    COLLEGE = "college", _("Municipal executive (college)")
    COUNCIL = "council", _("Municipal council (raad)")
    CONSULTATION = "consultation", _("Administrative consultation (bestuurlijk overleg)")


class ActivityStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class IndicatorKind(models.TextChoices):
    NONE = "", _("No indicator")
    STATED = "stated", _("Stated by the owner")
    SUPPORT_POINTS = "support_points", _("Support points set up (registry)")
    COVERAGE = "coverage", _("Residents within reach of a point (latest coverage run)")
    EXERCISES = "exercises", _("Exercises this year (operations)")


MEASURED_KINDS = (IndicatorKind.SUPPORT_POINTS, IndicatorKind.COVERAGE, IndicatorKind.EXERCISES)


class LineTemplate(models.TextChoices):
    FIVE_LINES = "five_lines", _("Five programme lines (Kennemerland)")
    THEMES = "themes", _("Themes (Brabant-Noord)")


class ProgressBand(models.TextChoices):
    """A cell's colour class on the matrix; the text beside it says the same."""

    NO_AMBITION = "none", _("No ambition set")
    NOT_STARTED = "not_started", _("Not started")
    STARTED = "started", _("Started")
    HALFWAY = "halfway", _("Halfway")
    REACHED = "reached", _("Reached")


# The templates a region starts its programme from (domain.md §1); the region edits them after.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    LineTemplate.FIVE_LINES: [
        (
            gettext_noop("Local networks and neighbourhoods"),
            gettext_noop("With attention to vulnerable residents."),
        ),
        (
            gettext_noop("Public awareness and action perspectives"),
            gettext_noop("Risk communication."),
        ),
        (
            gettext_noop("Information, preparedness and continuity"),
            gettext_noop("Of municipalities, emergency services, vital and care partners."),
        ),
        (
            gettext_noop("Agreements with companies and institutions"),
            gettext_noop("On continuity."),
        ),
        (gettext_noop("National alignment and knowledge development"), ""),
    ],
    LineTemplate.THEMES: [
        (
            gettext_noop("Regional alerting and communication channel"),
            gettext_noop("With action perspectives."),
        ),
        (gettext_noop("Emergency support points"), ""),
        (gettext_noop("Cooperation with vital partners"), ""),
        (gettext_noop("Continuity"), ""),
        (gettext_noop("Training and exercises"), ""),
        (gettext_noop("Youth participation"), ""),
        (gettext_noop("One clear government message"), ""),
        (
            gettext_noop("Knowledge exchange platform"),
            gettext_noop("Also maps vulnerable groups and citizen initiatives."),
        ),
        (gettext_noop("Citizen aid"), ""),
        (
            gettext_noop("Cascade timeline of a long power outage"),
            gettext_noop("Worked out with vital partners."),
        ),
    ],
}

# The region's own descriptions start from these; the region edits them.
DEFAULT_LEVEL_TEXT = {
    Level.BASIS: gettext_noop(
        "The municipality does what the regional programme asks of every municipality."
    ),
    Level.EXTENDED: gettext_noop("The municipality adds its own initiatives to the basis."),
    Level.LEADING: gettext_noop(
        "The municipality pilots new approaches and shares them with the region."
    ),
}


class Dependency(models.TextChoices):
    """What a critical process leans on (the continuity register, "Eigen huis op orde")."""

    POWER = "power", _("Power")
    TELECOM = "telecom", _("Telecom")
    INTERNET = "internet", _("Internet")
    PAYMENTS = "payments", _("Payments")
    WATER = "water", _("Water")
    STAFF = "staff", _("Staff")
    SYSTEMS = "systems", _("Specific systems")


class TrainingKind(models.TextChoices):
    """An entry of the training and exercise calendar ("opleiden, trainen, oefenen")."""

    TRAINING = "training", _("Training")
    EXERCISE = "exercise", _("Exercise")


# "Exercised in the last 12 months" looks back this many days from today.
EXERCISED_WINDOW_DAYS = 365
