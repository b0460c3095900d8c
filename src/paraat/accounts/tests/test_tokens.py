"""API tokens: hashed, expiring, revocable, audit-trailed, and working for staff under 2FA."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from paraat.accounts.models import ApiToken
from paraat.accounts.tokens import create_api_token, hash_key, revoke_api_token
from paraat.core.models import AuditEntry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
URL = "/api/v1/regions/"


def _get(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(URL).status_code


@override_settings(PARAAT_REQUIRE_2FA=True)
def test_it_lets_a_staff_token_through_when_2fa_is_required(cast: Cast) -> None:
    # Before: the user of a token has no is_verified(), so every staff call was an HTTP 500.
    _token, key = create_api_token(user=cast.rianne, days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.get(URL)
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["results"]] == [cast.region.code]


@override_settings(PARAAT_REQUIRE_2FA=True)
def test_it_still_refuses_an_unverified_staff_session_on_the_api(cast: Cast) -> None:
    client = APIClient()
    client.force_login(cast.rianne)
    assert client.get(URL).status_code == 403


def test_it_stores_only_a_hash_of_the_key(cast: Cast) -> None:
    token, key = create_api_token(user=cast.cas)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key)
    assert key not in json.dumps(list(ApiToken.objects.values()), default=str)
    entry = AuditEntry.objects.get(model="accounts.apitoken", object_pk=str(token.pk))
    assert "key_hash" not in json.dumps(entry.after)


def test_it_refuses_an_expired_or_revoked_key_and_a_deactivated_user(cast: Cast) -> None:
    token, key = create_api_token(user=cast.cas, days=1)
    assert _get(key) == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _get(key) == 401
    token2, key2 = create_api_token(user=cast.cas)
    revoke_api_token(token=token2, actor=cast.rianne)
    assert _get(key2) == 401
    _token3, key3 = create_api_token(user=cast.kees)
    cast.kees.is_active = False
    cast.kees.save()
    assert _get(key3) == 401


def test_it_notes_the_last_use(cast: Cast) -> None:
    token, key = create_api_token(user=cast.cas)
    assert token.last_used_at is None
    _get(key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_creates_lists_and_revokes_from_the_command_line(cast: Cast) -> None:
    out = StringIO()
    call_command("token", "create", "cas", "--days", "90", "--json", stdout=out, stderr=StringIO())
    created = json.loads(out.getvalue())
    assert _get(created["key"]) == 200
    expires = dt.datetime.fromisoformat(created["expires_at"])
    assert 89 <= (expires - timezone.now()).days <= 90
    out = StringIO()
    call_command("token", "list", "cas", "--json", stdout=out)
    assert [t["prefix"] for t in json.loads(out.getvalue())["tokens"]] == [created["prefix"]]
    call_command("token", "revoke", created["prefix"], stdout=StringIO())
    assert _get(created["key"]) == 401
    actions = list(
        AuditEntry.objects.filter(model="accounts.apitoken")
        .order_by("pk")
        .values_list("action", "actor_label")
    )
    assert actions == [("create", "token-create"), ("update", "token-revoke")]


def test_it_refuses_an_unknown_user_and_bad_days(cast: Cast) -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("token", "create", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="--days"):
        call_command("token", "create", "cas", "--days", "0", stdout=StringIO())
    assert not ApiToken.objects.exists()
