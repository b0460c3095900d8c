"""The resident pages and the editor pass axe-core (WCAG 2.1 A/AA) in headless Chromium, and a
resident finds a point without JavaScript, live and in the static export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.alerts.tests.factories import published
from paraat.operations.constants import PointState
from paraat.publicinfo import services, snapshot
from paraat.publicinfo.models import ActionAdvice
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/public/",
    "/public/postcode/5341/",
    "/public/postcode/5341AB/",
    "/public/en/postcode/5341/",
    "/public/near/?lat=51.765&lon=5.52",
    "/public/prepare/",
    "/public/en/prepare/",
    "/public/advice/",
    "/public/advice/power_outage/",
    "/public/about/",
    "/public/offline/",
    "/public/postcodes/",
    "/public/lookup/?postcode=12",
    "/public/lookup/?postcode=9999",
]


@pytest.fixture
def scene(cast: Cast, net: Network) -> Network:
    published(cast, instruction_nl="- Houd deuren dicht.", web="https://www.crisis.nl/")
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.FULL)
    report(cast, incident, net.middle, PointState.OPEN, services=("charging", "warmth"))
    snapshot.invalidate()
    return net


@pytest.mark.parametrize("path", PUBLIC)
def test_it_has_no_axe_violations(live_server: Any, page: Any, scene: Network, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize(
    "path", ["/public/editor/advice/", "/public/editor/advice/{pk}/", "/public/editor/contacts/"]
)
def test_it_has_no_axe_violations_in_the_editor(
    live_server: Any, page: Any, cast: Cast, path: str
) -> None:
    services.ensure_advice(region=cast.region)
    first = ActionAdvice.objects.filter(region=cast.region).order_by("pk").first()
    assert first is not None
    login(page, live_server.url, "rianne", PASSWORD)
    page.goto(f"{live_server.url}{path.format(pk=first.pk)}")
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_finds_a_point_without_javascript(
    browser: Any, live_server: Any, scene: Network
) -> None:
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/public/")
        tab.fill("#postcode", "5341")
        tab.get_by_role("button", name="Zoeken").click()
        expect(tab.locator("h1")).to_have_text("Noodsteunpunten bij postcode 5341")
        first = tab.locator("ol.points > li").first
        assert "Sporthal Schadewijk" in first.inner_text()  # open, so first
        assert "Nu beschikbaar" in first.inner_text()
    finally:
        context.close()


def test_it_works_from_the_static_export(
    browser: Any, page: Any, net: Network, tmp_path: Path
) -> None:
    from django.core.management import call_command

    call_command("export_public", str(tmp_path / "site"), "--no-posters")
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((tmp_path / "site" / "index.html").as_uri())
        tab.get_by_role("link", name="Alle postcodes").first.click()
        tab.get_by_role("link", name="5341", exact=True).click()
        expect(tab.locator("h1")).to_have_text("Noodsteunpunten bij postcode 5341")
        assert "Wijkcentrum De Ruwaard" in tab.locator("ol.points > li").first.inner_text()
    finally:
        context.close()
    page.goto((tmp_path / "site" / "postcode" / "5341" / "index.html").as_uri())
    violations = axe_violations(page)  # axe itself needs JavaScript
    assert not violations, describe(violations)


def test_it_keeps_the_advice_and_points_offline(
    browser: Any, live_server: Any, net: Network
) -> None:
    """The service worker pre-caches the advice and the last known points for use offline."""
    context = browser.new_context(locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/public/")
        assert tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
        tab.wait_for_function(
            "caches.open('paraat-public-v2').then(c => c.keys()).then(k => k.length >= 25)",
            timeout=20_000,
        )
        context.set_offline(True)
        tab.goto(f"{live_server.url}/public/advice/power_outage/")
        expect(tab.locator("h1")).to_have_text("Langdurige stroomuitval")
        points = tab.evaluate(
            "fetch('/public/data/points.json').then(r => r.json()).then(d => d.points.length)"
        )
        assert points == 4
    finally:
        context.close()


def test_it_says_offline_that_an_unvisited_postcode_page_is_not_saved(
    browser: Any, live_server: Any, net: Network
) -> None:
    """Offline, a postcode page never visited shows the saved points (nearest first), not home."""
    context = browser.new_context(locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/public/")
        assert tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
        tab.wait_for_function(
            "caches.open('paraat-public-v2').then(c => c.keys()).then(k => k.length >= 25)",
            timeout=20_000,
        )
        context.set_offline(True)
        tab.goto(f"{live_server.url}/public/postcode/5341/")
        assert "niet op uw telefoon" in tab.inner_text("h1")
        tab.wait_for_selector("#offline-postcode:not([hidden])", timeout=10_000)
        assert "postcode 5341" in tab.inner_text("#offline-postcode")
        first = tab.locator("#offline-points > li").first.inner_text()
        assert "Wijkcentrum De Ruwaard" in first  # 600 m from 5341: nearest first
        expect(tab.locator("#offline-points > li")).to_have_count(4)
        english = context.new_page()
        english.goto(f"{live_server.url}/public/en/postcode/5341/")
        assert "not saved on your phone" in english.inner_text("h1")
    finally:
        context.close()
