"""Done when (issue 12): a region that is not the demo is started on the web from its own files,
its coordinator invites a municipal officer and a point lead through a real SMTP server, both log
in, and each sees only their own region, with a second region in the same database."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from paraat.accounts.models import User
from paraat.testing.browser import login
from paraat.testing.regions import fire_stations, polling_places, split_region
from paraat.testing.smtp import Mailbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long coordinator phrase"


def _setup_key() -> str:
    out = StringIO()
    call_command("setup_token", stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def _accept(page: Any, base: str, mailbox: Mailbox, address: str, username: str) -> None:
    """Follow the invitation link, choose a password, log in."""
    page.goto(base + urlsplit(mailbox.link(address)).path)
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("button[type=submit].nl-button--primary")
    page.wait_for_url("**/accounts/login/")
    login(page, base, username, PASSWORD)
    page.wait_for_url("**/region/")


def test_it_starts_a_region_on_the_web_and_brings_in_its_people(
    page: Any, live_server: Any, smtp: Mailbox, tmp_path: Path
) -> None:
    # Another region already in the same database, started with commands only.
    maasland = split_region(tmp_path / "maasland", maasland=True)
    call_command(
        "region", "create", str(maasland.municipalities), "--code", "VR98", "--name", "Maasland",
        stdout=StringIO(),
    )  # fmt: skip
    dommel = split_region(tmp_path / "dommel", maasland=False, cbs_rounded_row=True)
    base = live_server.url

    page.goto(base + "/setup/")
    page.fill("#id_setup_token", _setup_key())
    page.fill("#id_code", "VR97")
    page.fill("#id_name", "Dommel")
    page.set_input_files("#id_municipalities", str(dommel.municipalities))
    page.set_input_files("#id_wijken", str(dommel.wijken))
    page.set_input_files("#id_pc4", str(dommel.pc4))
    page.set_input_files("#id_points", str(fire_stations(tmp_path / "dommel", dommel.codes)))
    page.set_input_files(
        "#id_polling_places", str(polling_places(tmp_path / "dommel", dommel.codes))
    )
    page.fill("#id_username", "dora")
    page.fill("#id_email", "dora@dommel.example")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button[type=submit].nl-button--primary")
    page.wait_for_url("**/accounts/login/", timeout=120_000)
    assert "VR97" in page.content()

    login(page, base, "dora", PASSWORD)
    page.wait_for_url("**/region/")
    page.goto(base + "/accounts/people/")
    page.fill("#id_username", "otto")
    page.fill("#id_email", "otto@vught.example")
    page.select_option("#id_role", "municipal_officer")
    page.select_option("#id_municipalities", label="Vught")
    page.click("button[type=submit].nl-button--primary")
    page.wait_for_url("**/accounts/people/")
    page.fill("#id_username", "lea")
    page.fill("#id_email", "lea@helvoirt.example")
    page.select_option("#id_role", "point_lead")
    page.select_option("#id_points", label="Brandweer Helvoirt (CP-HELVOIRT)")
    page.click("button[type=submit].nl-button--primary")
    page.wait_for_url("**/accounts/people/")
    assert "otto" in page.content() and "lea" in page.content()
    page.click("text=Uitloggen")

    for address, username in (("otto@vught.example", "otto"), ("lea@helvoirt.example", "lea")):
        _accept(page, base, smtp, address, username)
        assert "Dommel" in page.content() and "Maasland" not in page.content()
        # Oss is Maasland's: its page does not exist for Dommel's people.
        refused = page.goto(base + "/region/municipality/GM0828/")
        assert refused.status in (403, 404) and "Oss" not in page.content()
        assert page.goto(base + "/accounts/people/").status == 403
        page.goto(base + "/region/")
        page.click("text=Uitloggen")

    assert sorted(User.objects.filter(region__code="VR97").values_list("username", flat=True)) == [
        "dora",
        "lea",
        "otto",
    ]
    assert [p.code for p in User.objects.get(username="lea").led_points.all()] == ["CP-HELVOIRT"]
