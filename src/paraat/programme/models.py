"""The regional programme: lines × municipalities, ambitions, activities and their indicators.

A region's programme has lines (started from a template, then edited); each municipality chooses
per line an ambition level, in the region's own words, with its pace and the decision that set
it. Activities belong to a municipality or to the whole region. An activity's indicator is either
measured by Paraat (read when shown, never stored) or stated by its owner with a date.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from paraat.accounts.constants import Role
from paraat.programme import continuity
from paraat.programme.constants import (
    ActivityStatus,
    DecisionBody,
    Dependency,
    IndicatorKind,
    Level,
    TrainingKind,
)


class LineQuerySet(models.QuerySet["ProgrammeLine"]):
    def in_region(self, region: object) -> LineQuerySet:
        return self.filter(region=region)


class ProgrammeLine(models.Model):
    region = models.ForeignKey(
        "areas.Region", on_delete=models.CASCADE, related_name="programme_lines"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme line")
        verbose_name_plural = _("programme lines")
        ordering = ["region", "number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="programme_line_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AmbitionLevel(models.Model):
    """What a level means in this region, in the region's own words."""

    region = models.ForeignKey(
        "areas.Region", on_delete=models.CASCADE, related_name="ambition_levels"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("ambition level")
        verbose_name_plural = _("ambition levels")
        constraints = [
            models.UniqueConstraint(fields=["region", "level"], name="programme_level_per_region")
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class AmbitionQuerySet(models.QuerySet["Ambition"]):
    def in_region(self, region: object) -> AmbitionQuerySet:
        return self.filter(line__region=region)

    def of_municipality(self, municipality: object) -> AmbitionQuerySet:
        return self.filter(municipality=municipality)


class Ambition(models.Model):
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="ambitions",
    )
    line = models.ForeignKey(
        ProgrammeLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="ambitions"
    )
    level = models.CharField(_("ambition level"), max_length=20, choices=Level.choices)
    interim_date = models.DateField(_("interim target date"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    accounthouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account holder (user)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accounthouder_name = models.CharField(_("account holder (name)"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(
        _("decided by"), max_length=20, choices=DecisionBody.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = AmbitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "line"], name="programme_ambition_per_line"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.line}: {self.get_level_display()}"

    @property
    def accounthouder_label(self) -> str:
        if self.accounthouder_id and self.accounthouder is not None:
            return self.accounthouder.get_full_name() or self.accounthouder.username
        return self.accounthouder_name


class ActivityQuerySet(models.QuerySet["Activity"]):
    def in_region(self, region: object) -> ActivityQuerySet:
        return self.filter(region=region)

    def of_municipality(self, municipality: object) -> ActivityQuerySet:
        return self.filter(municipality=municipality)

    def region_wide(self) -> ActivityQuerySet:
        return self.filter(municipality__isnull=True)

    def for_municipality_page(self, municipality: object) -> ActivityQuerySet:
        """Its own activities and the region's, line by line."""
        return (
            self.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
            .select_related("line", "municipality")
            .order_by("line__number", "municipality", "title")
        )


class Activity(models.Model):
    region = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="programme_activities",
        help_text=_("Empty: region-wide."),
    )
    line = models.ForeignKey(
        ProgrammeLine, verbose_name=_("line"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("owner"), max_length=200)
    partners = models.TextField(_("partners"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.IDEA
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    indicator_kind = models.CharField(
        _("indicator"), max_length=20, choices=IndicatorKind.choices, blank=True
    )
    indicator_label = models.CharField(
        _("what is counted"),
        max_length=200,
        blank=True,
        help_text=_("For a stated indicator, e.g. 'neighbourhood meetings held'."),
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    threshold_m = models.PositiveIntegerField(
        _("walking distance (metres)"),
        null=True,
        blank=True,
        help_text=_("For the coverage indicator: the distance of the coverage run it reads."),
    )
    stated_value = models.FloatField(_("stated value"), null=True, blank=True)
    stated_on = models.DateField(_("stated on"), null=True, blank=True)
    is_example = models.BooleanField(
        _("invented example"), default=False, help_text=_("Demo data, not a real activity.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["line__number", "title"]

    def __str__(self) -> str:
        return self.title


class CriticalProcessQuerySet(models.QuerySet["CriticalProcess"]):
    def in_region(self, region: object) -> CriticalProcessQuerySet:
        return self.filter(region=region)

    def of_municipality(self, municipality: object) -> CriticalProcessQuerySet:
        return self.filter(municipality=municipality)

    def of_safety_region(self) -> CriticalProcessQuerySet:
        return self.filter(municipality__isnull=True)


class CriticalProcess(models.Model):
    """One line of an organisation's continuity register ("Eigen huis op orde"): a process of a
    municipality, or of the safety region itself when the municipality is empty."""

    region = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="critical_processes",
        help_text=_("Empty: a process of the safety region itself."),
    )
    name = models.CharField(_("process"), max_length=200)
    max_downtime_h = models.PositiveIntegerField(_("maximum tolerable downtime (hours)"))
    dependencies = models.JSONField(_("depends on"), default=list, blank=True)
    fallback = models.TextField(_("fallback"), blank=True)
    fallback_autonomy_h = models.PositiveIntegerField(
        _("fallback holds for (hours)"), null=True, blank=True
    )
    owner = models.CharField(_("owner"), max_length=200)
    is_example = models.BooleanField(
        _("invented example"), default=False, help_text=_("Demo data, not a real process.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CriticalProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("critical process")
        verbose_name_plural = _("critical processes")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def dependency_labels(self) -> list[str]:
        labels = dict(Dependency.choices)
        return [str(labels.get(d, d)) for d in self.dependencies]

    def as_plain(self) -> continuity.Process:
        return continuity.Process(
            key=self.pk,
            max_downtime_h=self.max_downtime_h,
            dependencies=tuple(self.dependencies),
            has_fallback=bool(self.fallback.strip()),
            fallback_autonomy_h=self.fallback_autonomy_h,
        )


class TrainingQuerySet(models.QuerySet["TrainingEvent"]):
    def in_region(self, region: object) -> TrainingQuerySet:
        return self.filter(region=region)

    def of_municipality(self, municipality: object) -> TrainingQuerySet:
        return self.filter(municipality=municipality)

    def exercises(self) -> TrainingQuerySet:
        return self.filter(kind=TrainingKind.EXERCISE)

    def upcoming(self, now: dt.datetime) -> TrainingQuerySet:
        return self.filter(starts_at__gte=now).order_by("starts_at", "pk")

    def past(self, now: dt.datetime) -> TrainingQuerySet:
        return self.filter(starts_at__lt=now).order_by("-starts_at", "-pk")

    def held_between(self, start: dt.datetime, end: dt.datetime) -> TrainingQuerySet:
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def for_calendar(self) -> TrainingQuerySet:
        return self.select_related("municipality", "incident").prefetch_related("points")


class TrainingEvent(models.Model):
    """A training or an exercise on the region's calendar: who takes part (roles, people), which
    points, and for an exercise the operations incident in which it was played, whose
    after-action metrics it shows."""

    region = models.ForeignKey("areas.Region", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_events",
        help_text=_("Empty: region-wide."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=TrainingKind.choices, default=TrainingKind.TRAINING
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    roles = models.JSONField(_("roles taking part"), default=list, blank=True)
    points = models.ManyToManyField(
        "supportpoints.SupportPoint",
        verbose_name=_("points involved"),
        blank=True,
        related_name="training_events",
    )
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    people = models.TextField(
        _("people and organisations"), blank=True, help_text=_("Who takes part, one per line.")
    )
    incident = models.ForeignKey(
        "operations.Incident",
        verbose_name=_("exercise incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_events",
        help_text=_("The exercise in operations in which it was played, for its metrics."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_example = models.BooleanField(
        _("invented example"), default=False, help_text=_("Demo data, not a real event.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("training or exercise")
        verbose_name_plural = _("trainings and exercises")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(r, r)) for r in self.roles]
