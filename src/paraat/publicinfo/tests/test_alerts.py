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


def test_it_marks_an_exercise_alert(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(cast, status=CapStatus.EXERCISE)
    html = client.get("/public/").content.decode()
    assert "[OEFENING] Stroomstoring in Oss" in html


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
