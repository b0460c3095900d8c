"""Incidents (real or exercise), activated points, status reports, help requests and the logbook."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from paraat.operations import logtext
from paraat.operations.constants import (
    Channel,
    ChecklistItem,
    IncidentKind,
    LogKind,
    Need,
    Phase,
    PointState,
    PowerSource,
    Priority,
    RequestOrigin,
    RequestStatus,
)


class IncidentQuerySet(models.QuerySet["Incident"]):
    def in_region(self, region: object) -> IncidentQuerySet:
        return self.filter(region=region)

    def open(self) -> IncidentQuerySet:
        return self.exclude(phase=Phase.CLOSED)

    def real(self) -> IncidentQuerySet:
        """Real incidents only: what happens in an exercise never reaches residents."""
        return self.filter(is_exercise=False)

    def exercises(self) -> IncidentQuerySet:
        return self.filter(is_exercise=True)


class Incident(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("areas.Region", on_delete=models.PROTECT, related_name="incidents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    is_exercise = models.BooleanField(_("exercise"), default=False)
    municipalities = models.ManyToManyField(
        "areas.Municipality", verbose_name=_("area (municipalities)"), related_name="incidents"
    )
    started_at = models.DateTimeField(_("start"))
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.ALERTING
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        """The title, marked in the reader's language when it is an exercise."""
        if self.is_exercise:
            return gettext("[EXERCISE] %(title)s") % {"title": self.title}
        return self.title


class Activation(models.Model):
    """A point taking part in an incident, with its opening checklist."""

    # Pointers that follow from the status reports (themselves an append-only trail): moving them
    # writes no audit entry (core.audit), the report that moved them is the record.
    AUDIT_DERIVED_FIELDS = ("opened_at", "first_report_at", "latest_report")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="activations")
    point = models.ForeignKey(
        "supportpoints.SupportPoint", on_delete=models.PROTECT, related_name="activations"
    )
    activated_at = models.DateTimeField(_("activated at"))
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checklist = models.JSONField(_("opening checklist"), default=dict)
    opened_at = models.DateTimeField(_("first reported open at"), null=True, blank=True)
    first_report_at = models.DateTimeField(_("first report at"), null=True, blank=True)
    latest_report = models.ForeignKey(
        "StatusReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("activation")
        verbose_name_plural = _("activations")
        constraints = [
            models.UniqueConstraint(fields=["incident", "point"], name="activation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.point_id}"

    def checklist_items(self) -> list[tuple[str, str, bool]]:
        """(key, label, done) for every item, in the fixed order of the opening checklist."""
        labels = dict(ChecklistItem.choices)
        return [
            (key, str(labels.get(key, key)), bool(done)) for key, done in self.checklist.items()
        ]

    @property
    def checklist_done(self) -> int:
        return sum(1 for done in self.checklist.values() if done)


# A report without a power source counts down too: better to warn early than to run dry unseen.
BURNS_FUEL = (PowerSource.GENERATOR, "")


def fuel_hours_at(
    hours_left: float | None, power_source: str, reported_at: dt.datetime, now: dt.datetime
) -> float | None:
    """The fuel hours a report gave, counted down to ``now`` (``StatusReport.fuel_hours_now``)."""
    if hours_left is None:
        return None
    if power_source not in BURNS_FUEL:
        return round(hours_left, 1)
    elapsed = (now - reported_at).total_seconds() / 3600
    return max(0.0, round(hours_left - max(elapsed, 0.0), 1))


class StatusReportQuerySet(models.QuerySet["StatusReport"]):
    def for_incident(self, incident: Incident) -> StatusReportQuerySet:
        return self.filter(incident=incident)

    def latest_per_point(self, incident: Incident) -> dict[int, StatusReport]:
        """The newest report of every point in the incident, in two queries at most."""
        newest: dict[int, StatusReport] = {}
        for report in self.filter(incident=incident).order_by("point_id", "-reported_at", "-pk"):
            newest.setdefault(report.point_id, report)
        return newest


class StatusReport(models.Model):
    """What a point reported, stored exactly once per idempotency key."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="reports")
    point = models.ForeignKey(
        "supportpoints.SupportPoint", on_delete=models.PROTECT, related_name="status_reports"
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=PointState.choices)
    services_available = models.JSONField(_("services available now"), default=list, blank=True)
    visitors = models.PositiveIntegerField(_("visitors present"), null=True, blank=True)
    power_source = models.CharField(
        _("power source"), max_length=10, choices=PowerSource.choices, blank=True
    )
    fuel_hours_left = models.FloatField(_("fuel hours left"), null=True, blank=True)
    fuel_litres_left = models.FloatField(_("fuel left (litres)"), null=True, blank=True)
    comms_working = models.BooleanField(_("communications working"), null=True, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(_("reported by"), max_length=150, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    reported_at = models.DateTimeField(_("time of the report"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    raw_line = models.CharField(_("one-line message"), max_length=200, blank=True)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        indexes = [models.Index(fields=["incident", "point", "-reported_at"])]

    def __str__(self) -> str:
        return f"{self.point_id} {self.state} {self.reported_at:%H:%M}"

    def fuel_hours_now(self, now: dt.datetime | None = None) -> float | None:
        """Fuel hours count down from the report while the generator burns fuel.

        The hours left were reckoned at the point's consumption (a report in litres is turned into
        hours with the point's litres per hour), so every hour on the generator uses one of them.
        On grid or battery power, or with no power at all, no fuel is burnt and the hours hold.
        """
        return fuel_hours_at(
            self.fuel_hours_left, self.power_source, self.reported_at, now or timezone.now()
        )

    def is_stale(self, now: dt.datetime | None = None) -> bool:
        from paraat.operations import state

        return state.is_stale(self.reported_at, now)


class HelpRequestQuerySet(models.QuerySet["HelpRequest"]):
    def open(self) -> HelpRequestQuerySet:
        return self.exclude(status__in=[RequestStatus.DONE, RequestStatus.CANCELLED])


class HelpRequest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="requests")
    point = models.ForeignKey(
        "supportpoints.SupportPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    origin = models.CharField(_("from"), max_length=20, choices=RequestOrigin.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Need.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.CharField(_("assigned to"), max_length=150, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"


class EmergencyRelay(models.Model):
    """An emergency report from a resident, relayed through a point to the coordination point."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="relays")
    point = models.ForeignKey(
        "supportpoints.SupportPoint", on_delete=models.PROTECT, related_name="relays"
    )
    received_at = models.DateTimeField(_("received at"))
    summary = models.TextField(_("what was reported"))
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_at = models.DateTimeField(_("outcome at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    # Residents' names, addresses and medical needs: never copied into the audit trail.
    AUDIT_REDACTED_FIELDS = ("summary", "outcome")

    class Meta:
        verbose_name = _("relayed emergency report")
        verbose_name_plural = _("relayed emergency reports")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"noodmelding #{self.pk}"


class AppendOnlyError(Exception):
    """The logbook is append-only: correct an entry by adding a new one that refers to it."""


class LogEntryQuerySet(models.QuerySet["LogEntry"]):
    """Bulk changes are refused too: the logbook only grows.

    The one exception is unlinking a deleted account (``author`` set to NULL by Django's
    ``SET_NULL``): the entry keeps the author's name as written.
    """

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) == {"author"} and kwargs["author"] is None:
            return super().update(**kwargs)
        raise AppendOnlyError("logbook entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("logbook entries cannot be deleted")


class LogEntry(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="log")
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=LogKind.choices, default=LogKind.NOTE)
    text = models.TextField(_("text"))
    # A line the system wrote: its message and parameters, shown in the reader's language
    # (operations.logtext); ``text`` is the line as written. Empty for typed notes.
    message = models.CharField(_("message"), max_length=40, blank=True, default="")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    point = models.ForeignKey(
        "supportpoints.SupportPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    highlight = models.BooleanField(_("highlight in sitrep"), default=False)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%H:%M} {self.shown_text[:50]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and LogEntry.objects.filter(pk=self.pk).exists():
            raise AppendOnlyError("logbook entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("logbook entries cannot be deleted")

    @property
    def shown_text(self) -> str:
        """The line in the active language (a system line), or as typed."""
        return logtext.shown(self.message, self.params, self.text)


class InjectQuerySet(models.QuerySet["Inject"]):
    def due(self, now: dt.datetime) -> InjectQuerySet:
        return self.filter(due_at__lte=now, delivered_at__isnull=True)


class Inject(models.Model):
    """A scripted message in an exercise, due at a simulated time after the exercise start."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="injects")
    offset = models.DurationField(_("time after start"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message"))
    source = models.CharField(_("source"), max_length=100, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = InjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise inject")
        verbose_name_plural = _("exercise injects")
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return f"T+{self.offset} {self.title}"
