"""The public functions the resident pages call: only published own alerts, per language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from paraat.alerts import public, services
from paraat.alerts.constants import MsgType
from paraat.alerts.tests import factories
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_lists_a_published_alert_in_both_languages(cast: Cast) -> None:
    alert = factories.published(cast)
    found = public.current_alerts(cast.region)
    assert [(a.language, a.headline) for a in found] == [
        ("nl", "Stroomstoring in Oss"),
        ("en", "Power outage in Oss"),
    ]
    first = found[0]
    assert first.identifier == alert.identifier
    assert first.area_names == ("Oss",)
    assert first.status == "Actual"
    assert first.msg_type == "Alert"
    assert first.cap_filename == f"{alert.identifier}.xml"
    assert first.sent is not None and first.expires is not None


def test_it_leaves_out_drafts_pending_and_approved_alerts(cast: Cast) -> None:
    factories.draft(cast)
    pending = factories.draft(cast)
    services.submit(alert=pending, user=cast.rianne)
    factories.approved(cast)
    assert public.current_alerts(cast.region) == []
    assert public.cap_documents(cast.region) == {}


def test_it_shows_the_update_instead_of_the_original(cast: Cast) -> None:
    original = factories.published(cast)
    update = factories.follow_up(cast, original, MsgType.UPDATE)
    assert {a.identifier for a in public.current_alerts(cast.region)} == {update.identifier}
    assert set(public.cap_documents(cast.region)) == {update.cap_filename}


def test_it_keeps_a_cancel_in_the_feed_but_not_in_current_alerts(cast: Cast) -> None:
    original = factories.published(cast)
    cancel = factories.follow_up(cast, original, MsgType.CANCEL)
    assert public.current_alerts(cast.region) == []
    assert set(public.cap_documents(cast.region)) == {cancel.cap_filename}


def test_it_links_every_cap_document_from_the_atom_feed(cast: Cast) -> None:
    alert = factories.published(cast)
    body = public.atom_feed(cast.region, base_url="https://example.org/alerts/cap/")
    root = ET.fromstring(body)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [link.get("href") for link in root.findall("a:entry/a:link", ns)]
    assert links == [f"https://example.org/alerts/cap/{alert.cap_filename}"]
    assert root.find("a:entry/a:link", ns).get("type") == "application/cap+xml"  # type: ignore[union-attr]
    assert public.cap_documents(cast.region)[alert.cap_filename] == bytes(alert.cap_xml)


def test_it_shows_no_other_regions_alerts(cast: Cast) -> None:
    factories.published(cast)
    from paraat.areas.models import Region

    other = Region.objects.get(code="VR99")
    assert public.current_alerts(other) == []


def test_it_writes_the_elements_atom_requires(cast: Cast) -> None:
    factories.published(cast, status="Exercise")
    root = ET.fromstring(public.atom_feed(cast.region, base_url="cap/", exercise=True))
    a, c = "{http://www.w3.org/2005/Atom}", "{urn:oasis:names:tc:emergency:cap:1.2}"
    assert root.tag == f"{a}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{a}{name}") is not None, name
    entry = root.find(f"{a}entry")
    assert entry is not None
    for name in ("id", "title", "updated", "summary"):
        assert (entry.findtext(f"{a}{name}") or "").strip(), name
    assert entry.findtext(f"{a}id", "").startswith("urn:uuid:")
    assert entry.findtext(f"{c}status") == "Exercise"
    assert entry.findtext(f"{a}updated", "").endswith(("+01:00", "+02:00"))


def test_it_writes_an_empty_feed_when_nothing_is_in_force(cast: Cast) -> None:
    root = ET.fromstring(public.atom_feed(cast.region, base_url="cap/"))
    assert root.findall("{http://www.w3.org/2005/Atom}entry") == []


def test_it_drops_expired_alerts_and_old_cancels(cast: Cast) -> None:
    import datetime as dt

    alert = factories.published(cast)
    assert alert.expires is not None
    later = alert.expires + dt.timedelta(minutes=1)
    assert public.current_alerts(cast.region, now=later) == []
    cancel = factories.follow_up(cast, factories.published(cast), MsgType.CANCEL)
    assert cancel.sent is not None
    assert cancel.cap_filename in public.cap_documents(cast.region, now=cancel.sent)
    day_after = cancel.sent + dt.timedelta(hours=25)
    assert cancel.cap_filename not in public.cap_documents(cast.region, now=day_after)
