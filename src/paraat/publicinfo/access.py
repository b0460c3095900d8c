"""Who may do what on the resident side. One condition per line.

Residents need no account: every public page is open to all. Only the region's coordinators
change the advice texts and the numbers on posters; everyone with a role in the region reads the
editors' overview.
"""

from __future__ import annotations

from typing import TypeGuard

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Region


def can_view_editor(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_use_app(user):
        return False
    return bool(user.is_superuser or user.region_id == region.pk)


def can_edit_advice(user: AnyUser, region: Region) -> bool:
    if not can_view_editor(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_edit_contacts(user: AnyUser, region: Region) -> bool:
    return can_edit_advice(user, region)


def can_export(user: AnyUser, region: Region) -> bool:
    """The static export is the region's public face: its coordinators start it."""
    return can_edit_advice(user, region)
