"""Messages leave through real transports: SMTP to a local aiosmtpd, SMS to a local HTTP endpoint."""

from __future__ import annotations

import json
import re

import pytest

from paraat.community import callouts, channels, links
from paraat.community.tests.factories import make_volunteer
from paraat.operations.tests.factories import make_scene

pytestmark = pytest.mark.django_db


def test_it_sends_an_sms_through_the_messagebird_adapter(
    cast, settings, http_sink, django_capture_on_commit_callbacks
):
    settings.PARAAT_SMS_BACKEND = "messagebird"
    settings.PARAAT_SMS_URL = http_sink.url + "/messages"
    settings.PARAAT_SMS_KEY = "live_test_key"
    scene = make_scene(cast)
    volunteer = make_volunteer(cast, "Sam", dx=200, email="", phone="+31612345678")
    with django_capture_on_commit_callbacks(execute=True):
        callout = callouts.start_callout(
            incident=scene.incident, point=scene.hub, skill="first_aid", needed=1, radius_m=1_000
        )
    [request] = http_sink.requests
    assert request["path"] == "/messages"
    assert request["headers"]["Authorization"] == "AccessKey live_test_key"
    body = request["json"]
    assert body["recipients"] == ["+31612345678"] and body["originator"] == "Paraat"
    assert len(body["body"]) <= 160
    assert body["body"].startswith("OEFENING")
    ask = callout.asks.get()
    assert ask.volunteer == volunteer
    assert links.ask_token(ask) in body["body"]


def test_it_logs_a_failed_gateway_and_keeps_the_call_out(
    cast, settings, http_sink, django_capture_on_commit_callbacks, caplog
):
    settings.PARAAT_SMS_BACKEND = "messagebird"
    settings.PARAAT_SMS_URL = http_sink.url + "/messages"
    settings.PARAAT_SMS_KEY = "k"
    http_sink.status = 500
    scene = make_scene(cast)
    make_volunteer(cast, "Sam", dx=200, email="", phone="+31612345678")
    with django_capture_on_commit_callbacks(execute=True):
        callout = callouts.start_callout(
            incident=scene.incident, point=scene.hub, skill="first_aid", needed=1, radius_m=1_000
        )
    assert callout.asks.count() == 1
    assert "SMS not delivered" in caplog.text


def test_it_mails_each_asked_volunteer_once_with_working_links(
    cast, smtp, client, django_capture_on_commit_callbacks
):
    scene = make_scene(cast)
    for n in range(4):
        make_volunteer(cast, f"V{n}", dx=100 * (n + 1))
    with django_capture_on_commit_callbacks(execute=True):
        callout = callouts.start_callout(
            incident=scene.incident,
            point=scene.hub,
            skill="first_aid",
            needed=1,
            radius_m=1_000,
            step_m=1_000,
            max_radius_m=3_000,
            wait_minutes=0,
        )
        callouts.advance_callouts()
    recipients = sorted(str(m["X-Envelope-To"]) for m in smtp.messages)
    assert recipients == [f"v{n}@example.nl" for n in range(3)]
    link = re.search(r"(/community/r/\S+/)", smtp.body(smtp.to("v0@example.nl")[0])).group(1)
    assert "Ja, ik kom" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"answer": "yes"})
    callout.refresh_from_db()
    assert callout.accepted_count == 1
    assert len(smtp.to("v1@example.nl")) == 2  # the ask, then "not needed"


def test_it_writes_sms_to_files_in_development(settings, tmp_path):
    settings.PARAAT_SMS_BACKEND = "file"
    settings.DATA_DIR = tmp_path
    channels.deliver(channels.Message(email="", phone="0612", subject="", body="", sms="hallo"))
    [written] = list((tmp_path / "sms").iterdir())
    assert json.loads(written.read_text()) == {"to": "0612", "text": "hallo"}
