"""The resident pages: postcode lookup, states during an incident, languages, no query per request."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.safestring import mark_safe

from paraat.operations.constants import PointState
from paraat.publicinfo import snapshot
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.supportpoints.constants import Service
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<h2><span class="num" aria-hidden="true">\d</span> ([^<]+)</h2>', html)


def test_it_redirects_the_postcode_form_to_the_postcode_page(client: Client, net: Network) -> None:
    response = client.get("/public/lookup/", {"postcode": " 5341 "})
    assert response.status_code == 302
    assert response["Location"] == "/public/postcode/5341/"


def test_it_lists_the_nearest_active_points_with_walking_distance(
    client: Client, net: Network
) -> None:
    html = client.get("/public/postcode/5341/").content.decode()
    assert names_in_order(html) == [
        "Wijkcentrum De Ruwaard",
        "Sporthal Schadewijk",
        "Bibliotheek Oss",
    ]
    assert "Oude school" not in html  # retired points are never shown
    # 600 m straight line x 1.2 circuity = 720 m, about 10 minutes at 4.5 km/h.
    assert "ongeveer 720 m (10 minuten lopen)" in html
    assert "keer 1,2" in html  # the page says the distance is an estimate
    assert "<svg" in html and "Kaart:" in html
    assert "Nu niet open. Bij een crisis gaat u hierheen." in html


def test_it_uses_pc6_when_the_region_has_it(client: Client, net: Network) -> None:
    html = client.get("/public/postcode/5341AB/").content.decode()
    # The PC6 area lies 1.4 km west of the centre: the sports hall is nearest there.
    assert names_in_order(html)[0] == "Sporthal Schadewijk"
    assert "4 cijfers en 2 letters" in html
    fallback = client.get("/public/postcode/5341ZZ/").content.decode()
    assert names_in_order(fallback)[0] == "Wijkcentrum De Ruwaard"
    assert "eerste 4 cijfers" in fallback


def test_it_explains_a_wrong_or_unknown_postcode(client: Client, net: Network) -> None:
    wrong = client.get("/public/lookup/", {"postcode": "12"})
    assert wrong.status_code == 400
    assert "Vul een postcode van 4 cijfers in" in wrong.content.decode()
    unknown = client.get("/public/lookup/", {"postcode": "9999"})
    assert unknown.status_code == 404
    assert "Postcode 9999 kennen we niet in Brabant-Noord" in unknown.content.decode()
    assert client.get("/public/postcode/9999/").status_code == 404


def test_it_speaks_english_under_en(client: Client, net: Network) -> None:
    html = client.get("/public/en/postcode/5341/").content.decode()
    assert '<html lang="en">' in html
    assert "Emergency support points near postcode 5341" in html
    assert "about 720 m (10 minutes on foot)" in html
    assert 'href="/public/postcode/5341/"' in html  # the switch back to Dutch


def test_it_puts_open_points_first_and_shows_services_now(
    client: Client, cast: Cast, net: Network
) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.FULL)
    report(cast, incident, net.far, PointState.OPEN, services=(Service.CHARGING,))
    snapshot.invalidate()
    html = client.get("/public/postcode/5341/").content.decode()
    assert names_in_order(html) == [
        "Bibliotheek Oss",
        "Wijkcentrum De Ruwaard",
        "Sporthal Schadewijk",
    ]
    assert "Nu: Langdurige stroomuitval" in html
    assert "Apparaten opladen" in html and "Nu beschikbaar" in html
    assert "Ga naar een ander punt als dat kan." in html  # the full point
    assert "Gaat open" in html  # activated, no report yet


def test_it_marks_an_old_report(client: Client, cast: Cast, net: Network, settings: Any) -> None:
    incident = start_incident(cast)
    report(
        cast,
        incident,
        net.near,
        PointState.OPEN,
        minutes_ago=settings.PARAAT_STATUS_STALE_MINUTES + 5,
    )
    snapshot.invalidate()
    html = client.get("/public/postcode/5341/").content.decode()
    assert "Dit kan veranderd zijn." in html


def test_it_never_shows_an_exercise_to_residents(client: Client, cast: Cast, net: Network) -> None:
    incident = start_incident(cast, exercise=True)
    report(cast, incident, net.near, PointState.CLOSED)
    snapshot.invalidate()
    html = client.get("/public/postcode/5341/").content.decode()
    assert "Nu:" not in html
    assert "Dicht" not in html
    assert names_in_order(html)[0] == "Wijkcentrum De Ruwaard"


def test_it_answers_from_memory_without_a_query(
    client: Client, net: Network, django_assert_num_queries: Any
) -> None:
    client.get("/public/postcode/5341/")  # builds the snapshot
    with django_assert_num_queries(0):
        for path in (
            "/public/postcode/5341/",
            "/public/postcode/5261/",
            "/public/",
            "/public/en/advice/power_outage/",
            "/public/data/postcode/5341.json",
            "/public/near/?lat=51.76&lon=5.52",
        ):
            assert client.get(path).status_code == 200, path


def test_it_finds_points_near_a_location(client: Client, net: Network) -> None:
    from paraat.testing import geometry

    lon, lat = geometry.point_wgs84(geometry.OSS_RD[0] - 1_500, geometry.OSS_RD[1])
    response = client.get("/public/near/", {"lat": f"{lat:.4f}", "lon": f"{lon:.4f}"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    assert names_in_order(response.content.decode())[0] == "Sporthal Schadewijk"
    assert client.get("/public/near/", {"lat": "x", "lon": "5"}).status_code == 400


def test_it_serves_conditional_requests(client: Client, net: Network) -> None:
    first = client.get("/public/postcode/5341/")
    assert "stale-if-error" in first["Cache-Control"]
    again = client.get("/public/postcode/5341/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_it_shows_the_checklist_and_advice(client: Client, net: Network) -> None:
    checklist = client.get("/public/prepare/").content.decode()
    assert "3 liter per persoon per dag" in checklist
    assert "ongeveer 70 euro" in checklist
    advice = client.get("/public/advice/power_outage/").content.decode()
    assert "0800-9009" in advice
    for phase in ("Vooraf: wees voorbereid", "Tijdens", "Daarna"):
        assert phase in advice
    assert client.get("/public/advice/volcano/").status_code == 404
    english = client.get("/public/en/prepare/").content.decode()
    assert "3 litres per person per day" in english


def test_it_is_installable(client: Client, net: Network) -> None:
    manifest = client.get("/public/manifest.webmanifest").json()
    assert manifest["start_url"] == "/public/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "nl" and manifest["name"].startswith("Waar moet ik heen?")
    assert manifest["description"].startswith("Noodsteunpunten")
    english = client.get("/public/en/manifest.webmanifest").json()
    assert english["lang"] == "en" and english["start_url"] == "/public/en/"
    assert english["scope"] == "/public/" and english["name"].startswith("Where do I go?")
    assert 'href="/public/en/manifest.webmanifest"' in client.get("/public/en/").content.decode()
    worker = client.get("/public/sw.js").content.decode()
    assert "/public/data/points.json" in worker  # the last known points, offline
    assert "/public/advice/power_outage/" in worker  # the advice, offline
    assert "/public/en/prepare/" in worker
    home = client.get("/public/").content.decode()
    assert 'rel="manifest"' in home
    assert "<script" in home and "defer" in home  # optional: the page works without it


def test_it_publishes_the_points_as_json(client: Client, cast: Cast, net: Network) -> None:
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.OPEN, services=(Service.FIRST_AID,))
    snapshot.invalidate()
    data = client.get("/public/data/points.json").json()
    by_code = {p["code"]: p for p in data["points"]}
    assert set(by_code) == {"CP-OSS", "OSS-01", "OSS-02", "OSS-03"}
    assert by_code["OSS-01"]["state"] == "open"
    assert by_code["OSS-01"]["services_now"] == ["first_aid"]
    assert data["walking"] == "estimate"
    postcode = client.get("/public/data/postcode/5341.json").json()
    assert postcode["nearest"][0] == {
        "code": "OSS-01",
        "name": "Wijkcentrum De Ruwaard",
        "address": "Kerkstraat 6, 5341AB Oss",
        "metres": 720,
    }  # no state: points.json has it, so a report never changes this file
    assert all("state" not in p for p in postcode["nearest"]) and postcode["shown"] == 3


def test_it_joins_a_points_block_as_its_template_renders_it(cast: Cast, net: Network) -> None:
    from paraat.publicinfo import links, pages

    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.LIMITED, services=(Service.FIRST_AID,))
    snap = snapshot.build()
    site = links.Site("nl", static=True, here="postcode/5341/index.html")
    points = {p.code: p for p in snap.places.points}
    for number, (code, metres) in enumerate((("OSS-01", 720.0), ("OSS-03", 3_456.0)), start=1):
        shown = pages.shown_point(snap, site, number, points[code], metres)
        shown["name"] = "Café <Noord> & Zuid"
        state, report_html = pages.point_state(shown, "nl")
        context = {
            "p": shown,
            "state_html": mark_safe(state),
            "report_html": mark_safe(report_html),
        }
        with translation.override("nl"):
            whole = links.render("publicinfo/_point.html", context).decode().rstrip("\n")
        assert pages.point_html(shown, "nl") == whole
        assert f'<span class="num" aria-hidden="true">{number}</span>' in whole
        assert "Café &lt;Noord&gt; &amp; Zuid" in whole and shown["distance"] in whole
