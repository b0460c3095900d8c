"""The advice library (handelingsperspectieven) a region shows residents, and the numbers on posters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.publicinfo.constants import AdviceLanguage, AdvicePhase, Risk


class ActionAdviceQuerySet(models.QuerySet["ActionAdvice"]):
    def in_region(self, region: object) -> ActionAdviceQuerySet:
        return self.filter(region=region)

    def in_language(self, language: str) -> ActionAdviceQuerySet:
        return self.filter(language=language)

    def for_overview(self) -> ActionAdviceQuerySet:
        return self.select_related("updated_by").order_by("risk", "phase", "language")


class ActionAdvice(models.Model):
    """What residents should do for one risk, in one phase, in one language.

    Shipped texts come from ``advice/advice.json`` with their sources; the region's coordinators
    edit them. Every edit raises ``version``.
    """

    region = models.ForeignKey(
        "areas.Region",
        verbose_name=_("safety region"),
        on_delete=models.CASCADE,
        related_name="action_advice",
    )
    risk = models.CharField(_("risk"), max_length=20, choices=Risk.choices)
    phase = models.CharField(_("phase"), max_length=10, choices=AdvicePhase.choices)
    language = models.CharField(_("language"), max_length=2, choices=AdviceLanguage.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Short sentences in plain words. A line that starts with '- ' is a list item; "
            "an empty line starts a new paragraph."
        ),
    )
    sources = models.CharField(_("sources"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ActionAdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("action advice")
        verbose_name_plural = _("action advice")
        ordering = ["risk", "phase", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "risk", "phase", "language"], name="actionadvice_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.risk}/{self.phase}/{self.language} v{self.version}"


class MunicipalityContact(models.Model):
    """The municipality's public phone number and website, printed on posters and pages."""

    municipality = models.OneToOneField(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="public_contact",
    )
    phone = models.CharField(_("phone number for residents"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("municipality contact")
        verbose_name_plural = _("municipality contacts")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.phone}"
