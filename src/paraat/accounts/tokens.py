"""API tokens: created, checked and revoked here; only a hash of each key is ever stored.

A key is 32 random bytes (URL-safe text) behind a short prefix that names it in lists. Because it
is long and random, a plain SHA-256 is enough to store it safely (no salt or slow hash needed, as
there is nothing to guess), and lets a request find its token with one indexed lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from paraat.accounts.models import ApiToken, User
from paraat.core import audit, rows

PREFIX = "prt_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# The last use is written at most once a minute per token, so busy clients add no write per call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(
    *, user: User, days: int = DEFAULT_DAYS, name: str = "", actor: User | None = None
) -> tuple[ApiToken, str]:
    """Make a token for ``user`` valid for ``days``; returns it with the key, shown only this once.

    The audit trail records the creation (by ``actor`` or the command line), never the key.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    if not user.is_active:
        raise ValueError("the account is deactivated")
    key = PREFIX + secrets.token_urlsafe(32)
    with audit.acting_as(actor, "" if actor else "token-create"):
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=key[: len(PREFIX) + 6],
            key_hash=hash_key(key),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
    return token, key


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    """Stop a token from working at once; the row stays, so the trail shows who had it and when."""
    if token.revoked_at is None:
        with audit.acting_as(actor, "" if actor else "token-revoke"):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def authenticate_key(key: str) -> ApiToken | None:
    """The usable token for this key (and its user with the user's region), or None; notes the
    time of use. One statement (``core.rows``): every API call reads it."""
    region_model = _region_model()
    now = timezone.now()
    row = rows.fetch_one(
        rows.sql_for(_TOKEN_SQL, _token_sql),
        [hash_key(key), connection.ops.adapt_datetimefield_value(now)],
    )
    if row is None:
        return None
    token = rows.instance(ApiToken, row)
    user = rows.instance(User, row, rows.width(ApiToken))
    assert token is not None and user is not None
    user.region = rows.instance(region_model, row, rows.width(ApiToken) + rows.width(User), OUTLINE)
    token.user = user
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A plain update: a use is not a change of the token, so it does not enter the trail.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _region_model() -> Any:
    """The user's region model, by the user's foreign key (areas sit above accounts)."""
    return User._meta.get_field("region").related_model


_TOKEN_SQL: dict[str, str] = {}
# The region's outline is read only where it is drawn (a large JSON to decode on every call).
OUTLINE = ("geometry",)


def _token_sql() -> str:
    """``ApiToken.objects.usable(now)`` by key hash, with the user and the user's region."""
    region = _region_model()
    return (
        f"SELECT {rows.columns(ApiToken, 't')}, {rows.columns(User, 'u')}, "
        f"{rows.columns(region, 'r', OUTLINE)} FROM {rows.table(ApiToken)} t "
        f"JOIN {rows.table(User)} u ON u.id = t.user_id "
        f"LEFT JOIN {rows.table(region)} r ON r.id = u.region_id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND u.is_active"
    )


SETUP_TOKEN_HOURS = 24


@transaction.atomic
def issue_setup_token() -> str:
    """A new one-time key for the first-run setup, valid 24 hours; earlier unused keys stop."""
    from paraat.accounts.models import SetupToken

    now = timezone.now()
    with audit.acting_as(None, "setup-token"):
        for old in SetupToken.objects.filter(used_at__isnull=True):
            old.used_at = now
            old.save(update_fields=["used_at"])
        key = secrets.token_urlsafe(18)
        SetupToken.objects.create(
            key_hash=hash_key(key), expires_at=now + dt.timedelta(hours=SETUP_TOKEN_HOURS)
        )
    return key


def setup_token_valid(key: str) -> bool:
    from paraat.accounts.models import SetupToken

    return SetupToken.objects.filter(
        key_hash=hash_key(key.strip()), used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


def use_setup_token(key: str) -> bool:
    """Spend the key (inside the setup's transaction); False when it is unknown, used or expired."""
    from paraat.accounts.models import SetupToken

    token = (
        SetupToken.objects.select_for_update()
        .filter(key_hash=hash_key(key.strip()), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None:
        return False
    token.used_at = timezone.now()
    token.save(update_fields=["used_at"])
    return True
