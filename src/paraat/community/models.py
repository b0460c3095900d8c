"""Volunteers, their certificates and shifts, call-outs and the asks they send.

Personal data lives only on `Volunteer` (and nowhere else): its fields named in
`AUDIT_REDACTED_FIELDS` never reach the audit trail, so erasing a volunteer erases her.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from paraat.community.constants import (
    CERTIFIED_SKILLS,
    AskState,
    CalloutState,
    Channel,
    InitiativeKind,
    InitiativeState,
    Organisation,
    PartnerKind,
    PowerDependency,
    VolunteerOrigin,
    VolunteerState,
)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class VolunteerQuerySet(models.QuerySet["Volunteer"]):
    def in_region(self, region: object) -> VolunteerQuerySet:
        return self.filter(region=region)

    def in_municipalities(self, ids: set[int]) -> VolunteerQuerySet:
        return self.filter(municipality_id__in=ids)

    def active(self) -> VolunteerQuerySet:
        return self.filter(state=VolunteerState.ACTIVE)

    def with_skill(self, skill: str, on: dt.date) -> VolunteerQuerySet:
        """Volunteers who have the skill; a certified skill counts only with a valid certificate."""
        having = self.filter(skills__skill=skill)
        if skill in CERTIFIED_SKILLS:
            having = having.filter(certificates__skill=skill, certificates__expires_on__gte=on)
        return having.distinct()

    def within_box(self, x: float, y: float, radius: float) -> VolunteerQuerySet:
        return self.filter(
            x_rd__gte=x - radius, x_rd__lte=x + radius, y_rd__gte=y - radius, y_rd__lte=y + radius
        )

    def for_list(self) -> VolunteerQuerySet:
        return self.select_related("municipality").prefetch_related("skills").order_by("pk")


class Volunteer(models.Model):
    """A person who offered to help. Home location is a postcode unless she gives an address."""

    AUDIT_REDACTED_FIELDS = ("name", "email", "phone", "address", "postcode", "lon", "lat", "x_rd", "y_rd", "link_secret")  # fmt: skip

    region = models.ForeignKey("areas.Region", on_delete=models.PROTECT, related_name="volunteers")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    address = models.CharField(_("street and house number"), max_length=200, blank=True)
    lon = models.FloatField()
    lat = models.FloatField()
    x_rd = models.FloatField(db_index=True)
    y_rd = models.FloatField()
    organisation = models.CharField(
        _("organisation"), max_length=20, choices=Organisation.choices, default=Organisation.NONE
    )
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    away = models.JSONField(_("dates away"), default=list, blank=True)
    points = models.ManyToManyField(
        "supportpoints.SupportPoint",
        verbose_name=_("assigned points"),
        blank=True,
        related_name="volunteers",
    )
    origin = models.CharField(max_length=20, choices=VolunteerOrigin.choices)
    state = models.CharField(
        max_length=20, choices=VolunteerState.choices, default=VolunteerState.ACTIVE
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)
    link_secret = models.CharField(max_length=64, default=new_secret)
    last_active_at = models.DateTimeField()
    erase_notice_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [models.Index(fields=["region", "state"])]

    def __str__(self) -> str:
        # Never the name: this text lands in the audit trail.
        return f"volunteer #{self.pk}"


class VolunteerSkill(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(_("skill"), max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "skill"], name="volunteer_skill_once")
        ]
        indexes = [models.Index(fields=["skill"])]

    def __str__(self) -> str:
        return self.skill


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid_on(self, day: dt.date) -> CertificateQuerySet:
        return self.filter(expires_on__gte=day)

    def expiring(self, day: dt.date, within_days: int) -> CertificateQuerySet:
        return self.filter(expires_on__gte=day, expires_on__lte=day + dt.timedelta(within_days))


class Certificate(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="certificates")
    skill = models.CharField(_("skill"), max_length=20)
    issuer = models.CharField(_("issued by"), max_length=150)
    expires_on = models.DateField(_("valid until"))
    expiry_notice_sent_on = models.DateField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["expires_on"]

    def __str__(self) -> str:
        return f"{self.skill} until {self.expires_on:%Y-%m-%d}"


class PointStaffing(models.Model):
    """How many volunteers a point needs on duty while it is open."""

    point = models.OneToOneField(
        "supportpoints.SupportPoint", on_delete=models.CASCADE, related_name="staffing"
    )
    minimum_staff = models.PositiveSmallIntegerField(_("minimum staff on duty"), default=2)

    def __str__(self) -> str:
        return f"{self.point_id}: {self.minimum_staff}"


class ShiftQuerySet(models.QuerySet["Shift"]):
    def overlapping(self, start: dt.datetime, end: dt.datetime) -> ShiftQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def on_duty(self, moment: dt.datetime) -> ShiftQuerySet:
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)


class Shift(models.Model):
    """Who is expected at a point when, for one incident or exercise."""

    incident = models.ForeignKey(
        "operations.Incident", on_delete=models.CASCADE, related_name="shifts"
    )
    point = models.ForeignKey(
        "supportpoints.SupportPoint", on_delete=models.CASCADE, related_name="shifts"
    )
    volunteer = models.ForeignKey(
        Volunteer, null=True, on_delete=models.SET_NULL, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    handover = models.TextField(_("hand-over notes"), blank=True)
    callout = models.ForeignKey(
        "community.Callout", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"shift {self.point_id} {self.starts_at:%Y-%m-%d %H:%M}"


class CalloutQuerySet(models.QuerySet["Callout"]):
    def in_region(self, region: object) -> CalloutQuerySet:
        return self.filter(point__region=region)

    def open(self) -> CalloutQuerySet:
        return self.filter(state=CalloutState.OPEN)


class Callout(models.Model):
    """A capped, geo-targeted request for volunteers: nearest first, widening in rings."""

    incident = models.ForeignKey(
        "operations.Incident", on_delete=models.CASCADE, related_name="callouts"
    )
    point = models.ForeignKey(
        "supportpoints.SupportPoint", on_delete=models.CASCADE, related_name="callouts"
    )
    help_request = models.ForeignKey(
        "operations.HelpRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skill = models.CharField(_("skill wanted"), max_length=20)
    needed = models.PositiveSmallIntegerField(_("number needed"))
    accepted_count = models.PositiveSmallIntegerField(default=0)
    radius_m = models.PositiveIntegerField(_("radius (metres)"))
    max_radius_m = models.PositiveIntegerField(_("widest radius (metres)"))
    step_m = models.PositiveIntegerField(_("widen by (metres)"))
    wait_minutes = models.PositiveSmallIntegerField(_("minutes before widening"), default=10)
    shift_hours = models.PositiveSmallIntegerField(_("shift length (hours)"), default=4)
    # Asked at most per ring (nearest first); empty: three times the number still needed.
    asks_per_ring = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=CalloutState.choices, default=CalloutState.OPEN)
    ring = models.PositiveSmallIntegerField(default=0)
    ring_started_at = models.DateTimeField(null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalloutQuerySet.as_manager()

    class Meta:
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_count__lte=models.F("needed")), name="callout_cap_holds"
            )
        ]

    def __str__(self) -> str:
        return f"call-out {self.pk} {self.skill}×{self.needed}"


class Ask(models.Model):
    """One volunteer asked once for one call-out; the unique constraint makes 'once' a fact."""

    callout = models.ForeignKey(Callout, on_delete=models.CASCADE, related_name="asks")
    volunteer = models.ForeignKey(
        Volunteer, null=True, on_delete=models.SET_NULL, related_name="asks"
    )
    order = models.PositiveIntegerField()
    ring = models.PositiveSmallIntegerField()
    distance_m = models.PositiveIntegerField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    state = models.CharField(max_length=20, choices=AskState.choices, default=AskState.ASKED)
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["callout", "volunteer"], name="ask_volunteer_once")
        ]

    def __str__(self) -> str:
        return f"ask {self.pk} ({self.state})"


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def in_region(self, region: object) -> InitiativeQuerySet:
        return self.filter(region=region)

    def approved(self) -> InitiativeQuerySet:
        return self.filter(state=InitiativeState.APPROVED)

    def pending(self) -> InitiativeQuerySet:
        return self.filter(state=InitiativeState.PENDING)


class Initiative(models.Model):
    """A neighbourhood initiative or organisation that helps in a crisis (buurtnetwerk, food bank,
    church, sports club, ...). Public registrations wait for an officer's approval."""

    AUDIT_REDACTED_FIELDS = ("contact_name", "contact_phone", "contact_email")

    region = models.ForeignKey("areas.Region", on_delete=models.PROTECT, related_name="initiatives")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    offers = models.JSONField(_("what they can offer"), default=list, blank=True)
    reachable = models.CharField(_("when they can be reached"), max_length=300, blank=True)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("areas served"), blank=True, related_name="initiatives"
    )
    geometry = models.JSONField(_("area served, drawn (GeoJSON)"), null=True, blank=True)
    points = models.ManyToManyField(
        "supportpoints.SupportPoint",
        verbose_name=_("linked points"),
        blank=True,
        related_name="initiatives",
    )
    state = models.CharField(
        max_length=20, choices=InitiativeState.choices, default=InitiativeState.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen initiative")
        verbose_name_plural = _("citizen initiatives")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name


class PartnerQuerySet(models.QuerySet["Partner"]):
    def in_region(self, region: object) -> PartnerQuerySet:
        return self.filter(region=region)

    def of_kind(self, kind: str) -> PartnerQuerySet:
        return self.filter(kind=kind)

    def with_backup(self) -> PartnerQuerySet:
        """Partners that told the region how long they last on their own backup power."""
        return self.filter(backup_hours__isnull=False)

    def review_overdue(self, day: dt.date) -> PartnerQuerySet:
        return self.filter(agreement_review_on__lt=day)

    def for_list(self) -> PartnerQuerySet:
        return self.select_related("municipality").order_by("kind", "name")


class Partner(models.Model):
    """A vital or care partner (water company, grid operator, care provider, ...): how to reach it
    without telecom, the agreement (convenant) with the region, and what it promises during a long
    outage. Its backup duration feeds the outage clock. The organisation's own numbers are not
    personal data; its contact persons are (`PartnerContact`)."""

    region = models.ForeignKey("areas.Region", on_delete=models.PROTECT, related_name="partners")
    municipality = models.ForeignKey(
        "areas.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        help_text=_("Empty: the partner works for the whole region."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    control_room_phone = models.CharField(_("24/7 number"), max_length=30, blank=True)
    fallback_phone = models.CharField(
        _("24/7 number without the public network (satellite, fixed line)"),
        max_length=30,
        blank=True,
    )
    radio_channel = models.CharField(_("radio channel or talk group"), max_length=100, blank=True)
    sends_liaison = models.BooleanField(
        _("sends a liaison to the coordination point"), default=False
    )
    agreement = models.CharField(_("agreement (convenant)"), max_length=200, blank=True)
    agreement_signed_on = models.DateField(_("signed on"), null=True, blank=True)
    agreement_review_on = models.DateField(_("next review"), null=True, blank=True)
    backup_hours_min = models.FloatField(_("backup power, at least (hours)"), null=True, blank=True)
    backup_hours = models.FloatField(_("backup power, likely (hours)"), null=True, blank=True)
    backup_hours_max = models.FloatField(_("backup power, at most (hours)"), null=True, blank=True)
    promises = models.TextField(_("what they promise the region during a long outage"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(backup_hours__isnull=True) | Q(backup_hours__gte=0),
                name="partner_backup_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def review_overdue(self, day: dt.date) -> bool:
        return self.agreement_review_on is not None and self.agreement_review_on < day

    def backup_range(self) -> tuple[float, float, float] | None:
        """(min, likely, max) hours; a missing bound is the likely figure."""
        if self.backup_hours is None:
            return None
        low = self.backup_hours if self.backup_hours_min is None else self.backup_hours_min
        high = self.backup_hours if self.backup_hours_max is None else self.backup_hours_max
        return (low, self.backup_hours, high)


class PartnerContact(models.Model):
    """A person at a partner: personal data, shown only per access rules and every view logged."""

    AUDIT_REDACTED_FIELDS = ("name", "phone", "email")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_liaison = models.BooleanField(_("liaison at the coordination point"), default=False)

    class Meta:
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")
        ordering = ["-is_liaison", "pk"]

    def __str__(self) -> str:
        # Never the name: this text lands in the audit trail.
        return f"partner contact #{self.pk}"


class PowerDependentClients(models.Model):
    """How many clients of a care partner in one area depend on power at home. An aggregate, never
    a list of people; shown only summed per area and with small counts suppressed."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="power_dependent")
    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="power_dependent_clients"
    )
    dependency = models.CharField(_("depends on"), max_length=20, choices=PowerDependency.choices)
    count = models.PositiveIntegerField(_("clients"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("power-dependent clients")
        verbose_name_plural = _("power-dependent clients")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "area", "dependency"], name="power_dependent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.area_id} {self.dependency}"
