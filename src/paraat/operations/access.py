"""Who sees and steers operations. Residents see nothing of this. One condition per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.operations import reads
from paraat.operations.models import (
    Activation,
    EmergencyRelay,
    HelpRequest,
    HelpRequestQuerySet,
    Incident,
    IncidentQuerySet,
)
from paraat.supportpoints import access as point_access
from paraat.supportpoints.models import SupportPoint

OPERATIONS_ROLES = (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR, Role.MUNICIPAL_OFFICER)


def can_view_operations(user: AnyUser, region: Any) -> TypeGuard[User]:
    """Crisis operators and coordinators see all of the region; officers too (their points matter)."""
    if not accounts_access.can_use_app(user):
        return False
    if not (user.is_superuser or user.region_id == region.pk):
        return False
    return bool(user.is_superuser or user.role in OPERATIONS_ROLES)


def can_view_region_picture(user: AnyUser, region: Any) -> bool:
    """The region-wide picture (logbook, sitrep, metrics): coordinators and crisis operators only;
    a municipal officer's scope is the points of his own municipalities."""
    if not can_view_operations(user, region):
        return False
    return bool(user.is_superuser or user.role in (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR))


def picture_municipality_ids(user: AnyUser, region: Any) -> set[int] | None:
    """Which points the picture shows: None for all of the region, else these municipalities."""
    if can_view_region_picture(user, region):
        return None
    return accounts_access.municipality_ids(user)


def can_manage_incidents(user: AnyUser, region: Any) -> bool:
    if not can_view_operations(user, region):
        return False
    return bool(user.is_superuser or user.role in (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR))


def can_handle_requests(user: AnyUser, incident: Incident) -> bool:
    return can_manage_incidents(user, incident.region)


def can_report(user: AnyUser, incident: Incident, point: SupportPoint) -> bool:
    """A point lead reports only for his own points; crisis staff for every point."""
    if not accounts_access.can_use_app(user):
        return False
    return point_access.can_report_for_point(user, point) and point.region_id == incident.region_id


def activations_to_check(user: AnyUser, incident: Incident) -> QuerySet[Activation]:
    """The activations ``can_report`` may allow: a point lead's own only, so a page for him does
    not check hundreds of points one by one."""
    activations = Activation.objects.filter(incident=incident)
    if user.is_authenticated and user.role == Role.POINT_LEAD and not user.is_superuser:
        return activations.filter(point__leads=user)
    return activations


def can_see_incident(user: AnyUser, incident: Incident) -> bool:
    if can_view_operations(user, incident.region):
        return True
    return bool(
        accounts_access.can_use_app(user)
        and user.role == Role.POINT_LEAD
        and incident.activations.filter(point__leads=user).exists()
    )


def incidents_for(user: AnyUser, region: Any) -> IncidentQuerySet:
    if can_view_operations(user, region):
        return Incident.objects.in_region(region)
    if accounts_access.can_use_app(user) and user.role == Role.POINT_LEAD:
        return Incident.objects.in_region(region).filter(activations__point__leads=user).distinct()
    return Incident.objects.none()


def can_open_incident_list(user: AnyUser, region: Any) -> bool:
    """Crisis staff and officers always; a point lead once one of his points is activated."""
    if can_view_operations(user, region):
        return True
    return incidents_for(user, region).exists()


def reportable_points(user: AnyUser, incident: Incident) -> list[SupportPoint]:
    """The activated points the user may report for, in code order: a point lead's own only."""
    activations = activations_to_check(user, incident).select_related(
        "point__municipality", "point__region"
    )
    points = [a.point for a in activations.order_by("point__code")]
    if user.is_authenticated:
        # An officer's municipalities once for the whole list, not once per point.
        prefetch_related_objects([user], "municipalities")
    return [p for p in points if can_report(user, incident, p)]


def reportable_point(user: AnyUser, incident: Incident, code: str) -> SupportPoint | None:
    """The activated point with this code if the user may report for it, else None: what a posted
    report needs, in one query instead of every reportable point (``reportable_points``); a
    point lead's own points are then checked by ``can_report`` (one more)."""
    point = reads.activated_point(incident.pk, code)
    if point is None:
        return None
    if point.region_id == incident.region_id:
        point.region = incident.region  # the same row: no join and no query for it
    if not can_report(user, incident, point):
        return None
    return point


def reporting_incident(user: AnyUser, pk: object) -> Incident:
    """The incident an API call names, with its region: one of ``incidents_for`` the user's own
    region, else 404 (as the API's list of incidents would not show it)."""
    return reporting_incident_and_point(user, pk, "")[0]


def reporting_incident_and_point(
    user: AnyUser, pk: object, code: str
) -> tuple[Incident, SupportPoint | None]:
    """``reporting_incident`` and the point of its region with ``code`` (None when there is
    none), read together: whether the user may report for the point is ``can_report``'s."""
    region = getattr(user, "region", None)
    try:
        number = int(str(pk))
    except ValueError:
        raise Http404("no such incident") from None
    incident, point = (
        reads.incident_with_point(number, code) if region is not None else (None, None)
    )
    if region is None or incident is None or incident.region_id != region.pk:
        raise Http404("no such incident")
    if can_view_operations(user, region):
        return incident, point
    if incidents_for(user, region).filter(pk=number).exists():
        return incident, point
    raise Http404("no such incident")


def incident_for_user(user: AnyUser, pk: int) -> Incident:
    incident = reads.incident_with_region(pk)
    if incident is None:
        raise Http404("no such incident")
    if not can_see_incident(user, incident):
        raise PermissionDenied
    return incident


def visible_requests(
    user: AnyUser, incident: Incident, own_points: Iterable[SupportPoint]
) -> HelpRequestQuerySet:
    """Crisis staff see every request; a point lead only those of the points he reports for."""
    requests = HelpRequest.objects.filter(incident=incident).order_by("status", "-created_at")
    if can_view_operations(user, incident.region):
        return requests
    return requests.filter(point__in=list(own_points))


def visible_relays(user: AnyUser, incident: Incident, own_points: Iterable[SupportPoint]) -> Any:
    """Relayed emergency reports hold residents' details: a point lead sees only his own points'."""
    relays = EmergencyRelay.objects.filter(incident=incident).select_related("point")
    if can_view_operations(user, incident.region):
        return relays
    return relays.filter(point__in=list(own_points))
