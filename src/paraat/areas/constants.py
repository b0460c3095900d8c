from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD_M = 1_000.0
"""Walking or straight-line distance within which a resident counts as covered (planning's
default; a region may set its own)."""

DEFAULT_CAPACITY = 5_000
"""Residents one support point can serve (the national guideline's default)."""


class AreaKind(models.TextChoices):
    WIJK = "wijk", _("District (wijk)")
    BUURT = "buurt", _("Neighbourhood (buurt)")
    PC4 = "pc4", _("Postcode area (4 digits)")
    PC6 = "pc6", _("Postcode area (6 digits)")
    GRID = "grid", _("Grid cell")


class ImportKind(models.TextChoices):
    """What an area file holds: municipalities, or one of the area kinds."""

    MUNICIPALITY = "municipality", _("Municipalities")
    WIJK = "wijk", _("Districts (wijk)")
    BUURT = "buurt", _("Neighbourhoods (buurt)")
    PC4 = "pc4", _("Postcode areas (4 digits)")
    PC6 = "pc6", _("Postcode areas (6 digits)")
    GRID = "grid", _("Grid cells")


# Vulnerability aggregates the platform knows by name; a region may add others.
VULNERABILITY_LABELS = {
    "wmo_clients": _("Wmo clients"),
    "one_person_households_65plus": _("One-person households 65+"),
    "home_ventilation": _("Home ventilation"),
    "oxygen_at_home": _("Oxygen concentrator at home"),
}
