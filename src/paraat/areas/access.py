"""Who may see and change the region's geography. One condition per line."""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region


def can_view_region(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_use_app(user):
        return False
    if user.is_superuser:
        return True
    return bool(user.region_id == region.pk)


def can_view_municipality(user: AnyUser, municipality: Municipality) -> TypeGuard[User]:
    """Everyone in the region may read its geography and population figures."""
    return can_view_region(user, municipality.region)


def can_edit_municipality(user: AnyUser, municipality: Municipality) -> bool:
    """Region coordinators edit the whole region; officers only their own municipalities."""
    if not can_view_municipality(user, municipality):
        return False
    if user.is_superuser or user.role == Role.REGION_COORDINATOR:
        return True
    return (
        user.role == Role.MUNICIPAL_OFFICER
        and municipality.pk in accounts_access.municipality_ids(user)
    )


def can_import_areas(user: AnyUser, region: Region) -> bool:
    """Geography is shared by the whole region, so only its coordinators load it."""
    if not can_view_region(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_edit_region_settings(user: AnyUser, region: Region) -> bool:
    """The region's settings (alert identity, public texts, planning defaults) are its
    coordinators' to set."""
    if not can_view_region(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def region_for_user(user: AnyUser) -> Region:
    """The region a user works in (a superuser: the first one); 404 when there is none yet."""
    if not accounts_access.can_use_app(user):
        raise PermissionDenied
    region = (
        user.region
        if user.region_id
        else (Region.objects.order_by("pk").first() if user.is_superuser else None)
    )
    if region is None:
        raise Http404("no region")
    return region


def municipality_for_user(user: AnyUser, code: str) -> Municipality:
    municipality = Municipality.objects.select_related("region").filter(code=code.upper()).first()
    if municipality is None:
        raise Http404("no such municipality")
    if not can_view_municipality(user, municipality):
        raise PermissionDenied
    return municipality
