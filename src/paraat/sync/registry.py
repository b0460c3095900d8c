"""Which models sync, with which policy, and how a row becomes portable field values and back.

Foreign keys travel by a key that is the same on every instance: the uid of a synced record, the
code of a region or municipality, the username of an account (None when the account is not on
the receiving side). Timestamps that Django sets itself on save (``auto_now``) do not travel.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from paraat.core.audit import _plain
from paraat.sync.constants import Policy


@dataclass(frozen=True)
class Spec:
    label: str
    policy: str
    # Fields whose concurrent opposite values go to a person (Policy.STATE).
    state_field: str = ""
    # A second identity: a row made on both sides with the same natural key is one record.
    natural_key: tuple[str, ...] = ()
    # Fields that follow from other records (the latest report of a point): newest wins, no log.
    derived: tuple[str, ...] = ()


SPECS: dict[str, Spec] = {
    spec.label: spec
    for spec in (
        Spec("supportpoints.supportpoint", Policy.FIELDS, natural_key=("region", "code")),
        Spec("operations.incident", Policy.FIELDS),
        Spec(
            "operations.activation",
            Policy.FIELDS,
            natural_key=("incident", "point"),
            derived=("latest_report", "first_report_at", "opened_at"),
        ),
        Spec("operations.helprequest", Policy.STATE, state_field="status"),
        Spec("operations.statusreport", Policy.APPEND, natural_key=("idempotency_key",)),
        Spec("operations.logentry", Policy.APPEND),
        Spec("core.auditentry", Policy.APPEND),
    )
}
# Applied in this order within one stamp, so a record's parents exist before it.
ORDER = list(SPECS)
SKIPPED = {"id", "uid"}
BY_CODE = {"areas.region", "areas.municipality"}


def spec_of(model: type[models.Model]) -> Spec | None:
    return SPECS.get(model._meta.label_lower)


def model_of(label: str) -> type[models.Model]:
    return apps.get_model(label)


def synced_fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in SKIPPED and not getattr(f, "auto_now", False)
    ]


@functools.cache
def _fields_by_name(model: type[models.Model]) -> dict[str, models.Field]:  # type: ignore[type-arg]
    return {f.name: f for f in synced_fields(model)}


def _fk_key(field: models.ForeignKey, pk: Any) -> Any:  # type: ignore[type-arg]
    if pk is None:
        return None
    target = field.related_model
    label = target._meta.label_lower  # type: ignore[union-attr]
    if label in SPECS:
        uid = target._default_manager.filter(pk=pk).values_list("uid", flat=True).first()  # type: ignore[union-attr]
        return str(uid) if uid else None
    if label in BY_CODE:
        return target._default_manager.filter(pk=pk).values_list("code", flat=True).first()  # type: ignore[union-attr]
    if target is get_user_model():
        return target._default_manager.filter(pk=pk).values_list("username", flat=True).first()  # type: ignore[union-attr]
    if label == "areas.area":
        row = target._default_manager.filter(pk=pk).values_list("kind", "code").first()  # type: ignore[union-attr]
        return f"{row[0]}:{row[1]}" if row else None
    return None


def _loaded_key(field: models.ForeignKey, instance: models.Model) -> tuple[bool, Any]:  # type: ignore[type-arg]
    """The portable key of a foreign key from the related row already loaded on ``instance``
    (no query); (False, None) when that row is not loaded or is not the one the key points to."""
    if not field.is_cached(instance):
        return False, None
    related: Any = field.get_cached_value(instance)
    pk = getattr(instance, field.attname)
    if related is None or pk is None or related.pk != pk:
        return False, None
    target = field.related_model
    label = target._meta.label_lower  # type: ignore[union-attr]
    if label in SPECS:
        return True, str(uuid.UUID(str(related.uid)))
    if label in BY_CODE:
        return True, related.code
    if target is get_user_model():
        return True, related.get_username()
    if label == "areas.area":
        return True, f"{related.kind}:{related.code}"
    return True, None


def portable(instance: models.Model, field: models.Field, *, fk_key: PkToKey | None = None) -> Any:  # type: ignore[type-arg]
    """One field of a row as its portable value; a foreign key by the related row when loaded."""
    if isinstance(field, models.ForeignKey):
        if fk_key is None:
            found, key = _loaded_key(field, instance)
            if found:
                return key
            fk_key = _fk_key
        return fk_key(field, getattr(instance, field.attname))
    return _plain(field.value_from_object(instance))


def raw_value(instance: models.Model, field: models.Field) -> Any:  # type: ignore[type-arg]
    """What decides whether a field changed: a foreign key's id, another field's plain value."""
    if isinstance(field, models.ForeignKey):
        return getattr(instance, field.attname)
    return _plain(field.value_from_object(instance))


def _fk_pk(field: models.ForeignKey, key: Any) -> Any:  # type: ignore[type-arg]
    if key is None:
        return None
    target = field.related_model
    label = target._meta.label_lower  # type: ignore[union-attr]
    manager = target._default_manager  # type: ignore[union-attr]
    if label in SPECS:
        return manager.filter(uid=key).values_list("pk", flat=True).first()
    if label in BY_CODE:
        return manager.filter(code=key).values_list("pk", flat=True).first()
    if target is get_user_model():
        return manager.filter(username=key).values_list("pk", flat=True).first()
    if label == "areas.area":
        kind, _sep, code = str(key).partition(":")
        return manager.filter(kind=kind, code=code).values_list("pk", flat=True).first()
    return None


# How a foreign key's portable key becomes a pk and back; a merge passes cached ones.
KeyToPk = Callable[[models.ForeignKey, Any], Any]  # type: ignore[type-arg]
PkToKey = Callable[[models.ForeignKey, Any], Any]  # type: ignore[type-arg]


def values_of(instance: models.Model, *, fk_key: PkToKey | None = None) -> dict[str, Any]:
    """The row as portable values, by field name. Without ``fk_key`` a foreign key whose row is
    loaded on the instance is read from it, the others are looked up."""
    data: dict[str, Any] = {
        field.name: portable(instance, field, fk_key=fk_key)
        for field in synced_fields(type(instance))
    }
    if type(instance)._meta.label_lower == "operations.incident" and instance.pk:
        data["municipalities"] = sorted(
            instance.municipalities.values_list("code", flat=True)  # type: ignore[attr-defined]
        )
    return data


def apply_values(
    instance: models.Model, values: dict[str, Any], *, fk_pk: KeyToPk = _fk_pk
) -> list[str]:
    """Set portable values on a row (not saved); returns the many-to-many names left to set."""
    by_name = _fields_by_name(type(instance))
    later = []
    for name, value in values.items():
        field = by_name.get(name)
        if field is None:
            later.append(name)
            continue
        if isinstance(field, models.ForeignKey):
            setattr(instance, field.attname, fk_pk(field, value))
        else:
            setattr(instance, field.attname, None if value is None else field.to_python(value))
    return later


def apply_many(instance: models.Model, values: dict[str, Any], names: list[str]) -> None:
    if "municipalities" in names and "municipalities" in values:
        municipality = apps.get_model("areas.Municipality")
        instance.municipalities.set(  # type: ignore[attr-defined]
            municipality.objects.filter(code__in=values["municipalities"] or [])
        )


def region_of(instance: models.Model) -> Any:
    for path in ("region", "incident.region", "point.region"):
        obj: Any = instance
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        if obj is not None:
            return obj
    return None
