"""The region's advice editor and the municipalities' numbers: who may do what, and what it does."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from paraat.publicinfo import services
from paraat.publicinfo.models import ActionAdvice, MunicipalityContact
from paraat.publicinfo.tests.factories import Network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

HARD = (
    "Bij een langdurige elektriciteitsonderbreking adviseren wij huishoudens nadrukkelijk om "
    "voorafgaand aan de verwachte energievoorzieningsproblematiek voldoende voedselvoorraden "
    "en noodverlichtingsvoorzieningen in huis te hebben."
)


def advice(cast: Cast, risk: str = "power_outage", phase: str = "during") -> ActionAdvice:
    services.ensure_advice(region=cast.region)
    return ActionAdvice.objects.get(region=cast.region, risk=risk, phase=phase, language="nl")


# Who may do what: (overview, edit advice, edit numbers) per persona.
RULES = {
    "rianne": (200, 200, 200),
    "olaf": (200, 403, 403),
    "vera": (200, 403, 403),
    "cas": (200, 403, 403),
    "pim": (200, 403, 403),
    "kees": (200, 403, 403),
}


@pytest.mark.parametrize("persona", sorted(RULES))
def test_it_applies_the_access_rules(client: Client, cast: Cast, persona: str) -> None:
    text = advice(cast)
    client.force_login(getattr(cast, persona))
    overview, edit, numbers = RULES[persona]
    assert client.get("/public/editor/advice/").status_code == overview
    assert client.get(f"/public/editor/advice/{text.pk}/").status_code == edit
    assert client.get("/public/editor/contacts/").status_code == numbers
    response = client.post(f"/public/editor/advice/{text.pk}/", {"title": "X", "body": "Y"})
    assert response.status_code in (edit, 302)
    text.refresh_from_db()
    assert (text.title == "X") == (edit == 200)


def test_it_keeps_another_regions_coordinator_out(client: Client, cast: Cast) -> None:
    text = advice(cast)
    client.force_login(cast.xander)
    assert client.get(f"/public/editor/advice/{text.pk}/").status_code == 404
    client.post(f"/public/editor/advice/{text.pk}/", {"title": "X", "body": "Y"})
    text.refresh_from_db()
    assert text.title != "X"
    overview = client.get("/public/editor/advice/").content.decode()
    assert "Brabant-Noord" not in overview


def test_it_sends_a_resident_to_the_login(client: Client, cast: Cast) -> None:
    for path in ("/public/editor/advice/", "/public/editor/contacts/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_it_saves_a_new_version_that_residents_see(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    text = advice(cast)
    client.force_login(cast.rianne)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/public/editor/advice/{text.pk}/",
            {"title": "Geen stroom?", "body": "- Blijf kalm.\n- Kijk bij uw buren."},
        )
    assert response.status_code == 302
    text.refresh_from_db()
    assert (text.version, text.updated_by) == (2, cast.rianne)
    page = Client().get("/public/advice/power_outage/").content.decode()
    assert "Geen stroom?" in page
    assert "<li>Kijk bij uw buren.</li>" in page
    assert "Versie 2" in page


def test_it_warns_about_a_hard_text_but_saves_it(client: Client, cast: Cast) -> None:
    text = advice(cast)
    client.force_login(cast.rianne)
    form = client.get(f"/public/editor/advice/{text.pk}/").content.decode()
    assert "misschien te moeilijk" not in form  # the shipped text is B1
    client.post(f"/public/editor/advice/{text.pk}/", {"title": text.title, "body": HARD})
    text.refresh_from_db()
    assert text.body == HARD
    form = client.get(f"/public/editor/advice/{text.pk}/").content.decode()
    assert "Deze tekst is misschien te moeilijk" in form
    assert "Lange zin (22 woorden)" in form
    assert "energievoorzieningsproblematiek" in form
    overview = client.get("/public/editor/advice/").content.decode()
    assert "1 tekst is misschien te moeilijk." in overview


def test_it_refuses_an_empty_text(client: Client, cast: Cast) -> None:
    text = advice(cast)
    client.force_login(cast.rianne)
    response = client.post(f"/public/editor/advice/{text.pk}/", {"title": "", "body": ""})
    assert response.status_code == 400
    text.refresh_from_db()
    assert text.version == 1


def test_it_saves_the_numbers_all_or_nothing(client: Client, cast: Cast) -> None:
    client.force_login(cast.rianne)
    data = {
        "phone_GM0828": "14 0412",
        "website_GM0828": "www.oss.nl",
        "phone_GM0865": "bel ons",
        "website_GM0865": "",
    }
    response = client.post("/public/editor/contacts/", data)
    assert response.status_code == 400
    assert "Gebruik alleen cijfers" in response.content.decode()
    assert not MunicipalityContact.objects.exists()
    data["phone_GM0865"] = "073 658 00 00"
    assert client.post("/public/editor/contacts/", data).status_code == 302
    oss = MunicipalityContact.objects.get(municipality=cast.oss)
    assert (oss.phone, oss.website) == ("14 0412", "https://www.oss.nl")
