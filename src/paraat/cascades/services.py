"""Changes made by the outage clock: the region's partner figures and exercise injects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paraat.areas.models import Region
from paraat.cascades import engine, overrides
from paraat.cascades.models import RegionalFigures, partner_figures
from paraat.operations import services as operations_services
from paraat.operations.models import Incident, Inject

FIGURE_FIELDS = (
    "water_company",
    "water_days_min",
    "water_days_likely",
    "water_days_max",
    "water_source",
    "water_confidence",
    "masts_extended_percent",
    "masts_hours_min",
    "masts_hours_likely",
    "masts_hours_max",
    "masts_source",
    "masts_confidence",
    "extra",
)
# Which form field an engine issue belongs to, by the start of its dotted field.
ISSUE_FIELDS = (
    (f"services.{overrides.WATER_SERVICE}", "water_days_likely"),
    (f"sources.{overrides.WATER_SOURCE}", "water_source"),
    ("services.mobile.backup.classes.extended.min", "masts_hours_min"),
    ("services.mobile.backup.classes.extended.max", "masts_hours_max"),
    ("services.mobile.backup.classes.extended", "masts_hours_likely"),
    ("services.mobile", "masts_extended_percent"),
    (f"sources.{overrides.MOBILE_SOURCE}", "masts_source"),
)


def _range_errors(data: Mapping[str, Any], prefix: str, errors: dict[str, list[str]]) -> None:
    names = [f"{prefix}_{k}" for k in ("min", "likely", "max")]
    values = [data.get(n) for n in names]
    given = [v for v in values if v is not None]
    if given and len(given) < 3:
        for name, value in zip(names, values, strict=True):
            if value is None:
                errors.setdefault(name, []).append(
                    _("Fill in minimum, likely and maximum together, or none of them.")
                )
        return
    if any(v is not None and v < 0 for v in values):
        errors.setdefault(names[0], []).append(_("A duration cannot be negative."))
    elif given and not values[0] <= values[1] <= values[2]:  # type: ignore[operator]
        errors.setdefault(names[1], []).append(
            _("The likely value must lie between the minimum and the maximum.")
        )


def check_figures(data: Mapping[str, Any]) -> None:
    """Plain checks in Dutch first, then the outage model's own validation on every scenario.

    Raises ValidationError keyed by form field, so the coordinator sees which value to fix.
    """
    errors: dict[str, list[str]] = {}
    _range_errors(data, "water_days", errors)
    _range_errors(data, "masts_hours", errors)
    if data.get("water_days_likely") is not None and not data.get("water_source"):
        errors.setdefault("water_source", []).append(
            _("Name the source of these figures (e.g. a letter from the water company).")
        )
    percent = data.get("masts_extended_percent")
    if percent is not None and not 0 <= percent <= 100:
        errors.setdefault("masts_extended_percent", []).append(
            _("Give a percentage from 0 to 100.")
        )
    if percent is not None and not data.get("masts_source"):
        errors.setdefault("masts_source", []).append(
            _("Name the source of these figures (e.g. the mobile operators' statement).")
        )
    if data.get("masts_hours_likely") is not None and percent is None:
        errors.setdefault("masts_extended_percent", []).append(
            _("Give the share of masts these hours apply to.")
        )
    if errors:
        raise ValidationError(errors)
    try:
        overrides.validate(
            overrides.build_override(partner_figures(dict(data))), engine.available_scenarios()
        )
    except engine.ScenarioError as error:
        raise ValidationError(issue_errors(error)) from None


def issue_errors(error: engine.ScenarioError) -> dict[str, list[str]]:
    """The engine's issues as form errors; anything else lands on the advanced field."""
    found: dict[str, list[str]] = {}
    for issue in error.issues:
        field = next((f for start, f in ISSUE_FIELDS if issue.field.startswith(start)), "extra")
        message = _("The outage model refuses this: %(field)s: %(message)s") % {
            "field": issue.field,
            "message": issue.message,
        }
        if message not in found.get(field, []):
            found.setdefault(field, []).append(message)
    return found


@transaction.atomic
def save_regional_figures(
    *, region: Region, data: Mapping[str, Any], user: Any = None, note: str = ""
) -> RegionalFigures:
    """Store the region's partner figures once they pass validation; nothing is stored half.

    The version goes up, so every cached timeline of the region is computed afresh.
    """
    check_figures(data)
    figures = RegionalFigures.objects.select_for_update().filter(region=region).first()
    if figures is None:
        figures = RegionalFigures(region=region, version=0)
    for name in FIGURE_FIELDS:
        value = data.get(name)
        if name == "extra":
            value = dict(value or {})
        elif name in ("water_company", "water_source", "masts_source") and value is None:
            value = ""
        elif name.endswith("_confidence") and not value:
            value = "medium"
        setattr(figures, name, value)
    figures.note = note[:300]
    figures.updated_by = user if getattr(user, "is_authenticated", False) else None
    figures.version = (figures.version or 0) + 1
    figures.save()
    return figures


@transaction.atomic
def schedule_timeline_injects(
    *, incident: Incident, result: engine.Result, user: Any = None, lang: str = "nl"
) -> list[Inject]:
    """Put the timeline's effects and decision points into an exercise as injects.

    Uses the same run as the page the operator looked at, so the exercise plays the timeline
    the region planned with. Only exercises accept injects (operations refuses the rest).
    """
    planned = [(i.offset, i.title, i.message) for i in engine.injects(result, lang=lang)]
    source = f"tijdlijn {result.scenario.id}"
    if result.measures:
        source += " + " + ", ".join(result.measures)
    return operations_services.schedule_injects(
        incident=incident, injects=planned, source=source, user=user
    )
