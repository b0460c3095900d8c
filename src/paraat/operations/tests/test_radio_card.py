"""The printable radio card of a point: a line and its check digit can be made from it alone, and
a code that reads as a word of the line is refused at registration (issue 10)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from paraat.operations.statusline import StatusLine, make_line, parse_line
from paraat.operations.tests.factories import make_point, make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _card(cast: Cast, user: object, code: str = "OSS-01") -> tuple[int, str]:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    response = client.get(f"/operations/card/{code}/")
    return response.status_code, response.content.decode()


def _by_hand(card: str, when: str, visitors: str, fuel: str, services: str, needs: str) -> int:
    """What a point lead does with a pencil: add the digits and the values printed on the card."""
    service_values = dict(re.findall(r'data-service-value="(\w)">(\d)<', card))
    need_values = dict(re.findall(r'data-need-value="(\w)">(\d)<', card))
    total = sum(int(c) for c in when + visitors + fuel if c.isdigit())
    total += sum(int(service_values[s]) for s in services)
    total += sum(int(need_values[n]) for n in needs)
    return total % 10


def test_it_prints_a_card_from_which_a_point_lead_makes_a_valid_line(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    status, card = _card(cast, cast.pim)
    assert status == 200
    mark = re.search(r"<strong>OSS-01/(.)</strong>", card).group(1)  # type: ignore[union-attr]
    assert "Anton" in card and "Alfa" not in card  # one spelling alphabet, Dutch
    assert "Controlecijfer" in card or "controlecijfer" in card
    # The point lead fills in the card: 21st 09:59, full, first aid and water, 1234 visitors,
    # 795 hours of fuel, needs fuel and transport.
    fields = ("210959", "1234", "795", "EW", "FT")
    check = _by_hand(card, *fields)
    line = f"P2 OSS-01/{mark} 210959 VOL S2EW V1234 F795 N2FT K{check}"
    reference = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    parsed = parse_line(line, reference=reference)
    assert parsed.status == StatusLine(
        "OSS-01",
        dt.time(9, 59),
        "FULL",
        frozenset({"FIRST_AID", "DRINKING_WATER"}),
        1234,
        795,
        frozenset({"FUEL", "TRANSPORT"}),
        21,
    )
    assert make_line(parsed.status) == line


def test_it_shows_the_card_to_the_region_only(cast: Cast) -> None:
    make_scene(cast)
    assert _card(cast, cast.kees)[0] == 200
    assert _card(cast, cast.xander)[0] in (403, 404)
    assert _card(cast, cast.cas, "NO-SUCH")[0] == 404


@pytest.mark.parametrize("code", ["VOL", "open", "Dicht", "BEPERKT", "FULL", "P2"])
def test_it_refuses_a_point_code_that_reads_as_a_word_of_the_line(cast: Cast, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        make_point(cast, code, parent=None, tier="coordination")
    assert "code" in error.value.message_dict
    assert "statusregel" in " ".join(error.value.message_dict["code"])
