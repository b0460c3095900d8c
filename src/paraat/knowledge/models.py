from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from paraat.knowledge.constants import (
    EVENT_KINDS,
    FileType,
    ItemKind,
    OrganisationKind,
    ProgrammeLine,
    Risk,
)


class Organisation(models.Model):
    """A partner organisation of the region (vital partner, column partner, municipality).

    Partner accounts belong to one or more; items can be shared with chosen organisations.
    """

    region = models.ForeignKey(
        "areas.Region", verbose_name=_("safety region"), on_delete=models.CASCADE,
        related_name="knowledge_organisations",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    municipality = models.ForeignKey(
        "areas.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="knowledge_organisations",
    )  # fmt: skip
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
        related_name="knowledge_organisations",
    )  # fmt: skip

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="knowledge_org_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class KnowledgeItemQuerySet(models.QuerySet["KnowledgeItem"]):
    def in_region(self, region: Any) -> KnowledgeItemQuerySet:
        return self.filter(region=region)

    def shared_with(
        self, *, user_id: int, organisation_ids: set[int], municipality_ids: set[int]
    ) -> KnowledgeItemQuerySet:
        """Shared region-wide, with one of these organisations or municipalities, or one's own."""
        ids = self.filter(
            Q(region_wide=True)
            | Q(created_by_id=user_id)
            | Q(shared_with_organisations__in=organisation_ids)
            | Q(shared_with_municipalities__in=municipality_ids)
        ).values("pk")
        return self.filter(pk__in=ids)

    def with_file(self, checksum: str) -> KnowledgeItemQuerySet:
        """The items whose uploaded file has this checksum (stored once for all of them)."""
        return self.filter(file_sha256=checksum) if checksum else self.none()

    def events(self) -> KnowledgeItemQuerySet:
        return self.filter(kind__in=EVENT_KINDS)


class KnowledgeItem(models.Model):
    """A document, presentation, link or event (knowledge session, council meeting, exercise)."""

    region = models.ForeignKey(
        "areas.Region", verbose_name=_("safety region"), on_delete=models.CASCADE,
        related_name="knowledge_items",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    programme_line = models.CharField(
        _("programme line"), max_length=20, choices=ProgrammeLine.choices, blank=True
    )
    risk = models.CharField(_("risk"), max_length=20, choices=Risk.choices, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    url = models.URLField(_("web address"), blank=True)
    # Events
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    attendee_count = models.PositiveIntegerField(_("number of attendees"), null=True, blank=True)
    attending_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("attending organisations"), blank=True,
        related_name="attended_items",
    )  # fmt: skip
    # Sharing
    region_wide = models.BooleanField(_("shared with the whole region"), default=True)
    shared_with_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("shared with organisations"), blank=True,
        related_name="shared_items",
    )  # fmt: skip
    shared_with_municipalities = models.ManyToManyField(
        "areas.Municipality", verbose_name=_("shared with municipalities"), blank=True,
        related_name="shared_knowledge_items",
    )  # fmt: skip
    # The uploaded file, stored under PARAAT_KNOWLEDGE_DIR by its checksum.
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=4, choices=FileType.choices, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    file_sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="knowledge_items",
    )  # fmt: skip
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = KnowledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_event(self) -> bool:
        return self.kind in EVENT_KINDS

    @property
    def has_file(self) -> bool:
        return bool(self.file_sha256)


class SearchText(models.Model):
    """What the full-text search reads of an item: title, description, tags and the file's text.

    Kept apart from the item because it is derived and long: the audit trail records the item's
    own fields, not megabytes of extracted text (``core.audit.EXCLUDED``).
    """

    item = models.OneToOneField(
        KnowledgeItem, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    file_text = models.TextField(blank=True)  # as extracted from the uploaded file
    document = models.TextField(blank=True)  # everything searchable, indexed on PostgreSQL

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return f"search text of {self.item_id}"
