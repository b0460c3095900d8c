"""Olaf puts a training of Oss on the calendar by clicking; the calendar and the "exercised in
the last 12 months" overview pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.programme.tests.helpers import make_programme
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_plans_a_training_by_clicking(live_server: Any, page: Any, cast: Cast) -> None:
    make_programme(cast)
    point = SupportPointFactory(region=cast.region, code="OSS-TR", name="Buurthuis")
    login(page, live_server.url, "olaf", PASSWORD)
    page.goto(f"{live_server.url}/programme/")
    page.get_by_role("link", name="Trainen en oefenen").click()
    expect(page.locator("h1")).to_have_text("Trainen en oefenen")
    page.get_by_role("link", name="Training of oefening toevoegen").click()
    page.select_option("#id_municipality", label="Oss")
    page.fill("#id_title", "Training portofoon")
    page.fill("#id_starts_at", "2020-06-01T19:00")
    page.get_by_label("Leider noodsteunpunt").check()
    page.get_by_label(str(point)).check()
    page.fill("#id_participants", "7")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_have_text("Trainen en oefenen")
    held = page.get_by_role("table", name="Gehouden trainingen en oefeningen")
    expect(held).to_contain_text("Training portofoon")
    expect(held).to_contain_text("OSS-TR")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_role("link", name="Geoefend in de afgelopen 12 maanden").click()
    expect(page.locator("h1")).to_have_text("Geoefend in de afgelopen 12 maanden")
    violations = axe_violations(page)
    assert not violations, describe(violations)
