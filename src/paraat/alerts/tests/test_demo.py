"""`paraat demo` publishes one exercise alert, approved by a second person, for the demo region."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from paraat.alerts import cap
from paraat.alerts.constants import AlertState, CapStatus
from paraat.alerts.models import Alert
from paraat.alerts.public import current_alerts

pytestmark = pytest.mark.django_db


def test_it_publishes_one_exercise_alert_approved_by_someone_else() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    alert = Alert.objects.get()
    assert alert.state == AlertState.PUBLISHED
    assert alert.status == CapStatus.EXERCISE
    assert alert.approved_by is not None and alert.approved_by != alert.author
    document = bytes(alert.cap_xml)  # PostgreSQL gives a memoryview
    assert cap.check(document).ok
    assert b"<status>Exercise</status>" in document
    assert "Noodsteunpunten dichtbij:" in alert.instruction_nl
    shown = current_alerts(alert.region, exercise=True)  # the staff's exercise feed
    assert {a.language for a in shown} == {"nl", "en"}
    assert current_alerts(alert.region) == []  # never on the public pages
    assert "oefenwaarschuwing" in out.getvalue()

    call_command("demo", "--no-serve", "--reload", stdout=StringIO())
    assert Alert.objects.count() == 1
