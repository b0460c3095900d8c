"""Who may see and change support points. One condition per line."""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region
from paraat.supportpoints.models import SupportPoint, SupportPointQuerySet


def can_view_points(user: AnyUser, region: Region) -> TypeGuard[User]:
    """Everyone with a role in the region sees its points (not their contacts)."""
    if not accounts_access.can_use_app(user):
        return False
    return bool(user.is_superuser or user.region_id == region.pk)


def can_edit_in_municipality(user: AnyUser, municipality: Municipality) -> bool:
    """Region coordinators edit everywhere in their region; officers only in their municipalities."""
    if not can_view_points(user, municipality.region):
        return False
    if user.is_superuser or user.role == Role.REGION_COORDINATOR:
        return True
    return (
        user.role == Role.MUNICIPAL_OFFICER
        and municipality.pk in accounts_access.municipality_ids(user)
    )


def can_edit_point(user: AnyUser, point: SupportPoint) -> bool:
    return can_edit_in_municipality(user, point.municipality)


def can_register_points(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not can_view_points(user, region):
        return False
    return bool(user.is_superuser or user.role in (Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER))


def can_view_contacts(user: AnyUser, point: SupportPoint) -> bool:
    """Key holders' personal data: officers of that municipality and the region's coordinators;
    a crisis operator for the points activated in an incident that is not closed, because he must
    be able to call the key holders and the point lead of the points he activates."""
    if can_edit_point(user, point):
        return True
    if not can_view_points(user, point.region):
        return False
    if user.role != Role.CRISIS_OPERATOR:
        return False
    return point.activations.filter(incident__closed_at__isnull=True).exists()


def can_edit_norm_profile(user: AnyUser, region: Region) -> bool:
    if not can_view_points(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_report_for_point(user: AnyUser, point: SupportPoint) -> bool:
    """Point leads report only for their own points; crisis staff and coordinators for all."""
    if not can_view_points(user, point.region):
        return False
    if user.is_superuser or user.role in (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR):
        return True
    if user.role == Role.MUNICIPAL_OFFICER:
        return point.municipality_id in accounts_access.municipality_ids(user)
    return user.role == Role.POINT_LEAD and point.leads.filter(pk=user.pk).exists()


def visible_points(user: AnyUser, region: Region) -> SupportPointQuerySet:
    if not can_view_points(user, region):
        return SupportPoint.objects.none()
    return SupportPoint.objects.in_region(region)


def point_for_user(user: AnyUser, region: Region, code: str) -> SupportPoint:
    point = (
        SupportPoint.objects.select_related("municipality__region", "coordination_point", "area")
        .filter(region=region, code=code.upper())
        .first()
    )
    if point is None:
        raise Http404("no such point")
    if not can_view_points(user, point.region):
        raise PermissionDenied
    return point


def editable_municipality_ids(user: AnyUser, region: Region) -> set[int] | None:
    """None means every municipality in the region."""
    if not can_register_points(user, region):
        return set()
    if user.is_superuser or user.role == Role.REGION_COORDINATOR:
        return None
    return accounts_access.municipality_ids(user)


# --- Added for the support point pages (contact forms) ---------------------------------------


def can_edit_contacts(user: AnyUser, point: SupportPoint) -> bool:
    """Changing key holders shows their personal data, so both rules must allow it."""
    if not can_view_contacts(user, point):
        return False
    return can_edit_point(user, point)


# --- Import and export page -------------------------------------------------------------------


def can_import_polling_places(user: AnyUser, region: Region) -> bool:
    """Candidate sites for the whole region: the region coordinator's call."""
    return can_edit_norm_profile(user, region)


def exportable_points(
    user: AnyUser, region: Region, *, with_contacts: bool
) -> SupportPointQuerySet:
    """Everyone who sees the points may export them; with key holders only the points whose
    contacts the user may see (his municipalities, or all for the region coordinator)."""
    points = visible_points(user, region)
    if not with_contacts:
        return points
    allowed = editable_municipality_ids(user, region)
    if allowed is None:
        return points
    return points.in_municipalities(allowed) if allowed else SupportPoint.objects.none()
