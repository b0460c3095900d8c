"""The programme's choices: ambition levels, decision bodies, activity states, indicator kinds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_


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
        (N_("Local networks and neighbourhoods"), N_("With attention to vulnerable residents.")),
        (N_("Public awareness and action perspectives"), N_("Risk communication.")),
        (
            N_("Information, preparedness and continuity"),
            N_("Of municipalities, emergency services, vital and care partners."),
        ),
        (N_("Agreements with companies and institutions"), N_("On continuity.")),
        (N_("National alignment and knowledge development"), ""),
    ],
    LineTemplate.THEMES: [
        (N_("Regional alerting and communication channel"), N_("With action perspectives.")),
        (N_("Emergency support points"), ""),
        (N_("Cooperation with vital partners"), ""),
        (N_("Continuity"), ""),
        (N_("Training and exercises"), ""),
        (N_("Youth participation"), ""),
        (N_("One clear government message"), ""),
        (
            N_("Knowledge exchange platform"),
            N_("Also maps vulnerable groups and citizen initiatives."),
        ),
        (N_("Citizen aid"), ""),
        (N_("Cascade timeline of a long power outage"), N_("Worked out with vital partners.")),
    ],
}

# The region's own descriptions start from these; the region edits them.
DEFAULT_LEVEL_TEXT = {
    Level.BASIS: N_(
        "The municipality does what the regional programme asks of every municipality."
    ),
    Level.EXTENDED: N_("The municipality adds its own initiatives to the basis."),
    Level.LEADING: N_("The municipality pilots new approaches and shares them with the region."),
}
