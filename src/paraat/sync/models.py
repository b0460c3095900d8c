"""The change journal of this instance, the peers it exchanges with and the conflict log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.sync.constants import ConflictKind, ConflictStatus, Role


class Instance(models.Model):
    """This Paraat: one row, made on first use, with the node id its clock stamps carry."""

    node = models.CharField(_("node id"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.REGION)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")

    def __str__(self) -> str:
        return f"{self.name} ({self.node})"


class ChangeQuerySet(models.QuerySet["Change"]):
    def after(self, seq: int) -> ChangeQuerySet:
        return self.filter(pk__gt=seq).order_by("pk")

    def of_record(self, model: str, uid: str) -> ChangeQuerySet:
        return self.filter(model=model, record_uid=uid)


class Change(models.Model):
    """One change of a synced record: made here or received; never changed afterwards.

    ``fields`` holds the new values of the fields that changed (foreign keys by uid or code),
    ``base`` the clock stamp each of those fields had before, so a receiver can tell a change
    made after seeing its own value from one made at the same time (a conflict).
    The primary key is this instance's order of arrival: what ``bundle export --since`` counts.
    """

    change_id = models.UUIDField(unique=True, default=uuid.uuid4)
    model = models.CharField(max_length=60)
    record_uid = models.CharField(max_length=36)
    stamp = models.CharField(max_length=64, db_index=True)
    origin = models.CharField(max_length=32)
    fields = models.JSONField(default=dict)
    base = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["model", "record_uid"])]

    def __str__(self) -> str:
        return f"{self.stamp} {self.model} {self.record_uid}"


class Peer(models.Model):
    """Another instance this one exchanged with, and how far."""

    node = models.CharField(_("node id"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    last_stamp = models.CharField(_("last stamp received"), max_length=64, blank=True)
    last_exchange_at = models.DateTimeField(_("last exchange"), null=True, blank=True)
    # Exchanges over the API (`paraat sync`, `instance refresh`): where, and how far each way.
    url = models.CharField(_("address"), max_length=300, blank=True)
    coordination_point = models.CharField(_("coordination point"), max_length=40, blank=True)
    received_until = models.BigIntegerField(
        _("received up to (its journal)"), default=0, help_text=_("position in the peer's journal")
    )
    sent_until = models.BigIntegerField(
        _("sent up to (this journal)"), default=0, help_text=_("position in this journal")
    )

    class Meta:
        verbose_name = _("peer instance")
        verbose_name_plural = _("peer instances")

    def __str__(self) -> str:
        return self.name or self.node


class ConflictQuerySet(models.QuerySet["Conflict"]):
    def in_region(self, region: object) -> ConflictQuerySet:
        return self.filter(region=region)

    def open(self) -> ConflictQuerySet:
        return self.filter(status=ConflictStatus.OPEN)


class Conflict(models.Model):
    """A value that a merge overwrote, or two outcomes that a person must choose between."""

    region = models.ForeignKey(
        "areas.Region", null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ConflictKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ConflictStatus.choices, default=ConflictStatus.OPEN
    )
    model = models.CharField(_("model"), max_length=60)
    record_uid = models.CharField(max_length=36)
    record_repr = models.CharField(_("record"), max_length=200)
    field = models.CharField(_("field"), max_length=60)
    kept_value = models.JSONField(_("value kept"), null=True)
    kept_stamp = models.CharField(max_length=64)
    other_value = models.JSONField(_("other value"), null=True)
    other_stamp = models.CharField(max_length=64)
    other_origin = models.CharField(_("from instance"), max_length=32)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        verbose_name = _("sync conflict")
        verbose_name_plural = _("conflict log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.record_repr}.{self.field}"
