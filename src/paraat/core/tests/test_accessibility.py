"""The login page passes axe-core (WCAG 2.1 A/AA) in headless Chromium, and a smoke test clicks
through. The staff pages are the page contract's (site/tests/test_page_contract.py)."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.testing import factories
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
