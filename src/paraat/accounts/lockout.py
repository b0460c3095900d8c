"""Login throttling with django-axes: per account name from one address, and per address.

django-axes stores the failures, decides the lockout and the cool-off, and resets. Two things are
added here:

- ``cool_off``: the cool-off doubles with every failure past the limit (15, 30, 60 minutes ...),
  so an attacker who keeps trying waits longer and longer, while only their own address is held.
- ``address_gate``: axes checks the lock before the password and counts the failure after it, so
  parallel attempts would all pass the check. Attempts from one client address are taken one at a
  time under a row lock, so no more passwords are checked than the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

MAX_DOUBLINGS = 6  # 15 minutes doubles up to 16 hours


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind ``PARAAT_TRUSTED_PROXIES`` reverse proxies the
    entry that many places from the right of X-Forwarded-For (the part our own proxies wrote)."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.PARAAT_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def cool_off(request: HttpRequest) -> dt.timedelta:
    """The base lockout time, doubled for every failure from this address past the limit."""
    from axes.models import AccessAttempt
    from django.db.models import Max

    base = dt.timedelta(minutes=settings.PARAAT_LOGIN_LOCKOUT_MINUTES)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    most = AccessAttempt.objects.filter(ip_address=address).aggregate(
        most=Max("failures_since_start")
    )["most"]
    beyond = max(0, (most or 0) - settings.PARAAT_LOGIN_MAX_FAILURES)
    return base * 2 ** min(beyond, MAX_DOUBLINGS)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The login page the view rendered (with its message), as 429 Too Many Requests."""
    response = original_response or HttpResponse()
    response.status_code = 429
    return response


@contextmanager
def address_gate(request: HttpRequest) -> Iterator[None]:
    """Hold a row lock for the client's address while one login attempt is checked and counted.

    On PostgreSQL a row lock on the address; on SQLite the write transaction itself (Paraat opens
    them IMMEDIATE) serialises the attempts.
    """
    from paraat.accounts.models import LoginGate

    address = client_address(request)[:45] or "unknown"
    LoginGate.objects.get_or_create(address=address)
    with transaction.atomic():
        LoginGate.objects.select_for_update().get(address=address)
        yield


def connect() -> None:
    """Write every lockout to the audit trail (called from the app's ready())."""
    from axes.signals import user_locked_out

    receiver(user_locked_out, dispatch_uid="paraat_audit_lockout")(_log_lockout)


def _log_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    from axes.models import AccessAttempt

    from paraat.core import audit
    from paraat.core.constants import AuditAction

    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address).first()
        or AccessAttempt.objects.filter(ip_address=ip_address).order_by("-attempt_time").first()
        or AccessAttempt(username=username, ip_address=ip_address)
    )
    failures = getattr(request, "axes_failures_since_start", None)
    with audit.acting_as(None, label=(username or "?")[:150]):
        audit.record(
            action=AuditAction.LOGIN_FAILED,
            instance=attempt,
            note=f"locked out: account {username or '?'} from {ip_address}"
            + (f" after {failures} failures" if failures else " (attempt while locked)"),
        )


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account name as the login form gives it, trimmed and in lower case, so ``Rianne`` and
    ``rianne `` count as one name."""
    name = (credentials or {}).get("username")
    if name is None:
        name = request.POST.get("username")
    return str(name).strip().lower()[:150] if name is not None else None
