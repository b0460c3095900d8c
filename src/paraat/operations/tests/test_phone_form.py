"""The point lead's phone form at 390 px: the confirmation shows where he looks, the next report
starts empty (issue 10: a 'closed' report carried the services of an earlier 'open' one)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.operations.tests.factories import make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.browser import login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _in_view(tab: Any, selector: str) -> bool:
    return bool(
        tab.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
            selector,
        )
    )


def test_it_confirms_in_view_and_starts_the_next_report_empty(
    live_server: Any, browser: Any, cast: Cast
) -> None:
    from paraat.operations.models import StatusReport

    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    context = browser.new_context(locale="nl-NL", viewport=PHONE, service_workers="block")
    tab = context.new_page()
    login(tab, live_server.url, "pim", PASSWORD)
    tab.goto(f"{live_server.url}/operations/{scene.incident.pk}/report/")
    first_key = tab.input_value("[name=idempotency_key]")
    tab.check("input[name=state][value=open]")
    tab.check("input[name=services_available][value=drinking_water]")
    tab.check("input[name=needs][value=fuel]")
    tab.fill("#id_visitors", "35")
    tab.select_option("#id_comms_working", "true")
    tab.fill("#id_note", "Alles goed")
    tab.click("#status-form button[type=submit]")
    tab.wait_for_selector("#outbox-status.nl-alert--success")
    assert _in_view(tab, "#outbox-status")
    assert tab.evaluate("document.activeElement.id") == "outbox-status"
    assert "verstuurd" in tab.inner_text("#outbox-status")

    # The form starts empty: no state, no services, no needs, no numbers, a new key.
    expect(tab.locator("#status-form input:checked")).to_have_count(0)
    assert tab.input_value("#id_visitors") == "" and tab.input_value("#id_note") == ""
    assert tab.input_value("#id_comms_working") == "unknown"
    assert tab.input_value("#id_point") == "OSS-01"
    assert tab.input_value("[name=idempotency_key]") not in ("", first_key)

    tab.check("input[name=state][value=closed]")
    tab.click("#status-form button[type=submit]")
    for _ in range(100):  # the outbox sends in the background: wait up to 10 s
        if StatusReport.objects.filter(point=scene.a).count() == 2:
            break
        tab.wait_for_timeout(100)
    reports = list(StatusReport.objects.filter(point=scene.a).order_by("reported_at", "pk"))
    assert [r.state for r in reports] == ["open", "closed"]
    closed = reports[1]
    assert (closed.services_available, closed.needs, closed.visitors, closed.note) == (
        [],
        [],
        None,
        "",
    )
    context.close()
