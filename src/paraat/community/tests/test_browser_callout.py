"""Issue 13's 'Done when', in headless Chromium with a real local SMTP server:

a volunteer registers on a phone with consent and confirms by e-mail; an officer assigns her to
a point; in an exercise the point lead calls out 3 first-aiders within 2 km; 5 are asked, 3 accept
through their links, the fourth gets "no longer needed"; the roster shows them; she then erases
her data through her link and the audit trail keeps no contact details.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from paraat.community.constants import AskState
from paraat.community.models import Ask, Callout, Volunteer
from paraat.community.tests.factories import make_volunteer, postcode_at
from paraat.core.models import AuditEntry
from paraat.operations.tests.factories import make_scene
from paraat.testing.browser import CHROMIUM_ARGS, login  # noqa: F401
from paraat.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NAME, EMAIL = "Fatima El Amrani", "fatima.elamrani@example.nl"


def _link(smtp: Any, address: str, kind: str, index: int = -1) -> str:
    body = smtp.body(smtp.to(address)[index])
    match = re.search(rf"https?://\S+(/community/{kind}/\S+/)", body)
    assert match, body
    return match.group(1)


def _wait_for_mail(smtp: Any, address: str, count: int, page: Any) -> None:
    for _ in range(100):
        if len(smtp.to(address)) >= count:
            return
        page.wait_for_timeout(50)
    raise AssertionError(
        f"no mail {count} for {address}: {[m['X-Envelope-To'] for m in smtp.messages]}"
    )


def test_it_runs_a_call_out_from_registration_to_erasure(
    live_server, browser, cast, smtp, settings
):
    settings.PARAAT_SITE_URL = live_server.url
    scene = make_scene(cast)
    scene.hub.leads.add(cast.pim)
    others = [
        make_volunteer(cast, f"Helper{n}", dx=300 * (n + 1), phone=f"0600000{n:03d}")
        for n in range(4)
    ]
    make_volunteer(cast, "Faraway", dx=2_600)
    home = postcode_at(cast, 150)

    phone = browser.new_context(locale="nl-NL", service_workers="block", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # fmt: skip
    tab = phone.new_page()
    tab.goto(f"{live_server.url}/community/join/{cast.region.code}/")
    tab.fill("#id_name", NAME)
    tab.fill("#id_email", EMAIL)
    tab.fill("#id_phone", "0612345678")
    tab.fill("#id_postcode", home)
    tab.check("input[name=skills][value=first_aid]")
    tab.select_option("#id_certificate_skill", "first_aid")
    tab.fill("#id_certificate_issuer", "Het Oranje Kruis")
    tab.fill(
        "#id_certificate_expires_on", (timezone.localdate() + dt.timedelta(days=400)).isoformat()
    )
    tab.check("#id_consent")
    tab.click("button[type=submit].nl-button--primary")
    assert "Kijk in uw e-mail" in tab.inner_text("h1")
    _wait_for_mail(smtp, EMAIL, 1, tab)
    tab.goto(live_server.url + _link(smtp, EMAIL, "confirm"))
    tab.click("button[type=submit].nl-button--primary")
    assert "Aanmelding bevestigd" in tab.inner_text("h1")
    _wait_for_mail(smtp, EMAIL, 2, tab)
    own = _link(smtp, EMAIL, "me")
    fatima = Volunteer.objects.get(email=EMAIL)

    office = browser.new_context(locale="nl-NL", service_workers="block")
    olaf = office.new_page()
    login(olaf, live_server.url, "olaf", PASSWORD)
    olaf.goto(f"{live_server.url}/community/volunteers/")
    olaf.click(f"text=#{fatima.pk}")
    olaf.check(f"input[name=points][value='{scene.hub.pk}']")
    olaf.get_by_role("button", name="Punten opslaan", exact=True).click()
    assert list(fatima.points.all()) == [scene.hub]

    lead_context = browser.new_context(locale="nl-NL", service_workers="block")
    pim = lead_context.new_page()
    login(pim, live_server.url, "pim", PASSWORD)
    pim.goto(f"{live_server.url}/community/points/{scene.hub.code}/")
    assert "OEFENING" in pim.inner_text("main")
    pim.select_option("#id_callout-skill", "first_aid")
    pim.fill("#id_callout-needed", "3")
    pim.fill("#id_callout-radius_m", "2000")
    pim.get_by_role("button", name="Oproepen", exact=True).click()
    expect(pim.locator("#asks tbody tr")).to_have_count(5)
    callout = Callout.objects.get()

    asked = [EMAIL, *[v.email for v in others]]
    for address in asked:
        _wait_for_mail(smtp, address, 1 if address != EMAIL else 3, tab)
    # Fatima and two helpers say yes on their phones; the fourth is too late.
    for address in asked[:3]:
        tab.goto(live_server.url + _link(smtp, address, "r"))
        assert "OEFENING" in tab.inner_text("main")
        tab.get_by_role("button", name="Ja, ik kom", exact=True).click()
        assert "u wordt verwacht" in tab.inner_text("#answer-state")
    tab.goto(live_server.url + _link(smtp, asked[3], "r", index=0))
    assert "Niet meer nodig" in tab.inner_text("#answer-state")
    assert Callout.objects.get().accepted_count == 3
    assert Ask.objects.filter(callout=callout, state=AskState.NOT_NEEDED).count() == 2

    pim.goto(f"{live_server.url}/community/points/{scene.hub.code}/")
    on_duty = pim.locator("table").first.inner_text()
    for name in (NAME, "Helper0", "Helper1"):
        assert name in on_duty

    tab.goto(live_server.url + own)
    tab.check("#erase-confirm")
    tab.get_by_role("button", name="Mijn gegevens wissen", exact=True).click()
    assert "gewist" in tab.inner_text("h1")
    assert not Volunteer.objects.filter(pk=fatima.pk).exists()
    trail = " ".join(
        f"{e.object_repr} {e.before} {e.after} {e.note}" for e in AuditEntry.objects.all()
    )
    assert f"volunteer #{fatima.pk}" in trail
    for secret in (NAME, "Fatima", EMAIL, "0612345678"):
        assert secret not in trail, secret
    # Her postcode is also an area's code (areas are audited too); no community entry holds it.
    community = AuditEntry.objects.filter(model__startswith="community.")
    assert not [e.pk for e in community if home in f"{e.before} {e.after}"]
    pim.goto(f"{live_server.url}/community/points/{scene.hub.code}/")
    assert NAME not in pim.inner_text("main")
    for context in (phone, office, lead_context):
        context.close()
