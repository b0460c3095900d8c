"""The outage clock pages pass axe-core (WCAG 2.1 A/AA) in headless Chromium, and the what-if
flow works by clicking, without JavaScript of our own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from paraat.cascades.tests.django_helpers import small_network
from paraat.operations.tests.factories import make_scene
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/outage-clock/?runs=200",
    "/outage-clock/?runs=200&measures=fuel-72h-all-points&weather=frost",
    "/outage-clock/print/?runs=200",
    "/outage-clock/figures/",
]


@pytest.fixture
def network(cast: Cast) -> Cast:
    cache.clear()
    small_network(cast)
    make_scene(cast, exercise=True)
    return cast


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(live_server: Any, page: Any, network: Cast, path: str) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_has_no_axe_violations_on_the_form_with_errors(
    live_server: Any, page: Any, network: Cast
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}/outage-clock/figures/")
    page.fill("#id_water_days_min", "7")
    page.fill("#id_water_days_likely", "20")
    page.fill("#id_water_days_max", "14")
    page.locator("main form.nl-form button.nl-button--primary").click()
    assert page.locator(".nl-form-error").count() >= 2
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_compares_a_measure_by_clicking(live_server: Any, page: Any, network: Cast) -> None:
    login(page, live_server.url, "cas", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Stroomuitvalklok"
    ).click()
    assert page.inner_text("h1") == "Stroomuitvalklok"
    page.select_option("#id_runs", "200")
    page.get_by_label("Noodstroomaggregaat met 72 uur brandstof op elk coördinatiepunt").check()
    with page.expect_navigation():  # count() does not wait for the new page
        page.get_by_role("button", name="Tijdlijn tonen").click()
    assert page.locator("#comparison").count() == 1
    assert page.locator("svg[role=img]").count() == 2
