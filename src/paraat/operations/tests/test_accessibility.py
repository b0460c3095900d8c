"""The report form on a phone keeps a report while offline and sends it later.

That every operations page passes axe-core is the page contract (site/tests/test_page_contract.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from paraat.operations import services
from paraat.operations.constants import Channel
from paraat.operations.tests.factories import make_point, make_scene
from paraat.testing.browser import login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    services.relay_emergency_report(
        incident=scene.incident, point=scene.a, summary="Man onwel", user=cast.cas
    )
    make_point(cast, "OSS-09", dx=1500)  # not activated yet: the picture offers to activate it
    return scene


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
    assert (report.state, report.visitors, report.channel) == ("limited", 25, "web")
    context.close()


def test_it_sends_a_kept_report_when_the_form_is_opened_again_later(
    live_server: Any, browser: Any, scene: Any
) -> None:
    """The phone was closed while offline: the report waits on the phone and goes on the next visit."""
    from paraat.operations.models import StatusReport

    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    login(tab, live_server.url, "cas", PASSWORD)
    url = f"{live_server.url}/operations/{scene.incident.pk}/report/"
    tab.goto(url)
    tab.select_option("#id_point", "OSS-02")
    tab.check("input[name=state][value=full]")
    tab.fill("#id_fuel_hours_left", "7.5")
    context.set_offline(True)
    tab.click("#status-form button[type=submit]")
    tab.wait_for_selector("#outbox-status.nl-alert--warning")
    tab.close()
    assert not StatusReport.objects.filter(point__code="OSS-02").exists()
    context.set_offline(False)
    again = context.new_page()
    again.goto(url)
    again.wait_for_selector("#outbox-status.nl-alert--success")
    assert "verstuurd" in again.inner_text("#outbox-status")
    report = StatusReport.objects.get(point__code="OSS-02")
    assert (report.state, report.fuel_hours_left, report.channel) == ("full", 7.5, "web")
    again.reload()  # nothing left to send: still one report
    again.wait_for_load_state("networkidle")
    assert StatusReport.objects.filter(point__code="OSS-02").count() == 1
    context.close()


def test_it_keeps_the_report_when_the_server_fails_and_retries(
    live_server: Any, browser: Any, scene: Any
) -> None:
    """A server error is not a refusal: the report stays on the phone until it is stored."""
    from paraat.operations.models import StatusReport

    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    login(tab, live_server.url, "cas", PASSWORD)
    tab.goto(f"{live_server.url}/operations/{scene.incident.pk}/report/")
    failures = {"left": 1}

    def fail_once(route: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(status=503, body="busy")
        else:
            route.continue_()

    tab.route("**/api/v1/incidents/*/reports/", fail_once)
    tab.select_option("#id_point", "OSS-02")
    tab.check("input[name=state][value=open]")
    tab.click("#status-form button[type=submit]")
    tab.wait_for_selector("#outbox-status.nl-alert--warning")
    assert not StatusReport.objects.filter(point__code="OSS-02").exists()
    tab.evaluate("window.dispatchEvent(new Event('online'))")
    tab.wait_for_selector("#outbox-status.nl-alert--success")
    assert StatusReport.objects.filter(point__code="OSS-02", channel="web").count() == 1
    context.close()
