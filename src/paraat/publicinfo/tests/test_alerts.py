"""Alerts from paraat.alerts on the resident pages, as CAP documents and as a feed, live and in
the static export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from paraat.alerts.constants import CapStatus
from paraat.alerts.tests.factories import published
from paraat.publicinfo.tests.factories import Network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_shows_a_published_alert_in_both_languages(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(cast)
    dutch = client.get("/public/postcode/5341/").content.decode()
    assert "Stroomstoring in Oss" in dutch
    assert "Houd deuren dicht." in dutch
    assert "Power outage in Oss" not in dutch
    english = client.get("/public/en/").content.decode()
    assert "Power outage in Oss" in english
    assert 'href="/public/alerts.atom"' in english


@pytest.mark.parametrize("status", [CapStatus.EXERCISE, CapStatus.TEST])
def test_it_keeps_exercise_and_test_alerts_off_the_public_pages_and_feed(
    client: Client,
    cast: Cast,
    net: Network,
    status: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        alert = published(cast, status=status, headline_nl="Oefenalarm Oss")
        published(cast, headline_nl="Echte storing Oss")
    for url in ("/public/", "/public/postcode/5341/"):
        html = client.get(url).content.decode()
        assert "Echte storing Oss" in html and "Oefenalarm Oss" not in html
    assert alert.identifier.encode() not in client.get("/public/alerts.atom").content
    assert client.get(f"/public/cap/{alert.cap_filename}").status_code == 404
    assert alert.identifier.encode() not in client.get("/alerts/feed.atom").content
    client.force_login(cast.cas)
    staff = client.get("/alerts/exercise/feed.atom")
    assert staff.status_code == 200 and alert.identifier.encode() in staff.content
    assert b"OEFENING" in staff.content
    assert b"Echte storing" not in staff.content
    cap = client.get(f"/alerts/exercise/cap/{alert.cap_filename}")
    assert cap.status_code == 200 and cap.content == bytes(alert.cap_xml)


def test_it_keeps_the_exercise_feed_for_staff(client: Client, cast: Cast, net: Network) -> None:
    assert client.get("/alerts/exercise/feed.atom").status_code == 302  # to the login
    client.force_login(cast.pim)  # a point lead reads no alerts
    assert client.get("/alerts/exercise/feed.atom").status_code == 403


def test_it_shows_first_the_alerts_for_the_postcode_and_folds_the_others(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(cast, headline_nl="Storing in Vught", municipalities=("GM0865",))
        published(cast, headline_nl="Storing in Oss")
    html = client.get("/public/postcode/5341/").content.decode()
    folded = html.index('<details class="alerts-other">')
    assert html.index("Storing in Oss") < folded < html.index("Storing in Vught")
    assert "1 andere waarschuwing in de regio" in html
    home = client.get("/public/").content.decode()
    assert "Storing in Vught" in home and "alerts-other" not in home


def test_it_serves_the_cap_document_and_the_feed(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        alert = published(cast)
    cap = client.get(f"/public/cap/{alert.cap_filename}")
    assert cap.status_code == 200
    assert cap.content == bytes(alert.cap_xml)
    assert b"urn:oasis:names:tc:emergency:cap:1.2" in cap.content
    feed = client.get("/public/alerts.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert f"http://testserver/public/cap/{alert.cap_filename}".encode() in feed.content
    assert client.get("/public/cap/nope.xml").status_code == 404


def test_it_puts_alerts_in_the_static_export(
    cast: Cast, net: Network, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        alert = published(cast)
    site = tmp_path / "site"
    call_command(
        "export_public", str(site), "--no-posters", "--base-url", "https://example.org/np/"
    )
    assert (site / "cap" / alert.cap_filename).read_bytes() == bytes(alert.cap_xml)
    feed = (site / "alerts.atom").read_text()
    assert f"https://example.org/np/cap/{alert.cap_filename}" in feed
    page = (site / "postcode" / "5341" / "index.html").read_text()
    assert "Stroomstoring in Oss" in page
    assert 'href="../../alerts.atom"' in page
