"""What a region hands out: to a laptop of one coordination point, or to a peer of the region.

Two questions, one owner: which synced records belong to a region (or to one coordination point
of it), so a pull over the API sends no change of another region; and which reference rows a
new laptop instance needs (`paraat instance init`): the region with its settings, its
municipalities, the areas of the point's municipalities, the accounts of the region (without
passwords), the coordination point and its local points with their contacts, the advice library
and the alerts, the volunteers and initiatives of its municipalities. What the coordination
point's staff may not see (another region, password hashes, tokens) is never in it.
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import models

from paraat.areas.models import Region


class ScopeError(ValueError):
    """An unknown coordination point, or one of another region."""


def coordination_point(region: Region, code: str) -> Any:
    from paraat.supportpoints.models import SupportPoint

    found = SupportPoint.objects.filter(region=region, code__iexact=code.strip()).first()
    if found is None:
        raise ScopeError(f"there is no support point {code} in region {region.code}")
    return found


def _points(region: Region, code: str) -> models.QuerySet[Any]:
    from paraat.supportpoints.models import SupportPoint

    cp = coordination_point(region, code)
    return SupportPoint.objects.filter(models.Q(pk=cp.pk) | models.Q(coordination_point=cp))


def synced_querysets(region: Region, code: str = "") -> dict[str, models.QuerySet[Any]]:
    """Per synced model, the rows of the region, or of one coordination point and its points."""
    from paraat.core.models import AuditEntry
    from paraat.operations.models import Activation, HelpRequest, Incident, LogEntry, StatusReport
    from paraat.supportpoints.models import SupportPoint

    if not code:
        return {
            "supportpoints.supportpoint": SupportPoint.objects.filter(region=region),
            "operations.incident": Incident.objects.filter(region=region),
            "operations.activation": Activation.objects.filter(incident__region=region),
            "operations.helprequest": HelpRequest.objects.filter(incident__region=region),
            "operations.statusreport": StatusReport.objects.filter(incident__region=region),
            "operations.logentry": LogEntry.objects.filter(incident__region=region),
            "core.auditentry": AuditEntry.objects.filter(region=region),
        }
    points = _points(region, code)
    local = models.Q(point__in=points) | models.Q(point__isnull=True)
    return {
        "supportpoints.supportpoint": points,
        "operations.incident": Incident.objects.filter(region=region),
        "operations.activation": Activation.objects.filter(point__in=points),
        "operations.helprequest": HelpRequest.objects.filter(local, incident__region=region),
        "operations.statusreport": StatusReport.objects.filter(point__in=points),
        "operations.logentry": LogEntry.objects.filter(local, incident__region=region),
        "core.auditentry": AuditEntry.objects.none(),  # the region's trail stays on the region
    }


def synced_uids(region: Region, code: str = "") -> dict[str, set[str]]:
    """The uids (as text, like the journal keeps them) of every synced record in scope."""
    return {
        label: {str(u) for u in qs.values_list("uid", flat=True)}
        for label, qs in synced_querysets(region, code).items()
    }


def in_scope(change: dict[str, Any], uids: dict[str, set[str]]) -> bool:
    return change["uid"] in uids.get(change["model"], set())


def _reference_querysets(region: Region, code: str) -> list[models.QuerySet[Any]]:
    """The reference rows of a laptop, parents before children."""
    from paraat.accounts.models import User

    points = _points(region, code)
    municipalities = set(points.values_list("municipality_id", flat=True)) - {None}
    model = apps.get_model
    return [
        Region.objects.filter(pk=region.pk),
        model("areas.Municipality").objects.filter(region=region),
        model("areas.Area").objects.filter(municipality__in=municipalities),
        User.objects.filter(region=region, is_active=True),
        model("supportpoints.NormProfile").objects.filter(region=region),
        points.order_by("coordination_point_id", "pk"),  # the coordination point first
        model("supportpoints.PointService").objects.filter(point__in=points),
        model("supportpoints.CommsMeans").objects.filter(point__in=points),
        model("supportpoints.Contact").objects.filter(point__in=points),
        model("publicinfo.ActionAdvice").objects.filter(region=region),
        model("publicinfo.MunicipalityContact").objects.filter(municipality__region=region),
        model("alerts.Alert").objects.filter(region=region).order_by("pk"),
        model("community.Volunteer").objects.filter(region=region, municipality__in=municipalities),
        model("community.VolunteerSkill").objects.filter(
            volunteer__region=region, volunteer__municipality__in=municipalities
        ),
        model("community.PointStaffing").objects.filter(point__in=points),
        model("community.Initiative").objects.filter(
            region=region, municipality__in=municipalities
        ),
        *[qs.order_by("pk") for qs in synced_querysets(region, code).values()],
    ]


def _label_pk(obj: dict[str, Any]) -> tuple[str, Any]:
    return (obj["model"], obj["pk"])


def _target(field: models.Field) -> str:  # type: ignore[type-arg]
    return field.related_model._meta.label_lower  # type: ignore[union-attr]


def reference_objects(region: Region, code: str) -> list[dict[str, Any]]:
    """The laptop's rows in Django's serialised form, with their own primary keys.

    A reference to a row that is not handed out is cleared when it may be empty; a row that
    needs one it cannot have is left out (and then what needs that row, in turn).
    """
    objects: list[dict[str, Any]] = []
    for qs in _reference_querysets(region, code):
        objects.extend(json.loads(serializers.serialize("json", qs)))
    for obj in objects:
        if obj["model"] == "accounts.user":
            obj["fields"].update(password="!", is_superuser=False, is_staff=False)  # noqa: S106 - '!' is Django's unusable password
            obj["fields"].pop("user_permissions", None)
            obj["fields"].pop("groups", None)
    while True:
        present = {_label_pk(o) for o in objects}
        kept = [o for o in objects if _clean(o, present)]
        if len(kept) == len(objects):
            return kept
        objects = kept


def _clean(obj: dict[str, Any], present: set[tuple[str, Any]]) -> bool:
    model = apps.get_model(obj["model"])
    for field in model._meta.get_fields():
        if field.name not in obj["fields"] or not field.is_relation:
            continue
        value = obj["fields"][field.name]
        if field.many_to_many:
            obj["fields"][field.name] = [pk for pk in value if (_target(field), pk) in present]  # type: ignore[arg-type]
            continue
        if value is None or (_target(field), value) in present:  # type: ignore[arg-type]
            continue
        if not field.null:
            return False
        obj["fields"][field.name] = None
    return True
