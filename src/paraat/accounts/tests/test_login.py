"""Login: lockout (django-axes) per account name and address, unlocking, and TOTP for staff."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from paraat.accounts import lockout
from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _post_login(client: Client, username: str, password: str) -> object:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_locks_an_account_name_after_five_failures_even_for_the_right_password(
    cast: Cast,
) -> None:
    client = Client()
    for _ in range(4):
        response = _post_login(client, "kees", "wrong")
        assert "klopt niet" in response.content.decode()  # type: ignore[attr-defined]
    response = _post_login(client, "kees", "wrong")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert "geblokkeerd" in response.content.decode()  # type: ignore[attr-defined]
    response = _post_login(client, "kees", PASSWORD)
    assert response.status_code == 429 and "geblokkeerd" in response.content.decode()  # type: ignore[attr-defined]
    assert client.get(reverse("areas:region")).status_code == 302


def test_it_does_not_lock_the_account_for_another_address(cast: Cast) -> None:
    attacker = Client(REMOTE_ADDR="192.0.2.66")
    for _ in range(5):
        _post_login(attacker, "rianne", "wrong")
    assert _post_login(attacker, "rianne", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    owner = Client(REMOTE_ADDR="203.0.113.5")
    assert _post_login(owner, "rianne", PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_it_writes_every_lockout_to_the_audit_trail(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="192.0.2.67")
    for _ in range(5):
        _post_login(client, "kees", "wrong")
    entry = AuditEntry.objects.get(note__startswith="locked out")
    assert "kees" in entry.note and "192.0.2.67" in entry.note and "5 failures" in entry.note
    assert entry.action == AuditAction.LOGIN_FAILED


def test_it_lets_a_coordinator_unlock_an_account_of_her_region(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="192.0.2.68")
    for _ in range(5):
        _post_login(client, "kees", "wrong")
    attempt = AccessAttempt.objects.get(username="kees")

    other = Client()
    other.force_login(cast.xander)
    assert other.get(reverse("accounts:lockouts")).content.decode().count("192.0.2.68") == 0
    assert other.post(reverse("accounts:lockouts"), {"attempt": attempt.pk}).status_code == 403
    assert other.post(reverse("accounts:lockouts"), {"attempt": "x"}).status_code == 403
    officer = Client()
    officer.force_login(cast.olaf)
    assert officer.get(reverse("accounts:lockouts")).status_code == 403

    coordinator = Client()
    coordinator.force_login(cast.rianne)
    assert "192.0.2.68" in coordinator.get(reverse("accounts:lockouts")).content.decode()
    assert (
        coordinator.post(reverse("accounts:lockouts"), {"attempt": attempt.pk}).status_code == 302
    )
    assert not AccessAttempt.objects.filter(username="kees").exists()
    assert AuditEntry.objects.filter(note__startswith="unlocked: account kees").exists()
    assert _post_login(client, "kees", PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_it_doubles_the_cool_off_for_every_failure_past_the_limit(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="192.0.2.69")
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.69")
    for _ in range(5):
        _post_login(client, "kees", "wrong")
    assert lockout.cool_off(request) == dt.timedelta(minutes=15)
    _post_login(client, "kees", "wrong")
    _post_login(client, "kees", "wrong")
    assert lockout.cool_off(request) == dt.timedelta(minutes=60)


def test_it_makes_staff_set_up_and_use_totp_when_required(cast: Cast, settings: object) -> None:
    settings.PARAAT_REQUIRE_2FA = True  # type: ignore[attr-defined]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]  # no waiting after a wrong code in tests
    client = Client()
    response = _post_login(client, "rianne", PASSWORD)
    assert response["Location"] == reverse("accounts:verify")  # type: ignore[index]
    assert client.get(reverse("areas:region"))["Location"] == reverse("accounts:verify")
    assert client.get(reverse("accounts:verify"))["Location"] == reverse("accounts:setup")
    page = client.get(reverse("accounts:setup")).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=cast.rianne)
    assert (
        client.post(
            reverse("accounts:setup"),
            {"token": "000000" if totp(device.bin_key) != 0 else "111111"},
        ).status_code
        == 200
    )
    code = (
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"
    )
    assert client.post(reverse("accounts:setup"), {"token": code}).status_code == 302
    assert client.get(reverse("areas:region")).status_code == 200
    # Next login asks for a code again, and a wrong one does not let her in.
    client = Client()
    _post_login(client, "rianne", PASSWORD)
    assert client.post(reverse("accounts:verify"), {"token": "12345"}).status_code == 200
    assert client.get(reverse("areas:region")).status_code == 302
    device.refresh_from_db()
    # The code of the next time step: the one already used may not be used twice.
    next_code = f"{totp(device.bin_key, step=device.step, t0=device.t0 - device.step, digits=device.digits, drift=0):06d}"
    assert client.post(reverse("accounts:verify"), {"token": next_code}).status_code == 302
    assert client.get(reverse("areas:region")).status_code == 200


def test_it_does_not_ask_a_point_lead_for_a_second_factor(cast: Cast, settings: object) -> None:
    settings.PARAAT_REQUIRE_2FA = True  # type: ignore[attr-defined]
    client = Client()
    assert _post_login(client, "pim", PASSWORD)["Location"] == "/"  # type: ignore[index]
    assert client.get(reverse("areas:region")).status_code == 200
