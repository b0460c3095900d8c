"""State changes for accounts: logging in with lockout (django-axes), unlocking, two-factor enrolment, creating users."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from paraat.accounts import access, lockout
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.core import audit
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


# --- Bringing in people: invitations, password reset, deactivation, second-factor reset ---------


class AccountError(ValueError):
    """An account cannot be made or changed as asked; the message says why."""


def _absolute(base_url: str, path: str) -> str:
    base = (base_url or settings.PARAAT_SITE_URL).rstrip("/")
    if not base:
        raise AccountError(
            _("Set PARAAT_SITE_URL to this install's address, so e-mail can link to it.")
        )
    return base + path


def one_time_link(*, user: User, base_url: str, view: str) -> str:
    """A link that works once (it hashes the password and last login) and for 72 hours."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _absolute(base_url, reverse(view, kwargs={"uidb64": uid, "token": token}))


def _send(*, user: User, subject: str, template: str, context: dict[str, Any]) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    body = render_to_string(template, {"user": user, **context})
    send_mail(subject, body, None, [user.email])


def send_invitation(*, user: User, base_url: str = "") -> None:
    """E-mail the invitation after commit: set a password (and, for staff roles, enrol TOTP)."""
    link = one_time_link(user=user, base_url=base_url, view="accounts:invitation")
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    subject = _("Your Paraat account for %(region)s") % {"region": user.region}
    audit.record(action=AuditAction.INVITE, instance=user, note=f"invitation to {user.email}")
    transaction.on_commit(
        lambda: _send(
            user=user,
            subject=subject,
            template="accounts/email/invitation.txt",
            context={"link": link, "hours": hours, "staff": user.is_staff_role},
        )
    )


@transaction.atomic
def invite_user(
    *,
    username: str,
    email: str,
    role: Role,
    region: Any,
    municipalities: Iterable[Any] = (),
    points: Iterable[Any] = (),
    first_name: str = "",
    last_name: str = "",
    base_url: str = "",
) -> User:
    """Create an account without a password and e-mail its holder a one-time link to set one.

    Municipalities and points must lie in the user's region; point leads are linked to their
    points here. The e-mail goes out after commit, so a failed creation sends nothing.
    """
    from django.core.validators import validate_email

    municipalities = list(municipalities)
    points = list(points)
    username = username.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(_("%(email)s is not an e-mail address.") % {"email": email}) from None
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("The user name %(name)s is taken.") % {"name": username})
    if role == Role.MUNICIPAL_OFFICER and not municipalities:
        raise AccountError(_("A municipal officer needs at least one municipality."))
    if role == Role.POINT_LEAD and not points:
        raise AccountError(_("A point lead needs at least one support point."))
    if points and role != Role.POINT_LEAD:
        raise AccountError(_("Only point leads are linked to support points."))
    outside = [m.code for m in municipalities if m.region_id != region.pk]
    outside += [p.code for p in points if p.region_id != region.pk]
    if outside:
        raise AccountError(
            _("%(codes)s do not belong to region %(region)s.")
            % {"codes": ", ".join(outside), "region": region.code}
        )
    user = User(
        username=username,
        email=email,
        role=role,
        region=region,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_unusable_password()
    user.save()
    if municipalities:
        user.municipalities.set(municipalities)
    for point in points:
        point.leads.add(user)
    send_invitation(user=user, base_url=base_url)
    return user


def send_password_reset(*, email: str, base_url: str = "") -> int:
    """E-mail a one-time reset link to every active account with this address; says nothing else.

    Accounts that were invited but never set a password get their invitation again instead.
    """
    sent = 0
    for user in User.objects.filter(email__iexact=email.strip(), is_active=True):
        if not user.has_usable_password():
            send_invitation(user=user, base_url=base_url)
            continue
        link = one_time_link(user=user, base_url=base_url, view="accounts:reset_confirm")
        audit.record(action=AuditAction.PASSWORD_RESET, instance=user, note="reset link sent")
        transaction.on_commit(
            functools.partial(
                _send,
                user=user,
                subject=_("Reset your Paraat password"),
                template="accounts/email/password_reset.txt",
                context={"link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
            )
        )
        sent += 1
    return sent


@transaction.atomic
def deactivate_user(*, user: User) -> User:
    """Stop an account from logging in and its API tokens from working; the person stays in the
    audit trail (the row is kept, never deleted)."""
    from paraat.accounts.models import ApiToken

    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return user


@transaction.atomic
def reset_second_factor(*, user: User, reason: str = "") -> int:
    """Remove a user's TOTP devices after a lost phone, so the next login enrols a new one.

    Logged in the audit trail with who did it (the acting user) and why.
    """
    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        action=AuditAction.SECOND_FACTOR_RESET,
        instance=user,
        after={"devices_removed": removed},
        note=reason or "second factor reset",
    )
    return removed
