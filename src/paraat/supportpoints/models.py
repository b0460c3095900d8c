"""Coordination points, noodsteunpunten and candidate sites, with what they can do and who holds the keys."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from paraat.supportpoints.constants import (
    ACTIVE_LIFECYCLES,
    BuildingType,
    CommsKind,
    ContactRole,
    Lifecycle,
    NormResult,
    Service,
    TaskStatus,
    Tier,
)


class SupportPointQuerySet(models.QuerySet["SupportPoint"]):
    def in_region(self, region: object) -> SupportPointQuerySet:
        return self.filter(region=region)

    def in_municipality(self, municipality: object) -> SupportPointQuerySet:
        return self.filter(municipality=municipality)

    def in_municipalities(self, ids: set[int]) -> SupportPointQuerySet:
        return self.filter(municipality_id__in=ids)

    def active(self) -> SupportPointQuerySet:
        """Designated or prepared: the points the public network counts on."""
        return self.filter(lifecycle__in=ACTIVE_LIFECYCLES).exclude(tier=Tier.CANDIDATE)

    def local(self) -> SupportPointQuerySet:
        return self.filter(tier=Tier.LOCAL)

    def coordination(self) -> SupportPointQuerySet:
        return self.filter(tier=Tier.COORDINATION)

    def candidates(self) -> SupportPointQuerySet:
        return self.filter(Q(tier=Tier.CANDIDATE) | Q(lifecycle=Lifecycle.CANDIDATE))

    def with_norm(self, result: str) -> SupportPointQuerySet:
        return self.filter(norm_result=result)

    def missing_service(self, service: str) -> SupportPointQuerySet:
        return self.exclude(services__service=service, services__available=True)

    def for_list(self, own: Collection[int] = ()) -> SupportPointQuerySet:
        """For the registry's list: by municipality and code, the municipalities in ``own`` (a
        municipal officer's) first."""
        ordered = self.select_related("municipality", "coordination_point")
        if not own:
            return ordered.order_by("municipality__name", "code")
        not_own = Case(When(municipality_id__in=list(own), then=0), default=1)
        return ordered.order_by(not_own.asc(), "municipality__name", "code")


class SupportPoint(models.Model):
    # The same point on every instance (region server, laptops): see docs/sync.md.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        "areas.Region",
        verbose_name=_("safety region"),
        on_delete=models.PROTECT,
        related_name="support_points",
    )
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="support_points",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_points",
    )
    coordination_point = models.ForeignKey(
        "self",
        verbose_name=_("coordination point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_points",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.CANDIDATE)
    lifecycle = models.CharField(
        _("lifecycle"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.CANDIDATE
    )
    building_type = models.CharField(
        _("building type"), max_length=30, choices=BuildingType.choices, default=BuildingType.OTHER
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    capacity = models.PositiveIntegerField(_("capacity (people at once)"), null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), null=True, blank=True)
    open_within_minutes = models.PositiveIntegerField(
        _("target time to open after activation (minutes)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Energy autonomy
    generator_kw = models.FloatField(_("fixed generator (kW)"), null=True, blank=True)
    mobile_generator_connection = models.BooleanField(
        _("connection point for a mobile generator"), null=True, blank=True
    )
    battery_kwh = models.FloatField(_("battery (kWh)"), null=True, blank=True)
    solar_kw = models.FloatField(_("solar panels (kW peak)"), null=True, blank=True)
    power_need_kw = models.FloatField(_("power needed during a crisis (kW)"), null=True, blank=True)
    fuel_litres = models.FloatField(_("fuel stock (litres)"), null=True, blank=True)
    fuel_consumption_lph = models.FloatField(
        _("fuel consumption (litres per hour)"), null=True, blank=True
    )
    generator_last_test = models.DateField(_("last generator test run"), null=True, blank=True)
    # Norm assessment, kept up to date by the services so lists can filter on it.
    norm_result = models.CharField(
        _("norm result"), max_length=10, choices=NormResult.choices, default=NormResult.UNKNOWN
    )
    norm_gaps = models.JSONField(_("rules not met"), default=list, blank=True)
    norm_checked_at = models.DateTimeField(_("norm checked at"), null=True, blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("point leads"),
        blank=True,
        related_name="led_points",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("support point")
        verbose_name_plural = _("support points")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"], name="supportpoint_unique_code_in_region"
            )
        ]
        indexes = [
            models.Index(fields=["region", "tier", "lifecycle"]),
            models.Index(fields=["municipality", "tier"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def address(self) -> str:
        line = " ".join(p for p in (self.street, self.house_number) if p)
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (line, place) if p)

    @property
    def is_active(self) -> bool:
        return self.tier != Tier.CANDIDATE and self.lifecycle in ACTIVE_LIFECYCLES


class PointService(models.Model):
    """One service of a point, as of a date (a service matrix row)."""

    point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    available = models.BooleanField(_("available"), default=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    quantity = models.FloatField(
        _("quantity (e.g. litres of water in stock)"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["point", "service"], name="pointservice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.point.code}: {self.get_service_display()}"


class CommsMeans(models.Model):
    """A way to reach the coordination point without grid power or public telecom."""

    point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE, related_name="comms")
    kind = models.CharField(_("kind"), max_length=20, choices=CommsKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    last_tested = models.DateField(_("last tested"), null=True, blank=True)

    class Meta:
        verbose_name = _("communication means")
        verbose_name_plural = _("communication means")
        constraints = [models.UniqueConstraint(fields=["point", "kind"], name="commsmeans_unique")]

    def __str__(self) -> str:
        return f"{self.point.code}: {self.get_kind_display()}"


class Contact(models.Model):
    """Personal data: only officers of the municipality and the region see it; every view is logged."""

    point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(
        _("role"), max_length=20, choices=ContactRole.choices, default=ContactRole.KEY_HOLDER
    )
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    available_24_7 = models.BooleanField(_("reachable 24/7"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class NormProfileQuerySet(models.QuerySet["NormProfile"]):
    def current_for(self, region: object) -> NormProfile | None:
        """The newest version (the editor's starting point; a new version follows it)."""
        return self.filter(region=region).order_by("-version").first()

    def planned_for(self, region: Any) -> NormProfile | None:
        """The version the region assesses and plans against: the one its settings choose
        (Region.norm_profile_version), else the newest."""
        chosen = getattr(region, "norm_profile_version", None)
        if chosen:
            found = self.filter(region=region, version=chosen).first()
            if found is not None:
                return found
        return self.current_for(region)


class NormProfile(models.Model):
    """A versioned set of norm rules for a region; editing makes a new version, old ones stay."""

    region = models.ForeignKey(
        "areas.Region", on_delete=models.CASCADE, related_name="norm_profiles"
    )
    version = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=100)
    rules = models.JSONField(_("rules"))
    note = models.CharField(_("change note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NormProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("norm profile")
        verbose_name_plural = _("norm profiles")
        constraints = [
            models.UniqueConstraint(fields=["region", "version"], name="normprofile_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Inspection(models.Model):
    """A readiness visit: the checklist as found, and findings that become tasks."""

    point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE, related_name="inspections")
    visited_on = models.DateField(_("visited on"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checklist = models.JSONField(_("checklist"), default=dict)
    findings = models.TextField(_("findings"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.point.code} {self.visited_on}"


class TaskQuerySet(models.QuerySet["ReadinessTask"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status=TaskStatus.OPEN)


class ReadinessTask(models.Model):
    point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE, related_name="tasks")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    description = models.CharField(_("description"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("readiness task")
        verbose_name_plural = _("readiness tasks")
        ordering = ["status", "due_date"]

    def __str__(self) -> str:
        return self.description
