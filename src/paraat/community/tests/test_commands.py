from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from paraat.community.models import Certificate
from paraat.community.tests.factories import make_volunteer
from paraat.operations.tests.factories import make_scene

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict:
    out = StringIO()
    call_command(*args, "--region", "VR21", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_who_was_asked_in_order_as_json(cast):
    make_scene(cast)
    far = make_volunteer(cast, "Far", dx=1_500)
    near = make_volunteer(cast, "Near", dx=300)
    data = _run(
        "callout", "--point", "cp-oss", "--need", "1", "--skill", "first_aid", "--radius", "2000"
    )
    assert data["point"] == "CP-OSS" and data["state"] == "open" and data["exercise"] is True
    assert [(a["order"], a["volunteer"], a["distance_m"]) for a in data["asked"]] == [
        (1, near.pk, 300),
        (2, far.pk, 1_500),
    ]
    assert "Near" not in json.dumps(data)


def test_it_refuses_a_call_out_without_an_open_incident(cast):
    from paraat.operations.tests.factories import make_point

    make_point(cast, "OSS-09", parent=None, tier="coordination")
    with pytest.raises(CommandError):
        call_command("callout", "--point", "OSS-09", "--region", "VR21", stdout=StringIO())


def test_it_lists_certificates_expiring_within_the_days_given(cast):
    soon = make_volunteer(cast, "Soon")
    make_volunteer(cast, "Later")
    Certificate.objects.filter(volunteer=soon).update(
        expires_on=timezone.localdate() + dt.timedelta(days=10)
    )
    data = _run("certificates", "--expiring", "30")
    assert [c["volunteer"] for c in data["certificates"]] == [soon.pk]
    assert data["notified"] == 0


def test_it_applies_retention_from_the_command(cast, settings):
    settings.PARAAT_VOLUNTEER_RETENTION_DAYS = 30
    from paraat.community.models import Volunteer

    idle = make_volunteer(cast, "Idle")
    Volunteer.objects.filter(pk=idle.pk).update(
        last_active_at=timezone.now() - dt.timedelta(days=40)
    )
    out = StringIO()
    call_command("volunteer_retention", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"notified": 1, "erased": 0}
