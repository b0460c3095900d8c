"""Every CAP document the platform produces is valid against the official schema, keeps the
platform's rules, and reads back through an independent parser (capparselib) with the same fields."""

from __future__ import annotations

from typing import Any

import pytest
from capparselib.parsers import CAPParser

from paraat.alerts import cap, document
from paraat.alerts.constants import CapStatus, MsgType
from paraat.alerts.models import Alert
from paraat.alerts.tests import factories
from paraat.areas.constants import AreaKind
from paraat.testing import factories as base
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

DRAWN = "POLYGON((5.50 51.76, 5.52 51.76, 5.52 51.77, 5.50 51.77, 5.50 51.76))"


def _read_back(xml: bytes) -> dict[str, Any]:
    found: list[dict[str, Any]] = CAPParser(xml.decode("utf-8")).as_dict()
    assert len(found) == 1
    return found[0]


def assert_same_fields(alert: Alert) -> None:
    xml = bytes(alert.cap_xml)
    report = cap.check(xml)
    assert report.ok, report.problems
    parsed = _read_back(xml)
    assert str(parsed["cap_id"]) == alert.identifier
    assert str(parsed["cap_sender"]) == alert.sender
    assert str(parsed["cap_status"]) == alert.status
    assert str(parsed["cap_message_type"]) == alert.msg_type
    assert cap.xmlio.parse_time(str(parsed["cap_sent"]), "sent") == alert.sent
    assert str(parsed.get("cap_references", "")) == alert.references
    infos = parsed["cap_info"]
    assert [str(i["cap_language"]) for i in infos] == ["nl-NL", "en-GB"]
    for info, language in zip(infos, ("nl", "en"), strict=True):
        assert str(info["cap_event"]) == alert.event
        assert str(info["cap_urgency"]) == alert.urgency
        assert str(info["cap_severity"]) == alert.severity
        assert str(info["cap_certainty"]) == alert.certainty
        assert str(info["cap_category"]) == alert.category
        assert str(info["cap_headline"]) == alert.text(language, "headline")
        assert str(info["cap_description"]) == alert.text(language, "description")
        if alert.text(language, "instruction"):
            assert str(info["cap_instruction"]) == alert.text(language, "instruction")
        expires = cap.xmlio.parse_time(str(info["cap_expires"]), "expires")
        assert expires == alert.expires
        descs = [str(a["area_description"]) for a in info["cap_area"]]
        assert descs == list(document.area_names(alert, language))


def _areas(cast: Cast) -> None:
    base.AreaFactory(
        municipality=cast.oss,
        kind=AreaKind.WIJK,
        code="WK082801",
        name="Centrum",
        centre_rd=geometry.OSS_RD,
    )
    base.AreaFactory(
        municipality=cast.oss, kind=AreaKind.PC4, code="5341", name="",
        centre_rd=(geometry.OSS_RD[0] + 1500, geometry.OSS_RD[1]),
    )  # fmt: skip


def test_it_publishes_a_valid_alert_for_a_municipality(cast: Cast) -> None:
    assert_same_fields(factories.published(cast))


def test_it_publishes_a_valid_alert_for_districts_and_postcodes(cast: Cast) -> None:
    _areas(cast)
    alert = factories.published(cast, municipalities=(), areas=("WK082801", "5341"))
    assert_same_fields(alert)
    parsed = cap.from_xml(bytes(alert.cap_xml))
    codes = [area.geocodes for area in parsed.infos[0].areas]
    assert codes == [(("postcode", "5341"),), (("CBS", "WK082801"),)]


def test_it_publishes_a_valid_alert_for_a_drawn_polygon(cast: Cast) -> None:
    alert = factories.published(cast, municipalities=(), drawn=DRAWN, area_desc="Industrieterrein")
    assert_same_fields(alert)
    polygon = cap.from_xml(bytes(alert.cap_xml)).infos[0].areas[0].polygons[0]
    pairs = polygon.split()
    assert pairs[0] == pairs[-1] and len(pairs) >= 4
    assert pairs[0].startswith("51.7")  # latitude first


@pytest.mark.parametrize("status", [CapStatus.EXERCISE, CapStatus.TEST])
def test_it_marks_exercise_and_test_alerts_in_the_document(cast: Cast, status: str) -> None:
    alert = factories.published(cast, status=status)
    assert_same_fields(alert)
    assert cap.from_xml(bytes(alert.cap_xml)).status == status


def test_it_publishes_valid_updates_and_cancels_that_reference_the_chain(cast: Cast) -> None:
    original = factories.published(cast)
    update = factories.follow_up(cast, original, MsgType.UPDATE)
    cancel = factories.follow_up(cast, update, MsgType.CANCEL)
    for alert in (original, update, cancel):
        assert_same_fields(alert)
    refs = cap.from_xml(bytes(cancel.cap_xml)).references
    assert [r.identifier for r in refs] == [original.identifier, update.identifier]
    assert refs[0].sent == cap.xmlio.cap_time(document.local(original.sent))  # type: ignore[arg-type]


def test_it_uses_dutch_time_with_an_offset(cast: Cast) -> None:
    alert = factories.published(cast)
    sent = cap.from_xml(bytes(alert.cap_xml)).raw_times[0][1]
    assert sent.endswith(("+01:00", "+02:00"))


def test_it_takes_the_sender_from_the_setting(cast: Cast, settings: Any) -> None:
    assert document.sender_for(cast.region) == f"paraat.{cast.region.code.lower()}"
    settings.PARAAT_CAP_SENDER = "{region}@veiligheidsregio.example.nl"
    assert document.sender_for(cast.region) == (
        f"{cast.region.code.lower()}@veiligheidsregio.example.nl"
    )
