"""Kinds and choices of the planning app: distances, weights and optimisation models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The defaults a region may override in its settings live with the region (areas sits below
# planning); they are named here too, where planning reads them.
from paraat.areas.constants import DEFAULT_CAPACITY as DEFAULT_CAPACITY
from paraat.areas.constants import DEFAULT_THRESHOLD_M as DEFAULT_THRESHOLD_M

DEFAULT_TIME_LIMIT = 30.0
"""Seconds an optimisation may take; a limit is always set."""

DEFAULT_CELL_M = 100.0
"""Demand grid: area figures are spread over the centres of 100 m cells."""


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
