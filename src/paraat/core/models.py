from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.core.constants import AuditAction, JobKind, JobStatus


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, instance: models.Model) -> AuditEntryQuerySet:
        return self.filter(model=instance._meta.label_lower, object_pk=str(instance.pk))

    def newest_first(self) -> AuditEntryQuerySet:
        return self.order_by("-created_at", "-pk")

    def visible_to(self, user: Any) -> AuditEntryQuerySet:
        """A superuser reads the whole install's trail; anyone else only their own region's."""
        if user.is_superuser:
            return self
        return self.filter(region_id=user.region_id) if user.region_id else self.none()


class AuditEntry(models.Model):
    """Who changed or viewed what, and when; with before and after values. Never updated."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("user name"), max_length=150, blank=True)
    # The region the changed row belongs to (else the actor's); empty for install-wide rows.
    region = models.ForeignKey(
        "areas.Region",
        verbose_name=_("safety region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    model = models.CharField(_("model"), max_length=100, db_index=True)
    object_pk = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class JobQuerySet(models.QuerySet["Job"]):
    def in_region(self, region: Any) -> JobQuerySet:
        return self.filter(region=region)

    def started_by(self, user: Any) -> JobQuerySet:
        return self.filter(started_by=user)

    def newest_first(self) -> JobQuerySet:
        return self.order_by("-created_at", "-pk")


class Job(models.Model):
    """Long work that runs in the background worker (a django-tasks task), with its progress.

    The task itself is django-tasks' own row (``task_id``); this row holds what Paraat shows: who
    started it in which region, how far it is, and where its result is. Only the jobs module
    (paraat.core.jobs) writes it.
    """

    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    region = models.ForeignKey(
        "areas.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    result_url = models.CharField(_("result"), max_length=300, blank=True)
    result_file = models.CharField(_("result file"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))
