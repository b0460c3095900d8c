"""The reads on a status report's path, each one statement written once (``core.rows``).

A report arrives hundreds of times a second in an incident; building these reads through the ORM
cost more CPU than running them (issue 16). Each returns ordinary model instances; the region
comes without its outline (read when drawn), a large JSON to decode for every report otherwise.
"""

from __future__ import annotations

from paraat.areas.models import Region
from paraat.core import rows
from paraat.operations.models import Activation, Incident
from paraat.supportpoints.models import SupportPoint

OUTLINE = ("geometry",)
_INCIDENT: dict[str, str] = {}
_INCIDENT_POINT: dict[str, str] = {}
_POINT: dict[str, str] = {}
_ACTIVATED: dict[str, str] = {}


def incident_with_region(pk: int) -> Incident | None:
    """``Incident.objects.select_related("region").filter(pk=pk).first()``, without the outline."""
    row = rows.fetch_one(rows.sql_for(_INCIDENT, _incident_sql), [pk])
    if row is None:
        return None
    incident = rows.instance(Incident, row)
    assert incident is not None
    region = rows.instance(Region, row, rows.width(Incident), OUTLINE)
    assert region is not None
    incident.region = region
    return incident


def _incident_sql() -> str:
    return (
        f"SELECT {rows.columns(Incident, 'i')}, {rows.columns(Region, 'r', OUTLINE)} "
        f"FROM {rows.table(Incident)} i JOIN {rows.table(Region)} r ON r.id = i.region_id "
        "WHERE i.id = %s"
    )


def incident_with_point(pk: int, code: str) -> tuple[Incident | None, SupportPoint | None]:
    """``incident_with_region(pk)`` and ``point_by_code(its region, code)`` in one statement:
    the two reads of every API report (issue 16). The point is None when the region has no
    point with that code (or the incident does not exist)."""
    row = rows.fetch_one(rows.sql_for(_INCIDENT_POINT, _incident_point_sql), [code, pk])
    if row is None:
        return None, None
    incident = rows.instance(Incident, row)
    assert incident is not None
    start = rows.width(Incident)
    region = rows.instance(Region, row, start, OUTLINE)
    assert region is not None
    incident.region = region
    point = rows.instance(SupportPoint, row, start + rows.width(Region, OUTLINE))
    return incident, point


def _incident_point_sql() -> str:
    return (
        f"SELECT {rows.columns(Incident, 'i')}, {rows.columns(Region, 'r', OUTLINE)}, "
        f"{rows.columns(SupportPoint, 'p')} "
        f"FROM {rows.table(Incident)} i JOIN {rows.table(Region)} r ON r.id = i.region_id "
        f"LEFT JOIN {rows.table(SupportPoint)} p ON p.region_id = i.region_id AND p.code = %s "
        "WHERE i.id = %s"
    )


def point_by_code(region_id: int, code: str) -> SupportPoint | None:
    """``SupportPoint.objects.filter(region_id=region_id, code=code).first()``."""
    row = rows.fetch_one(rows.sql_for(_POINT, _point_sql), [region_id, code])
    return None if row is None else rows.instance(SupportPoint, row)


def _point_sql() -> str:
    return (
        f"SELECT {rows.columns(SupportPoint, 'p')} FROM {rows.table(SupportPoint)} p "
        "WHERE p.region_id = %s AND p.code = %s"
    )


def activated_point(incident_id: int, code: str) -> SupportPoint | None:
    """The point with this code if it is activated in the incident (``Activation`` joined)."""
    row = rows.fetch_one(rows.sql_for(_ACTIVATED, _activated_sql), [incident_id, code])
    return None if row is None else rows.instance(SupportPoint, row)


def _activated_sql() -> str:
    return (
        f"SELECT {rows.columns(SupportPoint, 'p')} FROM {rows.table(Activation)} a "
        f"JOIN {rows.table(SupportPoint)} p ON p.id = a.point_id "
        "WHERE a.incident_id = %s AND p.code = %s"
    )
