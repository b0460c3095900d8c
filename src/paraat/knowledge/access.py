"""Who may see, add, change and remove knowledge items. One condition per line.

Everyone with a role in the region, partners included, opens the platform. A region coordinator
sees every item of the region; everyone else sees what is shared with the whole region, with an
organisation they belong to or a municipality they work for, and what they added themselves.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Region
from paraat.knowledge.models import KnowledgeItem, KnowledgeItemQuerySet, Organisation

CONTRIBUTORS = frozenset({Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER, Role.PARTNER})


def knowledge_region(user: AnyUser) -> Region:
    """The user's region (a superuser: the first), also for partners, who have no staff pages."""
    if not accounts_access.can_sign_in(user):
        raise PermissionDenied
    region = user.region if user.region_id else None
    if region is None and user.is_superuser:
        region = Region.objects.order_by("pk").first()
    if region is None:
        raise Http404("no region")
    return region


def can_view_knowledge(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_sign_in(user):
        return False
    if user.is_superuser:
        return True
    return bool(user.region_id == region.pk)


def sees_all_items(user: User) -> bool:
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_add_items(user: AnyUser, region: Region) -> bool:
    """Coordinators, municipal officers and partners share knowledge; the others read."""
    if not can_view_knowledge(user, region):
        return False
    return bool(user.is_superuser or user.role in CONTRIBUTORS)


def organisation_ids(user: User) -> set[int]:
    return set(user.knowledge_organisations.values_list("pk", flat=True))


def municipality_ids(user: User) -> set[int]:
    """Officers and partners who advise a municipality (AOV, IV) see what is shared with it."""
    if user.role not in (Role.MUNICIPAL_OFFICER, Role.PARTNER):
        return set()
    return set(user.municipalities.values_list("pk", flat=True))


def visible_items(user: AnyUser, region: Region) -> KnowledgeItemQuerySet:
    if not can_view_knowledge(user, region):
        return KnowledgeItem.objects.none()
    items = KnowledgeItem.objects.in_region(region)
    if sees_all_items(user):
        return items
    return items.shared_with(
        user_id=user.pk,
        organisation_ids=organisation_ids(user),
        municipality_ids=municipality_ids(user),
    )


def item_for_user(user: AnyUser, pk: int) -> KnowledgeItem:
    region = knowledge_region(user)
    item = visible_items(user, region).select_related("region", "created_by").filter(pk=pk).first()
    if item is None:
        raise Http404("no such item")
    return item


def can_edit_item(user: AnyUser, item: KnowledgeItem) -> bool:
    """The one who added it, and the region's coordinators; they may also remove it."""
    if not can_view_knowledge(user, item.region):
        return False
    if sees_all_items(user):
        return True
    return bool(item.created_by_id is not None and item.created_by_id == user.pk)


def item_to_edit(user: AnyUser, pk: int) -> KnowledgeItem:
    """An item to change or remove: found among what the user sees (404), then may she edit it."""
    item = item_for_user(user, pk)
    if not can_edit_item(user, item):
        raise PermissionDenied
    return item


def can_record_attendance(user: AnyUser, item: KnowledgeItem) -> bool:
    if not item.is_event:
        return False
    return can_edit_item(user, item)


def shareable_organisations(region: Region) -> Any:
    return Organisation.objects.filter(region=region)
