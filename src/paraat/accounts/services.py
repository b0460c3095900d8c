"""State changes for accounts: logging in with lockout (django-axes), unlocking, two-factor enrolment, creating users."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from paraat.accounts import access, lockout
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.core.audit import acting_as, record
from paraat.core.constants import AuditAction


class LoginLocked(Exception):
    """Too many failed attempts for this account name or address; try again after ``until``."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


class LoginFailed(Exception):
    """Wrong account name or password (deliberately not saying which)."""


def _locked_until(request: HttpRequest) -> dt.datetime:
    from axes.models import AccessAttempt
    from django.db.models import Max

    address = lockout.client_address(request)
    latest = AccessAttempt.objects.filter(ip_address=address).aggregate(last=Max("attempt_time"))
    return (latest["last"] or timezone.now()) + lockout.cool_off(request)


def authenticate_with_lockout(*, request: HttpRequest, username: str, password: str) -> User:
    """Check a password unless django-axes holds this account name from this address, or this
    address, after repeated failures.

    Attempts from one address are checked one at a time (``lockout.address_gate``), so parallel
    tries never check more passwords than the limit. Failures are stored by axes, so a lockout
    survives restarts and holds across server processes.
    """
    username = username.strip()
    with lockout.address_gate(request):
        user = authenticate(request, username=username, password=password)
        locked = bool(getattr(request, "axes_locked_out", False))
    if user is not None and not locked:
        assert isinstance(user, User)
        return user
    if locked:
        raise LoginLocked(_locked_until(request))
    raise LoginFailed()


@transaction.atomic
def unlock(*, attempt_pk: int, user: User) -> None:
    """A coordinator lifts one lockout: the failures of that account name from that address go."""
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_pk).first()
    if attempt is None or not access.can_unlock(user, attempt.username):
        raise PermissionDenied
    with acting_as(user):
        record(
            action=AuditAction.DELETE,
            instance=attempt,
            note=f"unlocked: account {attempt.username} from {attempt.ip_address}",
        )
        attempt.delete()


def needs_second_factor(user: User) -> bool:
    """Staff roles pass TOTP when they have a device, and must have one when the region requires it."""
    if not user.is_staff_role:
        return False
    return settings.PARAAT_REQUIRE_2FA or has_confirmed_device(user)


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class EnrolmentRefused(Exception):
    """The user already has a device and this session has not been verified with it."""


@transaction.atomic
def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """Create (or reuse) an unconfirmed TOTP device whose secret the user adds to an app.

    Refused while the user has a confirmed device and the session is not verified: the password
    alone must never be enough to replace the owner's authenticator.
    """
    if not access.can_enrol_device(user):
        raise EnrolmentRefused()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Paraat", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm the device when the first code matches; the session then counts as verified."""
    if not access.can_enrol_device(user):
        raise EnrolmentRefused()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    return True


def verify_second_factor(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a TOTP code against the user's confirmed devices and mark the session verified."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token.strip()):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    role: Role,
    region: Any,
    municipalities: Iterable[Any] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a user with a role and scope; a municipal officer needs at least one municipality."""
    municipalities = list(municipalities)
    if role == Role.MUNICIPAL_OFFICER and not municipalities:
        raise ValueError("a municipal officer needs at least one municipality")
    user = User.objects.create_user(
        username=username,
        password=password,
        role=role,
        region=region,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if municipalities:
        user.municipalities.set(municipalities)
    return user
