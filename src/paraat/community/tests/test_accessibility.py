"""The community pages pass axe-core (WCAG 2.1 A/AA) in headless Chromium, public and staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.community import callouts, links, partners
from paraat.community.tests.factories import make_volunteer
from paraat.operations.tests.factories import make_scene
from paraat.testing import factories
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paths(cast: Any) -> dict[str, str]:
    scene = make_scene(cast)
    scene.hub.leads.add(cast.pim)
    volunteer = make_volunteer(cast, "Anna", dx=100)
    callout = callouts.start_callout(incident=scene.incident, point=scene.hub, skill="first_aid", needed=1, radius_m=1_000)  # fmt: skip
    ask = callout.asks.get()
    care = partners.register_partner(region=cast.region, data={
        "name": "Thuiszorg", "kind": "care", "backup_hours": 6.0,
        "agreement_review_on": dt.date(2020, 1, 1)})  # fmt: skip
    partners.add_contact(partner=care, data={"name": "Ineke", "phone": "0611112222"})
    area = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5341", name="")
    partners.record_power_dependent(partner=care, area=area, dependency="oxygen", count=12)
    return {
        "join": f"/community/join/{cast.region.code}/",
        "propose": f"/community/initiatives/propose/{cast.region.code}/",
        "me": f"/community/me/{links.volunteer_token(volunteer)}/",
        "answer": f"/community/r/{links.ask_token(ask)}/",
        "list": "/community/volunteers/",
        "detail": f"/community/volunteers/{volunteer.pk}/",
        "new": "/community/volunteers/new/",
        "import": "/community/volunteers/import/",
        "initiatives": "/community/initiatives/",
        "roster": f"/community/points/{scene.hub.code}/",
        "callout": f"/community/callouts/{callout.pk}/",
        "partners": "/community/partners/",
        "partner": f"/community/partners/{care.pk}/",
        "partner-new": "/community/partners/new/",
    }


PUBLIC = ["join", "propose", "me", "answer"]
STAFF = ["list", "detail", "new", "import", "initiatives", "roster", "callout", "partners", "partner", "partner-new"]  # fmt: skip


def test_it_has_no_axe_violations_on_public_pages(
    live_server: Any, page: Any, paths: dict[str, str]
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for name in PUBLIC:
        page.goto(live_server.url + paths[name])
        expect(page.locator("h1"), name).to_have_count(1)
        violations = axe_violations(page)
        assert not violations, f"{name}: {describe(violations)}"


def test_it_has_no_axe_violations_on_staff_pages(
    live_server: Any, page: Any, paths: dict[str, str]
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    for name in STAFF:
        page.goto(live_server.url + paths[name])
        expect(page.locator("h1"), name).to_have_count(1)
        violations = axe_violations(page)
        assert not violations, f"{name}: {describe(violations)}"
