"""Who may see the conflict log and the instance page, and who settles conflicts. One condition
per line.

The coordinator and the crisis operators of a region read the region's conflict log; only the
coordinator settles a conflict (it decides a help request that is closed on one side and taken up
on the other). The instance page, with the peers this installation exchanged with, is for
coordinators.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas import access as areas_access
from paraat.areas.models import Region
from paraat.sync.models import Conflict, ConflictQuerySet

VIEWERS = frozenset({Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR})


def can_view_conflicts(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not areas_access.can_view_region(user, region):
        return False
    if user.is_superuser:
        return True
    return bool(user.role in VIEWERS)


def can_resolve_conflicts(user: AnyUser, region: Region) -> bool:
    if not can_view_conflicts(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_view_instance(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not areas_access.can_view_region(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_start_exchange(user: AnyUser, region: Region) -> bool:
    """The button on /sync/: the instance's coordinator (the exchange uses this instance's token)."""
    return can_view_instance(user, region)


def visible_conflicts(user: AnyUser, region: Region) -> ConflictQuerySet:
    if not can_view_conflicts(user, region):
        return Conflict.objects.none()
    return Conflict.objects.in_region(region).open()


def conflict_for_resolving(user: AnyUser, region: Region, pk: Any) -> Conflict:
    if not can_resolve_conflicts(user, region):
        raise PermissionDenied
    conflict = visible_conflicts(user, region).filter(pk=pk).first()
    if conflict is None:
        raise Http404("no such open conflict")
    return conflict


def can_exchange(user: AnyUser, region: Region | None) -> TypeGuard[User]:
    """Pull and push changes over the API, or hand out a laptop's start: the region's
    coordinator and its crisis operators (a token of theirs)."""
    if region is None:
        return False
    if not areas_access.can_view_region(user, region):
        return False
    return bool(user.is_superuser or user.role in VIEWERS)


def region_to_exchange(user: AnyUser) -> Region:
    region: Region | None = getattr(user, "region", None)
    if not can_exchange(user, region):
        raise PermissionDenied
    assert region is not None
    return region
