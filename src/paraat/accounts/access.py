"""Who may do what with accounts and, shared by every app, a user's geographic scope.

One condition per line, so a reviewer can read the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

from django.conf import settings

from paraat.accounts.constants import STAFF_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from paraat.accounts.models import User

# Who a view or the API hands to an access function: a signed-in user or the anonymous one.
AnyUser: TypeAlias = "User | AnonymousUser"


def is_active(user: AnyUser | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def second_factor_ok(user: AnyUser) -> bool:
    """Staff roles must have passed TOTP when the region requires it (always in production)."""
    if not is_active(user):
        return False
    if user.role not in STAFF_ROLES:
        return True
    if not settings.PARAAT_REQUIRE_2FA:
        return True
    # OTPMiddleware sets is_verified on session users, the API token authentication on token
    # users; a user that came in any other way has not passed a second factor.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def can_enrol_device(user: AnyUser) -> bool:
    """A first device after the password; a further one only from a session verified by a device.

    Otherwise the password alone would let anyone replace the owner's authenticator. After a
    coordinator's reset the user has no device left and enrols again with the password.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not is_active(user):
        return False
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return True
    return bool(user.is_verified())  # type: ignore[attr-defined]  # set by OTPMiddleware


def can_use_app(user: AnyUser) -> TypeGuard[User]:
    """The staff pages. A partner has none of them: only the knowledge platform (``can_sign_in``)."""
    return can_sign_in(user) and user.role != Role.PARTNER


def can_sign_in(user: AnyUser) -> TypeGuard[User]:
    """Active and past the second factor: enough for the pages every role has."""
    return is_active(user) and second_factor_ok(user)


def is_region_wide(user: AnyUser) -> bool:
    """Region coordinators, crisis operators and viewers see the whole region."""
    return can_use_app(user) and user.role in {
        Role.REGION_COORDINATOR,
        Role.CRISIS_OPERATOR,
        Role.VIEWER,
    }


def municipality_ids(user: AnyUser) -> set[int]:
    """The municipalities a municipal officer is scoped to (empty for other roles)."""
    if not can_use_app(user):
        return set()
    if user.role != Role.MUNICIPAL_OFFICER:
        return set()
    # .all(), not values_list: a caller that checks many points prefetches them once.
    return {municipality.pk for municipality in user.municipalities.all()}


def can_view_audit(user: AnyUser) -> bool:
    return can_use_app(user) and (user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_unlock(user: AnyUser, username: str) -> bool:
    """A region coordinator lifts lockouts of account names in their region; a superuser any."""
    from paraat.accounts.models import User

    if not can_use_app(user):
        return False
    if user.is_superuser:
        return True
    if user.role != Role.REGION_COORDINATOR:
        return False
    # A coordinator without a region matches the accounts without one, as before (None is IS NULL).
    same_region = User.objects.filter(region_id=user.region_id)  # type: ignore[misc]
    return same_region.filter(username__iexact=username).exists()


def can_view_lockouts(user: AnyUser) -> bool:
    return can_use_app(user) and (user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_manage_accounts(user: AnyUser) -> TypeGuard[User]:
    """Region coordinators manage the accounts of their own region."""
    return can_use_app(user) and user.role == Role.REGION_COORDINATOR and user.region_id is not None


def can_manage_account(user: AnyUser, target: User) -> bool:
    """A coordinator changes another account of the same region, never their own here."""
    if not can_manage_accounts(user):
        return False
    if target.pk == user.pk:
        return False
    return bool(target.region_id == user.region_id)


def can_manage_own_tokens(user: AnyUser) -> bool:
    """Anyone past the second factor may make API tokens for themselves."""
    return can_use_app(user)
