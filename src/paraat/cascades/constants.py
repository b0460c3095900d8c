from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_SCENARIO = "power-outage-nl"
DEFAULT_RUNS = 1000
RUN_CHOICES = (200, 1000, 10_000)
DEFAULT_SEED = 0
# The outage clock shows which areas have residents who depend on power at home this many hours
# into the outage (oxygen concentrators and feeding pumps stop at once, ventilator batteries last
# a few hours).
POWER_DEPENDENT_HOURS = 4


class Confidence(models.TextChoices):
    """How much a figure can be trusted; the same words as the outage model's data files."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ChartFormat(models.TextChoices):
    SVG = "svg", "SVG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


CONTENT_TYPES = {
    ChartFormat.SVG: "image/svg+xml",
    ChartFormat.PNG: "image/png",
    ChartFormat.PDF: "application/pdf",
}
