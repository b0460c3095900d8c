"""Every planning page passes axe-core (WCAG 2.1 A/AA) in headless Chromium, and an officer
can run a what-if without JavaScript-only controls."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.planning import services
from paraat.planning.constants import OptimisationModel
from paraat.planning.tests.planning_setup import make_plan
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ready(cast: Cast) -> dict[str, int]:
    make_plan(cast)
    coverage = services.run_coverage(region=cast.region, user=cast.rianne)
    proposal = services.run_optimisation(
        region=cast.region, model=OptimisationModel.MCLP, k=1, time_limit=5
    )
    return {"coverage": coverage.pk, "proposal": proposal.pk}


PAGES = [
    "/planning/",
    "/planning/coverage/{coverage}/",
    "/planning/coverage/{coverage}/?map=cells",
    "/planning/coverage/{coverage}/report/",
    "/planning/coverage/new/",
    "/planning/optimise/{proposal}/",
    "/planning/optimise/{proposal}/report/",
    "/planning/optimise/new/",
    "/planning/networks/",
]


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(
    live_server: Any, page: Any, ready: dict[str, int], path: str
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}{path.format(**ready)}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_has_no_axe_violations_on_forms_with_errors(
    live_server: Any, page: Any, ready: dict[str, int]
) -> None:
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}/planning/coverage/new/")
    page.fill("#id_threshold_m", "0")
    page.locator("main form.nl-form button.nl-button--primary").click()
    expect(page.locator(".nl-form-error").nth(0)).to_be_attached()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_lets_an_officer_run_a_what_if(
    live_server: Any, page: Any, cast: Cast, ready: dict[str, int]
) -> None:
    login(page, live_server.url, "olaf", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Planning").click()
    page.get_by_role("link", name="Dekking of wat-als berekenen").click()
    page.select_option("#id_municipality", "GM0828")
    page.select_option("#id_added", "KAN-01")
    page.get_by_role("button", name="Berekenen").click()
    assert "Dekking in een wat-als" in page.inner_text("h1")
    assert "1.960" in page.inner_text("main")
