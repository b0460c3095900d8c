"""A keyed-in one-line message: stored once, refused with a reason, and the command line."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from paraat.operations.models import StatusReport
from paraat.operations.statusline import StatusLine, make_line
from paraat.operations.tests.factories import make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _line(code: str = "OSS-01", minutes_ago: int = 5) -> str:
    moment = timezone.localtime() - dt.timedelta(minutes=minutes_ago)
    return make_line(
        StatusLine(
            code,
            moment.time().replace(second=0, microsecond=0),
            "LIMITED",
            frozenset({"INFORMATION", "DRINKING_WATER"}),
            40,
            12,
            frozenset({"FUEL"}),
            moment.day,
        )
    )


def test_it_stores_a_keyed_in_line_once(cast: Cast) -> None:
    scene = make_scene(cast)
    client = Client()
    client.force_login(cast.cas)
    line = _line()
    url = reverse("operations:line", args=[scene.incident.pk])
    assert client.post(url, {"line": line}).status_code == 302
    again = client.post(url, {"line": line.lower()}, follow=True)
    assert (
        "al opgeslagen" in again.content.decode() or "already been stored" in again.content.decode()
    )
    report = StatusReport.objects.get()
    assert (
        report.point.code,
        report.state,
        report.channel,
        report.fuel_hours_left,
        report.needs,
    ) == ("OSS-01", "limited", "line", 12.0, ["fuel"])
    assert sorted(report.services_available) == ["drinking_water", "information"]


def test_it_refuses_a_line_with_one_wrong_character_and_says_why(cast: Cast) -> None:
    scene = make_scene(cast)
    client = Client()
    client.force_login(cast.cas)
    line = _line()
    typo = line.replace(" V40 ", " V46 ")
    response = client.post(reverse("operations:line", args=[scene.incident.pk]), {"line": typo})
    assert response.status_code == 400
    assert "Controleteken klopt niet" in response.content.decode()
    assert not StatusReport.objects.exists()


def test_it_makes_a_card_line_and_parses_lines_on_the_command_line(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_services(
        point=scene.a,
        services={"information": {"available": True}, "first_aid": {"available": True}},
    )
    out = StringIO()
    call_command("status_line", "make", "oss-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (
        data["line"].startswith("P1 OSS-01 ")
        and " OPEN SEN " in data["line"]
        and data["spoken"].startswith("Papa Een")
    )
    out = StringIO()
    call_command("status_line", "parse", data["line"], "--json", stdout=out)
    assert json.loads(out.getvalue())["services"] == ["first_aid", "information"]
    with pytest.raises(CommandError, match="Controleteken"):
        call_command(
            "status_line", "parse", data["line"][:-1] + ("0" if data["line"][-1] != "0" else "1")
        )


def test_it_exits_with_1_when_the_command_line_refuses_a_line() -> None:
    """`paraat status-line parse` as a shell script sees it: exit code 0 or 1, the reason on stderr."""
    import subprocess
    import sys

    good = "P1 OSS-03 221430 OPEN SENW V35 F18 NFW CR"
    ok = subprocess.run(
        [sys.executable, "-m", "paraat", "status-line", "parse", good],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0 and "state: open" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "paraat", "status-line", "parse", good.replace("V35", "V53")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "Controleteken klopt niet" in bad.stderr
