"""TOTP enrolment: the password alone never replaces an existing authenticator (issue 11)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    value = totp(
        device.bin_key, step=device.step, t0=device.t0 - offset * device.step, digits=device.digits
    )
    return f"{value:06d}"


@pytest.fixture
def required(settings: object) -> None:
    settings.PARAAT_REQUIRE_2FA = True  # type: ignore[attr-defined]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


def test_it_refuses_a_second_device_to_a_session_with_only_the_password(
    cast: Cast, required: None
) -> None:
    owners = TOTPDevice.objects.create(user=cast.rianne, name="phone", confirmed=True)
    attacker = Client()
    attacker.post(reverse("accounts:login"), {"username": "rianne", "password": PASSWORD})

    response = attacker.get(reverse("accounts:setup"))
    assert response["Location"] == reverse("accounts:verify")
    assert not TOTPDevice.objects.filter(user=cast.rianne, confirmed=False).exists()
    # Even a POST with a code for a device the attacker made by other means does not enrol.
    rogue = TOTPDevice.objects.create(user=cast.rianne, name="rogue", confirmed=False)
    response = attacker.post(reverse("accounts:setup"), {"token": _code(rogue)})
    assert response["Location"] == reverse("accounts:verify")

    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert TOTPDevice.objects.filter(pk=owners.pk, confirmed=True).exists()
    assert attacker.get(reverse("areas:region")).status_code == 302


def test_it_lets_a_verified_session_enrol_a_new_device(cast: Cast, required: None) -> None:
    owners = TOTPDevice.objects.create(user=cast.rianne, name="phone", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "rianne", "password": PASSWORD})
    assert client.post(reverse("accounts:verify"), {"token": _code(owners)}).status_code == 302

    assert client.get(reverse("accounts:setup")).status_code == 200
    new = TOTPDevice.objects.get(user=cast.rianne, confirmed=False)
    assert client.post(reverse("accounts:setup"), {"token": _code(new)}).status_code == 302
    new.refresh_from_db()
    assert new.confirmed


def test_it_lets_a_user_without_a_device_enrol_with_the_password(
    cast: Cast, required: None
) -> None:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "cas", "password": PASSWORD})
    assert client.get(reverse("accounts:setup")).status_code == 200
    device = TOTPDevice.objects.get(user=cast.cas)
    assert client.post(reverse("accounts:setup"), {"token": _code(device)}).status_code == 302
    assert client.get(reverse("areas:region")).status_code == 200
