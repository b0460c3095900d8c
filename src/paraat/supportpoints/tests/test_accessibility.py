"""Every support point page passes axe-core (WCAG 2.1 A/AA) in headless Chromium, and a smoke
test clicks from the list to a point."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from paraat.supportpoints import services
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/points/",
    "/points/?tier=local&norm=fail&municipality=GM0828",
    "/points/OSS-01/",
    "/points/OSS-02/",
    "/points/new/",
    "/points/OSS-01/edit/",
    "/points/OSS-01/energy/",
    "/points/OSS-01/services/",
    "/points/OSS-01/comms/",
    "/points/OSS-01/contacts/new/",
    "/points/OSS-01/contacts/{contact}/",
    "/points/OSS-01/inspect/",
    "/points/readiness/",
    "/points/readiness/GM0828/",
    "/points/norm/",
    "/points/exchange/",
]


@pytest.fixture
def net(cast: Cast) -> Network:
    net = make_network(cast)
    services.record_inspection(
        point=net.gaps,
        visited_on=timezone.localdate(),
        inspector=cast.olaf,
        checklist={"power_autonomy": True, "wheelchair": False},
        findings="Geen helling bij de ingang.",
        tasks=[
            {
                "description": "Helling plaatsen",
                "owner": "Vastgoed",
                "due_date": timezone.localdate() + dt.timedelta(days=30),
            }
        ],
    )
    return net


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(live_server: Any, page: Any, net: Network, path: str) -> None:
    contact = net.ready.contacts.order_by("pk").first()
    assert contact is not None
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}{path.format(contact=contact.pk)}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_has_no_axe_violations_on_forms_with_errors(
    live_server: Any, page: Any, net: Network
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    for path in ("/points/new/", "/points/OSS-01/inspect/", "/points/norm/", "/points/exchange/"):
        page.goto(f"{live_server.url}{path}")
        if path == "/points/OSS-01/inspect/":
            page.fill("#id_task_1_description", "Iets")
        page.locator("main form.nl-form button.nl-button--primary").last.click()
        expect(page.locator(".nl-form-error").nth(0), path).to_be_attached()
        violations = axe_violations(page)
        assert not violations, f"{path}: {describe(violations)}"


def test_it_lets_an_officer_click_from_the_list_to_a_point(
    live_server: Any, page: Any, net: Network
) -> None:
    login(page, live_server.url, "olaf", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Steunpunten").click()
    expect(page.locator("h1")).to_have_text("Steunpunten")
    page.select_option("#id_municipality", "GM0828")
    page.get_by_role("button", name="Filteren").click()
    page.locator("table").get_by_role("link", name="Sporthal Noord", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sporthal Noord")
    tasks = page.locator("#tasks ~ div").first
    assert "Helling plaatsen" in tasks.inner_text()
    tasks.get_by_role("button", name="Helling plaatsen").click()
    assert "Actiepunt afgerond" in page.inner_text("main")
    page.get_by_role("link", name="Energie bewerken").click()
    page.fill("#id_generator_kw", "12,5")
    page.get_by_role("button", name="Opslaan").click()
    assert "Energie opgeslagen" in page.inner_text("main")
