"""Public alerts (CAP 1.2): authored here with two-person approval, or imported from elsewhere."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paraat.alerts.constants import (
    CANCEL_VISIBLE_HOURS,
    AlertState,
    CapStatus,
    Category,
    Certainty,
    MsgType,
    Origin,
    ResponseType,
    Severity,
    Urgency,
)


class AlertQuerySet(models.QuerySet["Alert"]):
    def in_region(self, region: object) -> AlertQuerySet:
        return self.filter(region=region)

    def own(self) -> AlertQuerySet:
        return self.filter(origin=Origin.OWN)

    def published(self) -> AlertQuerySet:
        return self.filter(state=AlertState.PUBLISHED)

    def current(self, now: dt.datetime | None = None) -> AlertQuerySet:
        """Published own alerts and updates not replaced, cancelled or expired (also those that
        start later: residents may need to prepare)."""
        now = now or timezone.now()
        return (
            self.own()
            .published()
            .filter(msg_type__in=(MsgType.ALERT, MsgType.UPDATE))
            .filter(Q(expires__isnull=True) | Q(expires__gt=now))
        )

    def sent_out(self) -> AlertQuerySet:
        """Own alerts that were published, whatever became of them since (replaced, cancelled,
        expired): their CAP documents stay public at their address."""
        return self.own().filter(
            state__in=(AlertState.PUBLISHED, AlertState.REPLACED, AlertState.CANCELLED),
            sent__isnull=False,
        )

    def in_feed(self, now: dt.datetime | None = None) -> AlertQuerySet:
        """What the feed and the CAP folder carry: current alerts and recent cancels."""
        now = now or timezone.now()
        recent_cancel = Q(
            msg_type=MsgType.CANCEL, sent__gt=now - dt.timedelta(hours=CANCEL_VISIBLE_HOURS)
        )
        current = Q(pk__in=self.current(now).values("pk"))
        return self.own().published().filter(current | recent_cancel)

    def for_list(self) -> AlertQuerySet:
        return self.select_related("author", "approved_by", "original").order_by(
            "-updated_at", "-pk"
        )


class Alert(models.Model):
    region = models.ForeignKey(
        "areas.Region", verbose_name=_("safety region"), on_delete=models.PROTECT, related_name="+"
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.OWN
    )
    state = models.CharField(
        _("state"), max_length=10, choices=AlertState.choices, default=AlertState.DRAFT
    )
    # CAP <alert>
    identifier = models.CharField(_("CAP identifier"), max_length=200, unique=True)
    sender = models.CharField(_("CAP sender"), max_length=200)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CapStatus.choices, default=CapStatus.ACTUAL
    )
    msg_type = models.CharField(
        _("message type"), max_length=10, choices=MsgType.choices, default=MsgType.ALERT
    )
    original = models.ForeignKey(
        "self",
        verbose_name=_("original alert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    references = models.TextField(_("CAP references"), blank=True)
    risk = models.CharField(_("template (risk)"), max_length=20, blank=True)
    # CAP <info>, the same for both languages
    event = models.CharField(_("event"), max_length=120)
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.SAFETY
    )
    response_type = models.CharField(
        _("response type"), max_length=10, choices=ResponseType.choices, blank=True
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.EXPECTED
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MODERATE
    )
    certainty = models.CharField(
        _("certainty"), max_length=10, choices=Certainty.choices, default=Certainty.LIKELY
    )
    effective = models.DateTimeField(_("in force from"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    web = models.URLField(_("web page with more information"), blank=True)
    # Texts per language
    headline_nl = models.CharField(_("headline (Dutch)"), max_length=160)
    description_nl = models.TextField(_("what is happening (Dutch)"))
    instruction_nl = models.TextField(_("what to do (Dutch)"), blank=True)
    headline_en = models.CharField(_("headline (English)"), max_length=160)
    description_en = models.TextField(_("what is happening (English)"))
    instruction_en = models.TextField(_("what to do (English)"), blank=True)
    # CAP <area>
    municipalities = models.ManyToManyField(
        "areas.Municipality", verbose_name=_("municipalities"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("districts and postcode areas"), blank=True, related_name="+"
    )
    polygon = models.JSONField(_("drawn area (GeoJSON, WGS 84)"), null=True, blank=True)
    area_desc = models.CharField(_("area description"), max_length=500, blank=True)
    # Every municipality the area touches, kept by the services for the access rules.
    scope_municipality_ids = models.JSONField(default=list, blank=True)
    # The document as published (or imported), kept exactly as sent
    cap_xml = models.BinaryField(_("CAP document"), blank=True, default=b"")
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # Who and when
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Everyone who wrote or changed the content (the author too): none of them may approve it.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("replaced or cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["region", "state", "origin"])]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.headline_nl}"

    @property
    def is_external(self) -> bool:
        return self.origin == Origin.EXTERNAL

    @property
    def is_exercise(self) -> bool:
        return self.status != CapStatus.ACTUAL

    @property
    def cap_filename(self) -> str:
        return cap_filename(self.identifier)

    def has_editor(self, user: object) -> bool:
        """Did this person write or change the content (so may not be its second person)?"""
        pk = getattr(user, "pk", None)
        if pk is None:
            return False
        return self.author_id == pk or self.editors.filter(pk=pk).exists()

    def text(self, language: str, name: str) -> str:
        value: str = getattr(self, f"{name}_{language}")
        return value


def cap_filename(identifier: str) -> str:
    """A file name for the CAP document: the identifier with unsafe characters replaced."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in identifier).strip(".")
    return f"{safe or 'alert'}.xml"
