"""Residents' personal data in relayed emergency reports (issue 11): it stays in the report, each
view is in the audit trail, the logbook and the audit trail only refer to it, and it is erased
after the incident under the retention rule."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.operations import services
from paraat.operations.constants import Phase
from paraat.operations.models import EmergencyRelay, LogEntry
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

PERSONAL = "Mevr. Jansen, Kerkstraat 4, zuurstof thuis"
OUTCOME = "Mevr. Jansen naar CWZ"


def _relay(cast: Cast) -> EmergencyRelay:
    scene = make_scene(cast)
    relay = services.relay_emergency_report(
        incident=scene.incident, point=scene.a, summary=PERSONAL, user=cast.cas
    )
    return services.record_relay_outcome(relay=relay, outcome=OUTCOME, user=cast.cas)


def _everywhere_but_the_report() -> str:
    logbook = " ".join(LogEntry.objects.values_list("text", flat=True))
    trail = json.dumps(
        list(AuditEntry.objects.values("object_repr", "before", "after", "note")), default=str
    )
    return logbook + trail


def test_it_keeps_personal_data_out_of_the_logbook_and_the_audit_trail(cast: Cast) -> None:
    relay = _relay(cast)
    copies = _everywhere_but_the_report()
    assert "Jansen" not in copies and "Kerkstraat" not in copies and "zuurstof" not in copies
    assert LogEntry.objects.filter(text__contains=f"#{relay.pk}").count() == 2


def test_it_records_every_view_of_a_report(cast: Cast) -> None:
    relay = _relay(cast)
    client = Client()
    client.force_login(cast.cas)
    page = client.get(f"/operations/{relay.incident_id}/relay/").content.decode()
    assert "Kerkstraat 4" in page
    view = AuditEntry.objects.get(action=AuditAction.VIEW, object_pk=str(relay.pk))
    assert view.actor == cast.cas and view.model == "operations.emergencyrelay"


def test_it_erases_reports_after_the_retention_period_only(cast: Cast) -> None:
    relay = _relay(cast)
    services.set_phase(incident=relay.incident, phase=Phase.CLOSED, user=cast.cas)
    out = StringIO()
    call_command("erase_relays", "--days", "30", "--json", stdout=out)
    assert json.loads(out.getvalue())["erased"] == 0  # closed just now: kept

    later = timezone.now() + dt.timedelta(days=31)
    assert services.erase_relays(days=30, now=later) == 1
    relay.refresh_from_db()
    assert relay.summary == "" and relay.outcome == "" and relay.erased_at == later
    assert services.erase_relays(days=30, now=later) == 0
    erased = AuditEntry.objects.filter(object_pk=str(relay.pk), action=AuditAction.UPDATE).latest(
        "pk"
    )
    assert erased.before["summary"] == "(personal data)" and erased.after["summary"] == ""

    client = Client()
    client.force_login(cast.cas)
    page = client.get(f"/operations/{relay.incident_id}/relay/").content.decode()
    assert "Jansen" not in page, page[page.find("Jansen") - 300 : page.find("Jansen") + 100]
    assert "gewist" in page


def test_it_keeps_reports_of_open_incidents(cast: Cast) -> None:
    _relay(cast)
    far = timezone.now() + dt.timedelta(days=400)
    assert services.erase_relays(days=30, now=far) == 0
