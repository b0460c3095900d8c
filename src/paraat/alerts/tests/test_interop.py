"""CAP interop: a domain-based sender per region, <web> and <contact> on every alert, addresses
of replaced and cancelled alerts that keep answering, the feed's rel="self", Google's profile."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from paraat.alerts import cap, public
from paraat.alerts.cap import google
from paraat.alerts.constants import AlertState, MsgType
from paraat.alerts.tests import factories
from paraat.areas import services as area_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _identity(cast: Cast) -> None:
    area_services.set_alert_identity(
        region=cast.region,
        sender="Alerts@VRBN.nl",
        web="https://www.vrbn.nl/actueel",
        contact="  Veiligheidsregio   Brabant-Noord, 088 - 123 4567 ",
    )


def test_it_signs_alerts_with_the_regions_domain_based_sender(cast: Cast) -> None:
    _identity(cast)
    cast.region.refresh_from_db()
    assert cast.region.cap_sender == "alerts@vrbn.nl"
    alert = factories.published(cast)
    parsed = cap.from_xml(bytes(alert.cap_xml))
    assert parsed.sender == "alerts@vrbn.nl"
    assert all(info.web == "https://www.vrbn.nl/actueel" for info in parsed.infos)
    assert all(
        info.contact == "Veiligheidsregio Brabant-Noord, 088 - 123 4567" for info in parsed.infos
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sender", "paraat vrbn"),
        ("sender", "vrbn"),
        ("sender", "a,b@vrbn.nl"),
        ("sender", "<x>@vrbn.nl"),
        ("web", "www.vrbn.nl"),
        ("web", "javascript:alert(1)"),
        ("contact", "x" * 201),
    ],
)
def test_it_refuses_an_identity_receivers_cannot_use(cast: Cast, field: str, value: str) -> None:
    values = {"sender": "vrbn.nl", "web": "https://www.vrbn.nl/", "contact": "088"}
    values[field] = value
    with pytest.raises(ValidationError) as caught:
        area_services.set_alert_identity(region=cast.region, **values)
    assert f"cap_{field}" in caught.value.message_dict
    cast.region.refresh_from_db()
    assert cast.region.cap_sender == "" and cast.region.cap_web == ""


def test_it_gives_every_alert_a_web_page_and_a_contact(cast: Cast) -> None:
    own_page = factories.published(cast, web="https://www.vrbn.nl/stroom")
    _identity(cast)
    fallback = factories.published(cast, web="")
    assert {i.web for i in cap.from_xml(bytes(own_page.cap_xml)).infos} == {
        "https://www.vrbn.nl/stroom"
    }
    assert {i.web for i in cap.from_xml(bytes(fallback.cap_xml)).infos} == {
        "https://www.vrbn.nl/actueel"
    }
    assert all(i.contact for i in cap.from_xml(bytes(own_page.cap_xml)).infos)


def test_it_keeps_serving_replaced_and_cancelled_alerts(cast: Cast) -> None:
    original = factories.published(cast)
    update = factories.follow_up(cast, original, MsgType.UPDATE)
    cancel = factories.follow_up(cast, update, MsgType.CANCEL)
    original.refresh_from_db()
    update.refresh_from_db()
    assert original.state == AlertState.REPLACED and update.state == AlertState.CANCELLED
    client = Client()
    for alert in (original, update, cancel):
        response = client.get(reverse("alerts:cap", args=[alert.cap_filename]))
        assert response.status_code == 200, alert.msg_type
        assert response.content == bytes(alert.cap_xml)
        public_copy = client.get(reverse("publicinfo:cap", args=[alert.cap_filename]))
        assert public_copy.status_code == 200 and public_copy.content == bytes(alert.cap_xml)
    assert client.get(reverse("alerts:cap", args=["NL-VR21-nope.xml"])).status_code == 404
    draft = factories.draft(cast)
    assert public.cap_document(cast.region, draft.cap_filename) is None


def test_it_names_the_feeds_own_address(cast: Cast) -> None:
    factories.published(cast)
    response = Client().get(reverse("alerts:feed"))
    root = ET.fromstring(response.content)
    links = [link.attrib for link in root.findall(f"{ATOM}link")]
    assert {
        "rel": "self",
        "type": "application/atom+xml",
        "href": "http://testserver/alerts/feed.atom",
    } in links
    public_feed = ET.fromstring(public.atom_feed(cast.region, base_url="https://x.nl/public/cap/"))
    own = public_feed.find(f"{ATOM}link[@rel='self']")
    assert own is not None and own.attrib["href"] == "https://x.nl/public/alerts.atom"


def test_it_meets_googles_cap_profile_for_every_kind_of_message(cast: Cast) -> None:
    _identity(cast)
    original = factories.published(cast)
    update = factories.follow_up(cast, original, MsgType.UPDATE)
    cancel = factories.follow_up(cast, update, MsgType.CANCEL)
    for alert in (original, update, cancel):
        parsed = cap.from_xml(bytes(alert.cap_xml))
        assert google.errors(parsed) == [], alert.msg_type
        codes = {f.code for f in google.check(parsed)}
        assert "CONTACT_IS_RECOMMENDED" not in codes
        assert "INCLUDE_TIMEZONE_OFFSET" not in codes


def test_it_reports_what_google_refuses() -> None:
    import datetime as dt

    sent = dt.datetime(2026, 12, 1, 22, 0, tzinfo=dt.UTC)
    bare = cap.Alert(
        identifier="x",
        sender="vrbn.nl",
        sent=sent,
        status="Actual",
        msg_type="Update",
        infos=(cap.Info(event="Stroom", urgency="Unknown", severity="Minor", certainty="Likely"),),
    )
    codes = {f.code for f in google.errors(bare)}
    assert codes == {
        "UPDATE_OR_CANCEL_MUST_REFERENCE",
        "DESCRIPTION_IS_REQUIRED",
        "WEB_IS_REQUIRED",
        "EXPIRES_IS_REQUIRED",
        "AREA_IS_REQUIRED",
    }
    advice = {f.code for f in google.check(bare) if f.level == google.RECOMMENDATION}
    assert {"UNKNOWN_URGENCY_DISCOURAGED", "CONTACT_IS_RECOMMENDED"} <= advice
    precise = cap.Area(
        area_desc="Oss", polygons=("51.1234567,5.1 51.2,5.2 51.3,5.1 51.1234567,5.1",)
    )
    info = cap.Info(
        event="e", urgency="Immediate", severity="Minor", certainty="Likely", areas=(precise,)
    )
    assert "POLYGON_AT_MOST_6_DECIMALS" in {
        f.code for f in google.check(cap.Alert("x", "s", sent, "Actual", "Alert", infos=(info,)))
    }
