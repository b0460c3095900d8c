"""Every operations page passes axe-core (WCAG 2.1 A/AA) in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.operations import services
from paraat.operations.constants import Channel
from paraat.operations.tests.factories import make_scene
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "",
    "{pk}/",
    "{pk}/report/",
    "{pk}/requests/",
    "{pk}/log/",
    "{pk}/relay/",
    "{pk}/sitrep/",
    "{pk}/metrics/",
]


@pytest.fixture
def scene(cast: Cast) -> Any:
    scene = make_scene(cast)
    services.record_status(
        incident=scene.incident,
        point=scene.a,
        idempotency_key="a1",
        state="open",
        channel=Channel.API,
        fuel_hours_left=5,
        needs=["fuel"],
    )
    services.create_help_request(
        incident=scene.incident, kind="fuel", description="Diesel", point=scene.a, user=cast.cas
    )
    return scene


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_axe_violations(live_server: Any, page: Any, scene: Any, path: str) -> None:
    login(page, live_server.url, "cas", PASSWORD)
    page.goto(f"{live_server.url}/operations/{path.format(pk=scene.incident.pk)}")
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_it_keeps_a_report_on_the_phone_while_offline_and_sends_it_later(
    live_server: Any, browser: Any, scene: Any
) -> None:
    from paraat.operations.models import StatusReport

    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    login(tab, live_server.url, "cas", PASSWORD)
    tab.goto(f"{live_server.url}/operations/{scene.incident.pk}/report/")
    tab.select_option("#id_point", "OSS-02")
    tab.check("input[name=state][value=limited]")
    tab.fill("#id_visitors", "25")
    context.set_offline(True)
    tab.click("#status-form button[type=submit]")
    tab.wait_for_selector("#outbox-status:not([hidden])")
    assert "bewaard" in tab.inner_text("#outbox-status")
    assert not StatusReport.objects.filter(point__code="OSS-02").exists()
    context.set_offline(False)
    tab.evaluate("window.dispatchEvent(new Event('online'))")
    tab.wait_for_selector("#outbox-status.nl-alert--success")
    report = StatusReport.objects.get(point__code="OSS-02")
    assert (report.state, report.visitors, report.channel) == ("limited", 25, "api")
    context.close()
