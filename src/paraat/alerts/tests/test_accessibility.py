"""Every alert page passes axe-core (WCAG 2.1 A/AA) in headless Chromium, and an author clicks
from the menu to a new alert from a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.alerts import services
from paraat.alerts.models import Alert
from paraat.alerts.tests import factories
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).with_name("data")

PAGES = [
    "/alerts/",
    "/alerts/new/",
    "/alerts/new/?risk=power_outage&municipalities=GM0828",
    "/alerts/import/",
    "/alerts/{pending}/",
    "/alerts/{pending}/edit/",
    "/alerts/{pending}/preview/",
    "/alerts/{published}/",
    "/alerts/{published}/preview/",
    "/alerts/{external}/",
    "/alerts/{external}/preview/",
]


@pytest.fixture
def alerts(cast: Cast) -> dict[str, int]:
    pending = services.submit(alert=factories.draft(cast, author=cast.rianne), user=cast.rianne)
    published = factories.published(cast, status="Exercise")
    external = services.import_external(
        region=cast.region,
        user=cast.cas,
        data=(DATA / "real" / "ca_eccc_2012_weather.cap").read_bytes(),
        name="ca.cap",
    )
    return {"pending": pending.pk, "published": published.pk, "external": external.pk}


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(
    live_server: Any, page: Any, alerts: dict[str, int], path: str
) -> None:
    login(page, live_server.url, "cas", PASSWORD)
    page.goto(f"{live_server.url}{path.format(**alerts)}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_has_no_axe_violations_on_forms_with_errors(
    live_server: Any, page: Any, alerts: dict[str, int]
) -> None:
    login(page, live_server.url, "cas", PASSWORD)
    for path, fill in (
        ("/alerts/new/?risk=storm&municipalities=GM0828", "#id_headline_nl"),
        ("/alerts/import/", ""),
    ):
        page.goto(f"{live_server.url}{path}")
        if fill:
            page.fill(fill, "")
        page.locator("main form.nl-form button.nl-button--primary").last.click()
        expect(page.locator(".nl-form-error").nth(0), path).to_be_attached()
        violations = axe_violations(page)
        assert not violations, f"{path}: {describe(violations)}"


def test_it_lets_a_crisis_operator_write_an_alert_from_a_template(
    live_server: Any, page: Any, cast: Cast
) -> None:
    login(page, live_server.url, "cas", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Waarschuwingen"
    ).click()
    expect(page.locator("h1")).to_have_text("Waarschuwingen")
    page.get_by_role("link", name="Nieuwe waarschuwing").click()
    page.select_option("#id_risk", "power_outage")
    page.get_by_label("Oss").check()
    page.get_by_role("button", name="Volgende").click()
    assert page.input_value("#id_headline_nl") == "De stroom is uitgevallen"
    page.get_by_role("button", name="Concept opslaan").click()
    assert "Waarschuwing opgeslagen als concept" in page.inner_text("main")
    alert = Alert.objects.get()
    assert alert.author == cast.cas and alert.headline_nl == "De stroom is uitgevallen"
