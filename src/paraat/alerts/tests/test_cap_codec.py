"""The pure CAP 1.2 codec: golden files, every real example, refusals with a reason, the rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from paraat.alerts import cap
from paraat.alerts.cap import rules

DATA = Path(__file__).with_name("data")
SHARED = Path("/work/shared/data/cap/examples")
CET = dt.timezone(dt.timedelta(hours=1))
VALID = sorted((DATA / "real").iterdir()) + sorted((DATA / "spec").iterdir())
SHARED_VALID = (
    sorted((SHARED / "real").iterdir()) + sorted((SHARED / "spec").iterdir())
    if SHARED.is_dir()
    else []
)

SQUARE = "51.76,5.5 51.77,5.5 51.77,5.52 51.76,5.52 51.76,5.5"


def power_outage(**changes: object) -> cap.Alert:
    info = {
        language: cap.Info(
            language=tag,
            categories=("Infra",),
            event="Langdurige stroomstoring",
            response_types=("Prepare",),
            urgency="Immediate",
            severity="Severe",
            certainty="Observed",
            effective=dt.datetime(2026, 11, 24, 10, 0, tzinfo=CET),
            expires=dt.datetime(2026, 11, 24, 22, 0, tzinfo=CET),
            sender_name=name,
            headline=headline,
            description=description,
            instruction=instruction,
            areas=(
                cap.Area(
                    area_desc="Oss",
                    polygons=(SQUARE,),
                    geocodes=(("CBS", "GM0828"),),
                ),
            ),
        )
        for language, tag, name, headline, description, instruction in (
            (
                "nl",
                "nl-NL",
                "Veiligheidsregio Brabant-Noord",
                "De stroom is uitgevallen",
                "De stroom is uitgevallen in Oss.",
                "- Houd deuren dicht.\n- Ga naar het noodsteunpunt voor nieuws.",
            ),
            (
                "en",
                "en-GB",
                "Safety region Brabant-Noord",
                "The power is out",
                "The power is out in Oss.",
                "- Keep doors closed.\n- Go to the support point for news.",
            ),
        )
    }
    alert = cap.Alert(
        identifier="NL-VR21-20261124T100500-0000abcd",
        sender="paraat.vr21",
        sent=dt.datetime(2026, 11, 24, 10, 5, tzinfo=CET),
        status="Actual",
        msg_type="Alert",
        infos=(info["nl"], info["en"]),
    )
    return dataclasses.replace(alert, **changes)  # type: ignore[arg-type]


ORIGINAL_REF = cap.Reference(
    "paraat.vr21", "NL-VR21-20261124T100500-0000abcd", "2026-11-24T10:05:00+01:00"
)
GOLDEN = {
    "paraat_alert.xml": power_outage(),
    "paraat_update_exercise.xml": power_outage(
        identifier="NL-VR21-20261124T120000-0000beef",
        sent=dt.datetime(2026, 11, 24, 12, 0, tzinfo=CET),
        msg_type="Update",
        status="Exercise",
        references=(ORIGINAL_REF,),
    ),
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_it_writes_the_golden_file(name: str) -> None:
    produced = cap.to_xml(GOLDEN[name])
    golden = DATA / "golden" / name
    if os.environ.get("PARAAT_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_it_reads_the_golden_file_back_to_the_same_alert(name: str) -> None:
    data = (DATA / "golden" / name).read_bytes()
    assert cap.from_xml(data) == GOLDEN[name]
    report = cap.check(data)
    assert report.ok, report.problems


@pytest.mark.parametrize("path", VALID + SHARED_VALID, ids=lambda p: p.name)
def test_it_parses_every_real_example(path: Path) -> None:
    report = cap.check(path.read_bytes())
    assert report.schema_valid, report.problems
    assert report.alert is not None
    assert report.alert.identifier and report.alert.sender
    again = cap.from_xml(cap.to_xml(report.alert))
    assert again == report.alert
    assert cap.check(cap.to_xml(report.alert), rules_apply=False).schema_valid


def test_it_reads_the_iso_8859_1_example() -> None:
    alert = cap.from_xml((DATA / "real" / "us_usgs_2012_earthquake_iso8859-1.cap").read_bytes())
    assert alert.infos[0].event


def test_it_reads_a_cancel_without_info() -> None:
    alert = cap.from_xml((DATA / "real" / "us_ipaws-5e6dd9de023f1930ef6548d9.xml").read_bytes())
    assert alert.msg_type == "Cancel"
    assert alert.infos == ()
    assert alert.references


def test_it_keeps_both_languages_of_a_canadian_alert() -> None:
    alert = cap.from_xml((DATA / "real" / "ca_eccc_2012_weather.cap").read_bytes())
    assert alert.info_for("fr") is not None and alert.info_for("en") is not None


@pytest.mark.parametrize(
    "name", ["us_nws_2014_wind_advisory_cap11.cap", "us_nws_2021_blizzard_warning_cap11.xml"]
)
def test_it_refuses_cap_1_1_with_the_reason(name: str) -> None:
    data = (DATA / "refused" / name).read_bytes()
    with pytest.raises(cap.CapError, match="CAP 1.1 document"):
        cap.from_xml(data)
    report = cap.check(data)
    assert not report.ok and report.version == "1.1"
    assert report.problems[0].check == "version"


def test_it_flags_the_schema_invalid_swedish_alert() -> None:
    report = cap.check(
        (DATA / "refused" / "se_krisinformation_2018_not_schema_valid.cap").read_bytes()
    )
    assert report.version == "1.2"
    assert not report.schema_valid
    assert all(p.check == "schema" for p in report.problems)
    assert "area" in report.problems[0].field


def test_it_refuses_a_doctype() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><alert/>'
    report = cap.check(data)
    assert report.problems[0].check == "xml"
    assert "DOCTYPE" in report.problems[0].message


def test_it_refuses_xml_that_is_not_cap() -> None:
    report = cap.check(b"<feed xmlns='http://www.w3.org/2005/Atom'/>")
    assert not report.ok
    assert "not a CAP 1.2 <alert>" in report.problems[0].message


def test_it_refuses_broken_xml() -> None:
    report = cap.check(b"<alert")
    assert report.problems[0].check == "xml"


def test_it_will_not_write_a_time_without_zone() -> None:
    with pytest.raises(cap.CapError):
        cap.to_xml(power_outage(sent=dt.datetime(2026, 11, 24, 10, 5)))  # noqa: DTZ001 - the naive time under test


def _replace_in_golden(old: bytes, new: bytes) -> bytes:
    data = (DATA / "golden" / "paraat_alert.xml").read_bytes()
    assert old in data
    return data.replace(old, new, 1)


def test_it_says_a_z_time_is_wrong() -> None:
    report = cap.check(_replace_in_golden(b"2026-11-24T10:05:00+01:00", b"2026-11-24T09:05:00Z"))
    assert not report.ok
    assert any(p.field == "sent" and "Z" in p.message for p in report.problems)


@pytest.mark.parametrize(
    ("polygon", "expected"),
    [
        ("51.76,5.5 51.77,5.5 51.76,5.5", "at least 4"),
        ("51.76,5.5 51.77,5.5 51.77,5.52 51.76,5.52", "first point must equal the last"),
        ("95.5,5.5 51.77,5.5 51.77,5.52 95.5,5.5", "not a 'lat,lon' pair"),
    ],
)
def test_it_says_what_is_wrong_with_a_polygon(polygon: str, expected: str) -> None:
    alert = power_outage()
    area = dataclasses.replace(alert.infos[0].areas[0], polygons=(polygon,))
    info = dataclasses.replace(alert.infos[0], areas=(area,))
    problems = rules.problems(dataclasses.replace(alert, infos=(info,)))
    assert any(expected in p.message for p in problems), problems


@pytest.mark.parametrize("msg_type", ["Update", "Cancel"])
def test_it_wants_a_reference_on_update_and_cancel(msg_type: str) -> None:
    problems = rules.problems(power_outage(msg_type=msg_type))
    assert [p.field for p in problems] == ["references"]
    later = power_outage(msg_type=msg_type, identifier="NL-VR21-2", references=(ORIGINAL_REF,))
    assert not rules.problems(later)


def test_it_refuses_a_message_that_references_itself() -> None:
    problems = rules.problems(power_outage(msg_type="Update", references=(ORIGINAL_REF,)))
    assert [p.message for p in problems] == ["a message cannot reference itself"]


@pytest.mark.parametrize("bad", ["NL VR21", "NL,VR21", "NL<VR21", "NL&VR21"])
def test_it_refuses_forbidden_characters_in_identifier_and_sender(bad: str) -> None:
    problems = rules.problems(power_outage(identifier=bad, sender=bad))
    assert {p.field for p in problems} == {"identifier", "sender"}


def test_it_wants_expires_after_effective() -> None:
    alert = power_outage()
    info = dataclasses.replace(alert.infos[0], expires=alert.infos[0].effective)
    problems = rules.problems(dataclasses.replace(alert, infos=(info,)))
    assert [p.field for p in problems] == ["info[1]/expires"]


def test_it_refuses_a_malformed_reference() -> None:
    data = _replace_in_golden(
        b"<msgType>Alert</msgType>",
        b"<msgType>Update</msgType>\n  <scope>Public</scope>\n  <references>only-an-id</references>",
    ).replace(b"<scope>Public</scope>\n  <info>", b"<info>", 1)
    with pytest.raises(cap.CapError, match="sender,identifier,sent"):
        cap.from_xml(data)
