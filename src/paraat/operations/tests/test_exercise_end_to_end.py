"""One exercise played end to end in Chromium: an operator at 1280 px, a point lead on a 390 px
phone, a real alert in another incident, and a resident's postcode page.

What it proves: the exercise runs (activation, a report, a second report that starts empty, a
help request with the form's defaults), and nothing of it reaches residents or a real alert.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.alerts import services as alert_services
from paraat.alerts.constants import CapStatus
from paraat.alerts.models import Alert
from paraat.alerts.tests.factories import published
from paraat.operations import services
from paraat.operations.constants import IncidentKind, PointState
from paraat.operations.models import HelpRequest, Incident, StatusReport
from paraat.publicinfo.tests.factories import make_network
from paraat.supportpoints import services as point_services
from paraat.testing.browser import login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}


def _dd(tab: Any, term: str) -> str:
    return str(tab.locator(f"dt:text-is('{term}') + dd").first.inner_text()).strip()


def _wait_sent(tab: Any, count: int) -> None:
    """Until the outbox says the report was sent and the server holds ``count`` reports."""
    sent = tab.get_attribute("#status-form", "data-sent")
    tab.wait_for_function(
        "text => document.getElementById('outbox-status').textContent.includes(text)",
        arg=sent,
        timeout=15_000,
    )
    for _attempt in range(50):
        if StatusReport.objects.count() >= count:
            return
        tab.wait_for_timeout(100)
    raise AssertionError(f"{count} reports expected, {StatusReport.objects.count()} stored")


def test_it_plays_an_exercise_that_never_reaches_residents_or_real_alerts(
    browser: Any, live_server: Any, cast: Cast
) -> None:
    net = make_network(cast)
    point_services.set_leads(point=net.near, users=[cast.pim])
    desk = browser.new_context(locale="nl-NL", viewport=DESK, service_workers="block")
    phone = browser.new_context(
        locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block"
    )
    try:
        # The operator starts an exercise in Oss and activates its points.
        operator = desk.new_page()
        login(operator, live_server.url, "cas", PASSWORD)
        operator.goto(f"{live_server.url}/operations/")
        operator.fill("#id_title", "Oefening stroomuitval")
        operator.select_option("#id_kind", IncidentKind.POWER_OUTAGE)
        assert operator.is_checked("#id_is_exercise")
        operator.check(f"input[name=municipalities][value='{cast.oss.pk}']")
        operator.click("form.nl-form button[type=submit]")
        exercise = Incident.objects.get(title="Oefening stroomuitval")
        assert exercise.is_exercise
        operator.click("text=Alle punten in het gebied activeren")
        operator.wait_for_selector("text=OEFENING")
        assert _dd(operator, "Verouderde meldingen") == "0"  # no report yet is not stale
        assert int(_dd(operator, "Geen melding")) == exercise.activations.count() >= 3

        # The point lead reports from his phone: open with warmth, then full.
        lead = phone.new_page()
        login(lead, live_server.url, "pim", PASSWORD)
        lead.goto(f"{live_server.url}/operations/{exercise.pk}/report/")
        lead.select_option("#id_point", net.near.code)
        lead.check("input[name=state][value=open]")
        lead.check("input[name=services_available][value=warmth]")
        lead.fill("#id_visitors", "12")
        lead.click("#status-form button[type=submit]")
        _wait_sent(lead, 1)
        assert StatusReport.objects.filter(incident=exercise, state=PointState.OPEN).count() == 1
        # The second report starts empty: no state, no services, no visitors carried over.
        expect(lead.locator("input[name=state]:checked")).to_have_count(0)
        expect(lead.locator("input[name=services_available]:checked")).to_have_count(0)
        assert lead.input_value("#id_visitors") == ""
        lead.select_option("#id_point", net.near.code)
        lead.check("input[name=state][value=full]")
        lead.click("#status-form button[type=submit]")
        _wait_sent(lead, 2)
        full = StatusReport.objects.filter(incident=exercise, state=PointState.FULL)
        assert full.count() == 1 and full.get().services_available == []
        assert lead.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        # A help request with the form's own defaults (only the text typed in).
        lead.goto(f"{live_server.url}/operations/{exercise.pk}/requests/")
        lead.fill("#id_description", "Twee jerrycans diesel")
        lead.click("form.nl-form button[type=submit]")
        lead.wait_for_selector("text=Twee jerrycans diesel")
        request = HelpRequest.objects.get(incident=exercise)
        assert request.point == net.near and request.description == "Twee jerrycans diesel"

        # A real incident elsewhere in time: its alert names the point the exercise calls full.
        real = services.create_incident(
            region=cast.region, title="Stroomstoring Oss", kind=IncidentKind.POWER_OUTAGE,
            is_exercise=False, municipalities=[cast.oss], user=cast.cas,
        )  # fmt: skip
        services.activate(incident=real, user=cast.cas)
        operator.goto(
            f"{live_server.url}/alerts/new/?risk=power_outage&municipalities={cast.oss.code}"
        )
        assert operator.input_value("#id_status") == CapStatus.ACTUAL
        instruction = operator.input_value("#id_instruction_nl")
        assert net.near.name in instruction  # full only in the exercise: still named
        operator.fill("#id_headline_nl", "Stroomstoring in Oss")
        operator.click("form.nl-form button[type=submit].nl-button--primary")
        operator.wait_for_selector("text=Stroomstoring in Oss")
        alert = Alert.objects.get(headline_nl="Stroomstoring in Oss")
        alert = alert_services.submit(alert=alert, user=cast.cas)
        alert = alert_services.approve(alert=alert, user=cast.rianne)
        alert_services.publish(alert=alert, user=cast.cas)
        published(cast, status=CapStatus.EXERCISE, headline_nl="Oefenalarm Oss")

        # A resident on a phone: the real alert, no exercise alert, no exercise state.
        resident = phone.new_page()
        resident.goto(f"{live_server.url}/public/postcode/5341/")
        page = resident.inner_text("body")
        assert "Stroomstoring in Oss" in page
        assert "Oefenalarm" not in page and "OEFENING" not in page
        first = resident.locator("ol.points > li").first.inner_text()
        assert net.near.name in first and "Vol" not in first
        assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        desk.close()
        phone.close()
