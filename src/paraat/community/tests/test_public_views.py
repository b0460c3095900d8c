"""Self-registration, confirmation by e-mail through a real local SMTP server, and the volunteer's
own link: see, correct, export, erase."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

from paraat.community import links
from paraat.community.constants import VolunteerState
from paraat.community.models import Volunteer
from paraat.community.tests.factories import make_volunteer, postcode_at

pytestmark = pytest.mark.django_db


def _path(body: str, kind: str) -> str:
    match = re.search(re.escape(settings.PARAAT_SITE_URL) + rf"(/community/{kind}/\S+/)", body)
    assert match, body
    return match.group(1)


def _join(client, cast, **extra):
    data = {
        "name": "Fatima",
        "email": "fatima@example.nl",
        "postcode": postcode_at(cast, 300),
        "organisation": "none",
        "skills": ["first_aid"],
        "availability": ["0m", "0a"],
        **extra,
    }
    return client.post(f"/community/join/{cast.region.code}/", data)


def test_it_confirms_a_self_registration_by_e_mail(
    client, cast, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _join(client, cast, consent="on")
    assert response.status_code == 200
    assert Volunteer.objects.get().state == VolunteerState.UNCONFIRMED
    [mail] = smtp.to("fatima@example.nl")
    confirm = _path(smtp.body(mail), "confirm")
    assert client.get(confirm).status_code == 200
    assert Volunteer.objects.get().state == VolunteerState.UNCONFIRMED  # GET never acts
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    assert Volunteer.objects.get().state == VolunteerState.ACTIVE
    own = _path(smtp.body(smtp.to("fatima@example.nl")[1]), "me")
    page = client.get(own)
    assert page.status_code == 200
    assert "Fatima" in page.content.decode()


def test_it_refuses_a_registration_without_consent(client, cast):
    response = _join(client, cast)
    assert response.status_code == 400
    assert not Volunteer.objects.exists()


def test_it_lets_a_volunteer_correct_export_and_erase_her_data(client, cast):
    volunteer = make_volunteer(cast, "Greet", phone="0611111111")
    own = f"/community/me/{links.volunteer_token(volunteer)}/"
    response = client.post(own, {"name": "Greet B.", "email": "greet@example.nl", "phone": "0622222222",
                                 "postcode": volunteer.postcode, "organisation": "ehbo", "skills": ["first_aid"],
                                 "availability": ["1e"], "away": "2026-12-24/2026-12-26"})  # fmt: skip
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.phone, volunteer.away) == ("0622222222", [["2026-12-24", "2026-12-26"]])
    exported = json.loads(client.get(own + "export/").content)
    assert exported["name"] == "Greet B."
    assert exported["certificates"][0]["issuer"] == "Het Oranje Kruis"
    client.post(own + "erase/", {})  # without the tick nothing happens
    assert Volunteer.objects.exists()
    assert client.post(own + "erase/", {"confirm": "yes"}).status_code == 200
    assert not Volunteer.objects.exists()
    assert client.get(own).status_code == 404


def test_it_rejects_a_tampered_link(client, cast):
    volunteer = make_volunteer(cast, "Greet")
    token = links.volunteer_token(volunteer)
    other = make_volunteer(cast, "Henk")
    forged = token.replace(f"{volunteer.pk}.", f"{other.pk}.", 1)
    assert client.get(f"/community/me/{forged}/").status_code == 404
    assert client.get(f"/community/confirm/{token}/").status_code == 404  # wrong purpose
