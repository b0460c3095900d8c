"""A region's own partner figures for the outage clock (the national scenario stays as shipped)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.cascades.constants import Confidence
from paraat.cascades.overrides import PartnerFigures, build_override


class RegionalFiguresQuerySet(models.QuerySet["RegionalFigures"]):
    def for_region(self, region: object) -> RegionalFigures | None:
        return self.filter(region=region).first()


class RegionalFigures(models.Model):
    """What the region's partners told it, with a source per figure.

    Saved only through `services.save_regional_figures`, which runs the outage model's own
    validation first; `version` goes up on every change, so cached timelines never go stale.
    """

    region = models.OneToOneField(
        "areas.Region",
        verbose_name=_("safety region"),
        on_delete=models.CASCADE,
        related_name="cascade_figures",
    )
    water_company = models.CharField(_("drinking water company"), max_length=100, blank=True)
    water_days_min = models.FloatField(_("minimum days on emergency power"), null=True, blank=True)
    water_days_likely = models.FloatField(
        _("likely days on emergency power"), null=True, blank=True
    )
    water_days_max = models.FloatField(_("maximum days on emergency power"), null=True, blank=True)
    water_source = models.CharField(_("source of the water figures"), max_length=300, blank=True)
    water_confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    masts_extended_percent = models.FloatField(
        _("share of mobile masts with longer backup (%)"), null=True, blank=True
    )
    masts_hours_min = models.FloatField(_("minimum hours of longer backup"), null=True, blank=True)
    masts_hours_likely = models.FloatField(
        _("likely hours of longer backup"), null=True, blank=True
    )
    masts_hours_max = models.FloatField(_("maximum hours of longer backup"), null=True, blank=True)
    masts_source = models.CharField(_("source of the mast figures"), max_length=300, blank=True)
    masts_confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    extra = models.JSONField(_("further figures (model format)"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    note = models.CharField(_("change note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegionalFiguresQuerySet.as_manager()

    class Meta:
        verbose_name = _("regional partner figures")
        verbose_name_plural = _("regional partner figures")

    def __str__(self) -> str:
        return f"{self.region} v{self.version}"

    def partner_figures(self) -> PartnerFigures:
        return partner_figures({f.name: getattr(self, f.name) for f in self._meta.concrete_fields})

    def override(self) -> dict[str, Any]:
        """The figures as an override document for the outage model."""
        return build_override(self.partner_figures())


def _triple(data: dict[str, Any], prefix: str) -> tuple[float, float, float] | None:
    values = [data.get(f"{prefix}_{k}") for k in ("min", "likely", "max")]
    if any(v is None for v in values):
        return None
    return (float(values[0]), float(values[1]), float(values[2]))  # type: ignore[arg-type]


def partner_figures(data: dict[str, Any]) -> PartnerFigures:
    """Field values (from the model or a form) as the plain PartnerFigures."""
    percent = data.get("masts_extended_percent")
    return PartnerFigures(
        water_company=data.get("water_company") or "",
        water_days=_triple(data, "water_days"),
        water_source=data.get("water_source") or "",
        water_confidence=data.get("water_confidence") or Confidence.MEDIUM,
        masts_extended_share=None if percent is None else float(percent) / 100.0,
        masts_extended_hours=_triple(data, "masts_hours"),
        masts_source=data.get("masts_source") or "",
        masts_confidence=data.get("masts_confidence") or Confidence.MEDIUM,
        extra=data.get("extra") or None,
    )
