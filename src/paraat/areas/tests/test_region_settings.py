"""The region's settings page: who may open it, what it saves, the audit trail and the limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from paraat.areas import services
from paraat.core.models import AuditEntry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

URL = "/region/settings/"


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "cap_sender": "vrbn.nl",
        "cap_web": "https://www.vrbn.nl/stroomstoring",
        "cap_contact": "0900 123 45 67",
        "public_intro_nl": "Welkom bij de noodsteunpunten van Brabant-Noord.",
        "public_intro_en": "Welcome to the support points of Brabant-Noord.",
        "default_threshold_m": "1500",
        "default_capacity": "3000",
        "small_count_threshold": "",
    }
    return {**data, **changes}


def test_it_saves_the_settings_and_keeps_the_change_in_the_audit_trail(cast: Cast) -> None:
    page = _client(cast.rianne).get(URL)
    assert page.status_code == 200
    assert "Instellingen van" in page.content.decode()
    response = _client(cast.rianne).post(URL, _form())
    assert response.status_code == 302
    cast.region.refresh_from_db()
    assert cast.region.cap_sender == "vrbn.nl"
    assert cast.region.default_threshold_m == 1500
    assert cast.region.default_capacity == 3000
    assert cast.region.small_count_threshold is None
    assert cast.region.public_intro("en").startswith("Welcome")
    entry = AuditEntry.objects.for_object(cast.region).newest_first().first()
    assert entry is not None and entry.actor == cast.rianne
    changed = {name: (before, after) for name, before, after in entry.changed_fields()}
    assert changed["default_threshold_m"] == (None, 1500)
    assert changed["cap_sender"][1] == "vrbn.nl"


@pytest.mark.parametrize("persona", ["olaf", "kees", "cas", "pim"])
def test_it_refuses_everyone_but_the_coordinator(cast: Cast, persona: str) -> None:
    client = _client(getattr(cast, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form()).status_code == 403
    cast.region.refresh_from_db()
    assert cast.region.default_threshold_m is None


def test_it_lets_xander_edit_only_his_own_region(cast: Cast) -> None:
    response = _client(cast.xander).post(
        URL,
        _form(cap_sender="elders.nl", public_intro_nl="Welkom.", public_intro_en="Welcome."),
    )
    assert response.status_code == 302
    cast.region.refresh_from_db()
    cast.xander.region.refresh_from_db()
    assert cast.region.cap_sender == ""
    assert cast.xander.region.cap_sender == "elders.nl"
    page = _client(cast.xander).get(URL).content.decode()
    assert "Instellingen van Elders" in page and cast.region.name not in page


def test_it_never_lowers_the_small_count_threshold_below_the_national_one(
    cast: Cast, settings: Any
) -> None:
    settings.PARAAT_SMALL_COUNT_THRESHOLD = 10
    response = _client(cast.rianne).post(URL, _form(small_count_threshold="5"))
    assert response.status_code == 400
    assert "De landelijke drempel is 10" in response.content.decode()
    cast.region.refresh_from_db()
    assert cast.region.small_count_threshold is None
    assert cast.region.default_threshold_m is None  # nothing of the form was saved
    with pytest.raises(ValidationError):
        services.update_region_settings(
            region=cast.region, **{**_service_arguments(), "small_count_threshold": 9}
        )
    assert _client(cast.rianne).post(URL, _form(small_count_threshold="25")).status_code == 302
    cast.region.refresh_from_db()
    assert cast.region.small_count_limit == 25


def test_it_refuses_a_sender_that_is_not_a_domain(cast: Cast) -> None:
    response = _client(cast.rianne).post(URL, _form(cap_sender="Veiligheidsregio"))
    assert response.status_code == 400
    cast.region.refresh_from_db()
    assert cast.region.cap_sender == ""


def test_it_shows_the_region_default_distance_and_capacity_on_the_planning_form(
    cast: Cast,
) -> None:
    services.update_region_settings(
        region=cast.region,
        **{**_service_arguments(), "default_threshold_m": 1500.0, "default_capacity": 3000},
    )
    body = _client(cast.rianne).get(reverse("planning:coverage-new")).content.decode()
    assert 'name="threshold_m" value="1500.0"' in body
    assert 'name="capacity" value="3000"' in body
    optimise = _client(cast.rianne).get(reverse("planning:optimise-new")).content.decode()
    assert "3.000 inwoners per locatie" in optimise


def test_it_offers_the_page_in_the_menu_to_the_coordinator_only(cast: Cast) -> None:
    assert URL in _client(cast.rianne).get(reverse("areas:region")).content.decode()
    assert URL not in _client(cast.olaf).get(reverse("areas:region")).content.decode()


def _service_arguments() -> dict[str, Any]:
    return {
        "sender": "",
        "web": "",
        "contact": "",
        "public_intro_nl": "",
        "public_intro_en": "",
        "default_threshold_m": None,
        "default_capacity": None,
        "small_count_threshold": None,
    }
