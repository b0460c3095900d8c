"""Dated coverage and optimisation runs, and the walking networks a region registers.

A run keeps its parameters and its figures (as JSON, the same document the command line prints
and the API returns), so progress over time stays visible even when points or areas change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from paraat.planning.constants import (
    DEFAULT_CAPACITY,
    DEFAULT_THRESHOLD_M,
    DEFAULT_TIME_LIMIT,
    DistanceKind,
    OptimisationModel,
    Weight,
)


class NetworkQuerySet(models.QuerySet[Any]):
    def newest_for(self, region: object) -> Any:
        """The region's newest network (the one the public pages walk over), or None."""
        return self.filter(region=region).order_by("-created_at", "-pk").first()


class WalkingNetwork(models.Model):
    """A street network for walking distances, built from an OSM or GeoPackage file.

    The built network (a .npz file of paraat.geo.network) lives under the data directory; the
    path is stored relative to it, so a moved data directory keeps working.
    """

    region = models.ForeignKey(
        "areas.Region", on_delete=models.CASCADE, related_name="walking_networks"
    )
    name = models.CharField(_("name"), max_length=150)
    source_name = models.CharField(_("source file"), max_length=255)
    path = models.CharField(_("stored network file"), max_length=500)
    n_nodes = models.PositiveIntegerField(_("nodes"), default=0)
    n_edges = models.PositiveIntegerField(_("edges"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("walking network")
        verbose_name_plural = _("walking networks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_path(self) -> Any:
        return settings.DATA_DIR / self.path


class RunQuerySet(models.QuerySet[Any]):
    def in_region(self, region: object) -> RunQuerySet:
        return self.filter(region=region)

    def visible_in(self, municipality_ids: set[int] | None) -> RunQuerySet:
        """None: every run; else region-wide runs and runs of these municipalities."""
        if municipality_ids is None:
            return self
        return self.filter(Q(municipality__isnull=True) | Q(municipality_id__in=municipality_ids))

    def for_list(self) -> RunQuerySet:
        """Newest first, without the (large) figures: lists read the summary."""
        return (
            self.select_related("municipality", "created_by", "network")
            .defer("figures")
            .order_by("-created_at", "-pk")
        )


class RunFields(models.Model):
    region = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole region."),
    )
    threshold_m = models.FloatField(_("distance threshold (metres)"), default=DEFAULT_THRESHOLD_M)
    distance_kind = models.CharField(
        _("distance"), max_length=10, choices=DistanceKind.choices, default=DistanceKind.STRAIGHT
    )
    network = models.ForeignKey(
        WalkingNetwork,
        verbose_name=_("walking network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weight = models.CharField(
        _("whom to count"), max_length=40, choices=Weight.choices, default=Weight.RESIDENTS
    )
    area_kind = models.CharField(_("area kind"), max_length=10)
    capacity = models.PositiveIntegerField(
        _("residents per point (capacity)"), default=DEFAULT_CAPACITY
    )
    figures = models.JSONField(_("figures"), default=dict)
    summary = models.JSONField(
        _("summary"), default=dict, blank=True, help_text=_("The few figures run lists show.")
    )
    seconds = models.FloatField(_("time used (seconds)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class CoverageRun(RunFields):
    """Who lives within reach of a designated or prepared point, as of the run's date.

    A what-if run closes points or adds candidate sites (by code) without changing them.
    """

    closed = models.JSONField(_("points closed (what-if)"), default=list, blank=True)
    added = models.JSONField(_("candidate sites added (what-if)"), default=list, blank=True)

    class Meta(RunFields.Meta):
        verbose_name = _("coverage run")
        verbose_name_plural = _("coverage runs")
        indexes = [models.Index(fields=["region", "-created_at"])]

    def __str__(self) -> str:
        return f"coverage {self.pk} ({self.created_at:%Y-%m-%d})"

    @property
    def is_what_if(self) -> bool:
        return bool(self.closed or self.added)


class OptimisationRun(RunFields):
    """A proposal for new sites among the candidates, with the existing points kept."""

    model = models.CharField(_("model"), max_length=10, choices=OptimisationModel.choices)
    k = models.PositiveIntegerField(_("number of new sites"), null=True, blank=True)
    target = models.FloatField(_("target share covered"), null=True, blank=True)
    time_limit = models.FloatField(_("time limit (seconds)"), default=DEFAULT_TIME_LIMIT)

    class Meta(RunFields.Meta):
        verbose_name = _("optimisation run")
        verbose_name_plural = _("optimisation runs")
        indexes = [models.Index(fields=["region", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.model} {self.pk} ({self.created_at:%Y-%m-%d})"

    @property
    def question(self) -> str:
        """What the run asked, with its number of sites ("with 5 new sites"), in plain words."""
        from paraat.planning import explain

        return explain.question(self)

    @property
    def residents_added(self) -> float | None:
        """What the proposed sites add together (in the run's weight); None when suppressed."""
        added = self.summary.get("added", 0.0)
        return None if added is None else float(added)
