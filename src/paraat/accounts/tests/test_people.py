"""Bringing in people: invitations through a real SMTP server, password reset, deactivation and
the coordinator's reset of a lost second factor."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.accounts.tokens import create_api_token
from paraat.core.models import AuditEntry
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.logins import log_in
from paraat.testing.personas import Cast
from paraat.testing.smtp import Mailbox

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long new pass phrase"


def _path(link: str) -> str:
    return urlsplit(link).path


def _set_password(client: Client, link: str, password: str = NEW_PASSWORD) -> Any:
    form_page = client.get(_path(link), follow=True)
    assert form_page.status_code == 200
    url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else _path(link)
    return client.post(url, {"new_password1": password, "new_password2": password})


def test_it_invites_an_officer_by_command_and_the_link_sets_a_password_once(
    cast: Cast, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "user", "add", "anna", "--role", "municipal_officer", "--municipality", "gm0828",
            "--email", "anna@oss.example", "--region", "VR21", "--json", stdout=out,
        )  # fmt: skip
    row = json.loads(out.getvalue())
    assert (row["municipalities"], row["has_password"]) == (["GM0828"], False)
    [message] = smtp.to("anna@oss.example")
    assert "anna" in Mailbox.body(message)
    link = smtp.link("anna@oss.example")
    assert _set_password(Client(), link).status_code == 302
    client = Client()
    login = client.post(reverse("accounts:login"), {"username": "anna", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The link worked once: the new password changed what it was made from.
    again = Client().get(_path(link), follow=True)
    assert not again.context["validlink"]
    anna = User.objects.get(username="anna")
    assert AuditEntry.objects.filter(action="invite", object_pk=str(anna.pk)).exists()


class _MadeEarlier(PasswordResetTokenGenerator):
    """The same links as the site makes, but as if made 73 hours ago."""

    def _now(self) -> dt.datetime:
        return dt.datetime.now() - dt.timedelta(hours=73)  # noqa: DTZ005 - Django's token generator counts in naive local time


def test_it_refuses_a_link_older_than_72_hours(cast: Cast) -> None:
    user = User.objects.create_user(username="late", email="late@example.org", region=cast.region)
    old = _MadeEarlier().make_token(user)
    fresh = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    stale = Client().get(reverse("accounts:invitation", args=[uid, old]), follow=True)
    assert not stale.context["validlink"]
    ok = Client().get(reverse("accounts:invitation", args=[uid, fresh]), follow=True)
    assert ok.context["validlink"]


def test_it_lets_the_coordinator_invite_a_point_lead_linked_to_a_point_on_the_page(
    cast: Cast, smtp: Mailbox, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    point = SupportPointFactory(region=cast.region, code="NSP-1", name="Dorpshuis")
    client.force_login(cast.rianne)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:people"),
            {
                "username": "piet",
                "email": "piet@example.org",
                "role": Role.POINT_LEAD,
                "points": [point.pk],
            },
        )
    assert response.status_code == 302
    piet = User.objects.get(username="piet")
    assert (piet.region, list(piet.led_points.all())) == (cast.region, [point])
    assert smtp.to("piet@example.org")
    listing = client.get(reverse("accounts:people"))
    assert b"piet" in listing.content and b"xander" not in listing.content


def test_it_refuses_a_scope_outside_the_region(cast: Cast, smtp: Mailbox) -> None:
    with pytest.raises(CommandError, match="GM9999.*VR21"):
        call_command(
            "user", "add", "bob", "--role", "municipal_officer", "--municipality", "GM9999",
            "--email", "bob@example.org", "--region", "VR21",
        )  # fmt: skip
    with pytest.raises(CommandError, match="minstens één gemeente"):
        call_command(
            "user", "add", "bob", "--role", "municipal_officer", "--email", "bob@example.org",
            "--region", "VR21",
        )  # fmt: skip
    assert not User.objects.filter(username="bob").exists()
    assert smtp.messages == []


def test_it_keeps_other_regions_accounts_out_of_reach(cast: Cast, client: Client) -> None:
    client.force_login(cast.xander)
    assert client.post(reverse("accounts:deactivate", args=[cast.olaf.pk])).status_code == 404
    client.force_login(cast.olaf)
    assert client.get(reverse("accounts:people")).status_code == 403
    cast.olaf.refresh_from_db()
    assert cast.olaf.is_active


def test_it_deactivates_but_keeps_the_person_in_the_audit_trail(cast: Cast, client: Client) -> None:
    _token, key = create_api_token(user=cast.cas)
    client.force_login(cast.rianne)
    response = client.post(reverse("accounts:deactivate", args=[cast.cas.pk]))
    assert response.status_code == 302
    cas = User.objects.get(username="cas")
    assert not cas.is_active
    entry = AuditEntry.objects.filter(model="accounts.user", object_pk=str(cas.pk)).latest("pk")
    assert (entry.actor, entry.after["is_active"]) == (cast.rianne, False)
    assert cas.api_tokens.get().revoked_at is not None
    login = Client().post(
        reverse("accounts:login"), {"username": "cas", "password": "correct horse battery"}
    )
    assert login.status_code == 200  # the form again, not a redirect into the app
    out = StringIO()
    call_command("user", "list", "--region", "VR21", "--json", stdout=out)
    listed = {u["username"]: u["is_active"] for u in json.loads(out.getvalue())["users"]}
    assert listed["cas"] is False and "xander" not in listed


def test_it_resets_a_lost_second_factor_and_logs_it(cast: Cast, client: Client) -> None:
    TOTPDevice.objects.create(user=cast.olaf, name="Paraat", confirmed=True)
    client.force_login(cast.rianne)
    client.post(
        reverse("accounts:reset_second_factor", args=[cast.olaf.pk]), {"reason": "phone lost"}
    )
    assert not TOTPDevice.objects.filter(user=cast.olaf).exists()
    entry = AuditEntry.objects.get(action="second_factor_reset")
    assert (entry.actor, entry.object_pk, entry.note) == (
        cast.rianne,
        str(cast.olaf.pk),
        "phone lost",
    )


def test_it_sends_a_password_reset_link_by_email(
    cast: Cast, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    cast.kees.email = "kees@example.org"
    cast.kees.save()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("accounts:password_reset"), {"email": "KEES@example.org"})
        unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    # The answer says nothing about which addresses exist.
    assert sent.status_code == unknown.status_code == 200
    assert (
        sent.templates[0].name == unknown.templates[0].name == "accounts/password_reset_sent.html"
    )
    assert len(smtp.messages) == 1
    assert _set_password(client, smtp.link("kees@example.org")).status_code == 302
    assert log_in(Client(), "kees", NEW_PASSWORD)
