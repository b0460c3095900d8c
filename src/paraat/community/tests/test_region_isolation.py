"""Two regions in one database: nothing of Brabant-Noord's volunteers, initiatives or partners
reaches Xander (coordinator of VR99) through pages, commands, the API or the public pages.

Help requests belong to the operations app; its own isolation test covers them.
"""

from __future__ import annotations

import json

import pytest

from paraat.community import initiatives, partners
from paraat.community.constants import PartnerKind
from paraat.community.tests.factories import make_volunteer
from paraat.testing.isolation import api_text, command_text, leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

MARKERS = ["Zwaantje Zeldenrust", "zwaantje@", "Buurtkerk Zeldzaam", "Waterbedrijf Unieknaam"]


@pytest.fixture
def brabant(cast: Cast) -> dict[str, int]:
    volunteer = make_volunteer(cast, "Zwaantje Zeldenrust", email="zwaantje@example.nl")
    initiative = initiatives.register_initiative(
        region=cast.region,
        data={
            "name": "Buurtkerk Zeldzaam",
            "kind": "church",
            "municipality": cast.oss,
            "contact_name": "Ds. Zeldzaam",
            "contact_phone": "0613131313",
        },
        approved_by=cast.rianne,
    )
    partner = partners.register_partner(
        region=cast.region,
        data={
            "name": "Waterbedrijf Unieknaam",
            "kind": PartnerKind.WATER,
            "control_room_phone": "088-1234567",
            "backup_hours": 72.0,
            "backup_hours_min": 24.0,
            "backup_hours_max": 120.0,
        },
    )
    return {"volunteer": volunteer.pk, "initiative": initiative.pk, "partner": partner.pk}


def test_it_shows_brabant_its_own_data(cast: Cast, brabant: dict[str, int]) -> None:
    """The markers are visible in their own region: the checks below can fail."""
    text = page_text(
        cast.rianne,
        f"/community/volunteers/{brabant['volunteer']}/",
        "/community/initiatives/",
        "/community/partners/",
    )
    assert {"Zwaantje Zeldenrust", "Buurtkerk Zeldzaam", "Waterbedrijf Unieknaam"} <= set(
        leaked(text, MARKERS)
    )
    assert "Waterbedrijf Unieknaam" in api_text(cast.rianne, "/api/v1/partners/")


def test_it_shows_xander_nothing_of_brabant_on_pages(cast: Cast, brabant: dict[str, int]) -> None:
    text = page_text(
        cast.xander,
        "/community/volunteers/",
        "/community/initiatives/",
        "/community/partners/",
        "/community/join/VR99/",
        "/community/initiatives/propose/VR99/",
    )
    assert leaked(text, MARKERS) == []
    assert f"/community/volunteers/{brabant['volunteer']}/" not in text
    assert f"/community/volunteers/{brabant['volunteer']}/" in page_text(
        cast.rianne, "/community/volunteers/"
    )
    for path in (
        f"/community/volunteers/{brabant['volunteer']}/",
        f"/community/volunteers/{brabant['volunteer']}/edit/",
        f"/community/initiatives/{brabant['initiative']}/",
        f"/community/partners/{brabant['partner']}/",
        f"/community/partners/{brabant['partner']}/edit/",
    ):
        assert status(cast.xander, path) in (403, 404), path


def test_it_shows_xander_nothing_of_brabant_in_the_api(cast: Cast, brabant: dict[str, int]) -> None:
    assert leaked(api_text(cast.xander, "/api/v1/partners/"), MARKERS) == []
    assert status(cast.xander, f"/api/v1/partners/{brabant['partner']}/") in (403, 404)


def test_it_shows_nothing_of_brabant_in_the_commands_of_vr99(
    cast: Cast, brabant: dict[str, int]
) -> None:
    own = command_text("partners", "--region", "VR21", "--json")
    assert "Waterbedrijf Unieknaam" in own
    text = "\n".join(
        [
            command_text("partners", "--region", "VR99", "--json", "--contacts"),
            command_text("certificates", "--region", "VR99", "--expiring", "400", "--json"),
        ]
    )
    assert leaked(text, MARKERS) == []
    assert json.loads(command_text("partners", "--region", "VR99", "--json"))
