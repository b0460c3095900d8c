"""Every page passes axe-core (WCAG 2.1 A/AA) in headless Chromium, and a smoke test clicks through."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.testing import factories
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages of the foundation; each app adds its own list in its own test_accessibility module.
PAGES = [
    "/region/",
    "/region/?kind=wijk&metric=share_65_plus",
    "/region/municipality/GM0828/",
    "/region/area/wijk/WK082801/",
    "/region/import/",
    "/audit/",
]


@pytest.fixture
def world(cast: Cast) -> Cast:
    factories.AreaFactory(
        municipality=cast.oss, code="WK082801", name="Oss-Centrum", population=4000
    )
    factories.AreaFactory(
        municipality=cast.oss,
        code="WK082802",
        name="Oss-Noord",
        population=3000,
        centre_rd=(165_500, 419_000),
    )
    return cast


def test_it_has_an_accessible_login_page(live_server: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(live_server: Any, page: Any, world: Cast, path: str) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_lets_a_coordinator_click_from_region_to_area(
    live_server: Any, page: Any, world: Cast
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.get_by_role("link", name="Oss", exact=True).click()
    assert "Gemeente Oss" in page.inner_text("h1")
    page.locator("table").get_by_role("link", name="Oss-Centrum", exact=True).click()
    assert "4.000" in page.inner_text("main")
    page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
