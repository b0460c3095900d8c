"""Kinds and choices of the planning app: distances, weights and optimisation models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD_M = 1_000.0
"""Walking or straight-line distance within which a resident counts as covered."""

DEFAULT_CAPACITY = 5_000
"""Residents one support point can serve (the national guideline's default)."""

DEFAULT_TIME_LIMIT = 30.0
"""Seconds an optimisation may take; a limit is always set."""

DEFAULT_CELL_M = 100.0
"""Demand grid: area figures are spread over the centres of 100 m cells."""

MAP_CELLS = 2_500
"""At most this many blocks of demand cells are stored per run for the map and the exports."""


class DistanceKind(models.TextChoices):
    STRAIGHT = "straight", _("Straight line")
    WALKING = "walking", _("Walking distance over the street network")


class Weight(models.TextChoices):
    """Whom the figures count. The vulnerability keys match areas.constants.VULNERABILITY_LABELS."""

    RESIDENTS = "residents", _("All residents")
    AGE_65_PLUS = "age_65_plus", _("Residents aged 65+")
    AGE_75_PLUS = "age_75_plus", _("Residents aged 75+")
    WMO_CLIENTS = "wmo_clients", _("Wmo clients")
    ONE_PERSON_65_PLUS = "one_person_households_65plus", _("One-person households 65+")
    HOME_VENTILATION = "home_ventilation", _("Home ventilation")
    OXYGEN_AT_HOME = "oxygen_at_home", _("Oxygen concentrator at home")


VULNERABILITY_WEIGHTS = frozenset(
    {
        Weight.WMO_CLIENTS,
        Weight.ONE_PERSON_65_PLUS,
        Weight.HOME_VENTILATION,
        Weight.OXYGEN_AT_HOME,
    }
)


class OptimisationModel(models.TextChoices):
    MCLP = "mclp", _("Most residents covered with k new sites (maximal covering)")
    LSCP = "lscp", _("Fewest new sites to reach a target share (set covering)")
    PMEDIAN = "pmedian", _("Shortest average distance with k new sites (p-median)")
    PCENTER = "pcenter", _("Shortest longest distance with k new sites (p-center)")
