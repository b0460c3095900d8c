"""Geography: safety region, municipalities and areas (wijk, buurt, postcode, grid cell) with population.

Geometry is stored as GeoJSON in WGS84 (EPSG:4326) in a JSON column, with a bounding box and a
representative point beside it, so SQLite and PostgreSQL work alike without a spatial extension.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.areas.constants import AreaKind


def suppress(value: int | None, threshold: int | None = None) -> int | None:
    """Small counts are hidden (None) wherever they are shown or exported, to protect privacy."""
    if value is None:
        return None
    limit = settings.PARAAT_SMALL_COUNT_THRESHOLD if threshold is None else threshold
    return None if 0 < value < limit else value


class GeoFields(models.Model):
    geometry = models.JSONField(_("geometry (GeoJSON, WGS84)"))
    min_lon = models.FloatField(default=0)
    min_lat = models.FloatField(default=0)
    max_lon = models.FloatField(default=0)
    max_lat = models.FloatField(default=0)
    point_lon = models.FloatField(_("representative point longitude"), default=0)
    point_lat = models.FloatField(_("representative point latitude"), default=0)

    class Meta:
        abstract = True


class PopulationFields(models.Model):
    population = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    age_0_14 = models.PositiveIntegerField(_("aged 0-14"), null=True, blank=True)
    age_15_64 = models.PositiveIntegerField(_("aged 15-64"), null=True, blank=True)
    age_65_plus = models.PositiveIntegerField(_("aged 65+"), null=True, blank=True)
    age_75_plus = models.PositiveIntegerField(_("aged 75+"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("reference year"), null=True, blank=True)
    vulnerability = models.JSONField(_("vulnerability aggregates"), default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def share_65_plus(self) -> float | None:
        if not self.population or self.age_65_plus is None:
            return None
        return self.age_65_plus / self.population

    def privacy_limit(self) -> int | None:
        """The small-count threshold of the region this belongs to (None: the national one)."""
        return None

    def vulnerability_shown(self) -> dict[str, int | None]:
        """Vulnerability aggregates with small counts suppressed, as shown on pages and exports."""
        limit = self.privacy_limit()
        return {key: suppress(value, limit) for key, value in sorted(self.vulnerability.items())}

    def population_shown(self) -> dict[str, Any]:
        limit = self.privacy_limit()
        return {
            "population": self.population,
            "age_0_14": self.age_0_14,
            "age_15_64": self.age_15_64,
            "age_65_plus": suppress(self.age_65_plus, limit),
            "age_75_plus": suppress(self.age_75_plus, limit),
            "population_year": self.population_year,
            "vulnerability": self.vulnerability_shown(),
        }


class Region(GeoFields):
    """A safety region (veiligheidsregio)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # How the region signs its public alerts (CAP); set through areas.services.set_alert_identity.
    cap_sender = models.CharField(
        _("CAP sender"),
        max_length=200,
        blank=True,
        help_text=_("The region's domain or an address at it, e.g. vrbn.nl or alerts@vrbn.nl."),
    )
    cap_web = models.URLField(
        _("web page for alerts"),
        blank=True,
        help_text=_("Where residents read more about an alert, when the alert names no page."),
    )
    cap_contact = models.CharField(
        _("contact for alerts"),
        max_length=200,
        blank=True,
        help_text=_("How residents reach the region about an alert, e.g. a phone number."),
    )
    # The region's own settings page (areas.services.update_region_settings); empty: none.
    public_intro_nl = models.TextField(
        _("introduction on the public site (Dutch)"),
        blank=True,
        help_text=_("Shown on the public home page, above the postcode search."),
    )
    public_intro_en = models.TextField(
        _("introduction on the public site (English)"),
        blank=True,
        help_text=_("Shown on the English public home page, above the postcode search."),
    )
    # Empty (None): the installation's defaults (planning.constants, PARAAT_SMALL_COUNT_THRESHOLD).
    default_threshold_m = models.FloatField(
        _("default coverage distance (metres)"), null=True, blank=True
    )
    default_capacity = models.PositiveIntegerField(
        _("default residents per point (capacity)"), null=True, blank=True
    )
    small_count_threshold = models.PositiveIntegerField(
        _("small-count threshold"), null=True, blank=True
    )
    # Which version of the region's norm profile (supportpoints.NormProfile) points are assessed
    # and planned against; empty: always the newest.
    norm_profile_version = models.PositiveIntegerField(
        _("norm profile version"), null=True, blank=True
    )
    # The region's logo, a PNG or JPEG in PARAAT_DATA_DIR (areas.logo); the name holds a hash of
    # the content, so a new logo is a new address and caches never show the old one.
    logo = models.CharField(_("logo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("safety region")
        verbose_name_plural = _("safety regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def small_count_limit(self) -> int:
        """Counts below this are hidden: the region's own threshold, never below the national one."""
        national = int(settings.PARAAT_SMALL_COUNT_THRESHOLD)
        return max(national, self.small_count_threshold or 0)

    def public_intro(self, language: str) -> str:
        return self.public_intro_en if language == "en" else self.public_intro_nl


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def in_region(self, region: Region) -> MunicipalityQuerySet:
        return self.filter(region=region)

    def for_ids(self, ids: set[int]) -> MunicipalityQuerySet:
        return self.filter(pk__in=ids)


class Municipality(GeoFields, PopulationFields):
    """A municipality by its CBS code (GMxxxx)."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("safety region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def privacy_limit(self) -> int | None:
        return self.region.small_count_limit


class AreaQuerySet(models.QuerySet["Area"]):
    def of_kind(self, kind: str) -> AreaQuerySet:
        return self.filter(kind=kind)

    def in_region(self, region: Region) -> AreaQuerySet:
        return self.filter(municipality__region=region)

    def in_municipality(self, municipality: Municipality) -> AreaQuerySet:
        return self.filter(municipality=municipality)

    def kinds_present(self) -> list[str]:
        return list(self.order_by("kind").values_list("kind", flat=True).distinct())


class Area(GeoFields, PopulationFields):
    """A statistical area: wijk, buurt, postcode area (PC4/PC6) or grid cell."""

    kind = models.CharField(_("kind"), max_length=10, choices=AreaKind.choices)
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="areas"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="area_unique_kind_code")
        ]
        indexes = [models.Index(fields=["municipality", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code

    def privacy_limit(self) -> int | None:
        """The region's threshold; lists select_related("municipality__region") for it."""
        return self.municipality.region.small_count_limit
