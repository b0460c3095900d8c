"""Who sees the outage clock and who changes the region's figures. One condition per line.

The timeline is planning information for the region's own staff: coordinators, municipal
officers, crisis operators and viewers read it; point leads and residents do not see it.
"""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Region
from paraat.operations import access as operations_access
from paraat.operations.models import Incident, IncidentQuerySet

READER_ROLES = (
    Role.REGION_COORDINATOR,
    Role.MUNICIPAL_OFFICER,
    Role.CRISIS_OPERATOR,
    Role.VIEWER,
)


def can_view_timeline(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_use_app(user):
        return False
    if not (user.is_superuser or user.region_id == region.pk):
        return False
    return bool(user.is_superuser or user.role in READER_ROLES)


def can_edit_figures(user: AnyUser, region: Region) -> bool:
    """Only the region coordinator speaks for the region's partners."""
    if not can_view_timeline(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_schedule_injects(user: AnyUser, region: Region) -> bool:
    """Those who run exercises: crisis operators and coordinators."""
    if not can_view_timeline(user, region):
        return False
    return operations_access.can_manage_incidents(user, region)


def exercise_incidents(user: AnyUser, region: Region) -> IncidentQuerySet:
    """Open exercise incidents of the region that this user may add injects to."""
    if not can_schedule_injects(user, region):
        return Incident.objects.none()
    return Incident.objects.in_region(region).open().filter(is_exercise=True)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
