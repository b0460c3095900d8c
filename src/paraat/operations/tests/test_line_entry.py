"""A keyed-in one-line message: stored once, refused with a reason, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
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


def _operator(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.cas)
    return client


def test_it_reads_the_line_back_in_words_and_stores_it_once_confirmed(cast: Cast) -> None:
    scene = make_scene(cast)
    client = _operator(cast)
    line = _line()
    url = reverse("operations:line", args=[scene.incident.pk])
    readback = client.post(url, {"line": line})
    page = readback.content.decode()
    assert readback.status_code == 200 and not StatusReport.objects.exists()
    for words in ("OSS-01, Punt OSS-01", "Beperkt", "Drinkwater", "Informatie", "Brandstof"):
        assert words in page, words
    assert 'name="confirmed" value="True"' in page
    assert client.post(url, {"line": line, "confirmed": "True"}).status_code == 302
    again = client.post(url, {"line": line.lower(), "confirmed": "True"}, follow=True)
    assert "al opgeslagen" in again.content.decode()
    report = StatusReport.objects.get()
    assert (
        report.point.code,
        report.state,
        report.channel,
        report.fuel_hours_left,
        report.needs,
        report.visitors,
    ) == ("OSS-01", "limited", "line", 12.0, ["fuel"], 40)
    assert sorted(report.services_available) == ["drinking_water", "information"]


def test_it_refuses_a_line_with_one_wrong_character_without_giving_the_answer(
    cast: Cast,
) -> None:
    scene = make_scene(cast)
    line = _line()
    right = line[-1]
    typo = line.replace(" V0040 ", " V0041 ")
    response = _operator(cast).post(
        reverse("operations:line", args=[scene.incident.pk]), {"line": typo, "confirmed": "True"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Het controlecijfer klopt niet" in page
    # The right digit is nowhere else (the random CSRF tokens left out: they may hold "K7";
    # the page's fixed example line left out: it ends in "K0", the answer one time in ten).
    shown = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.replace(typo, ""))
    shown = re.sub(r"<code>P2 OSS-03/9 [^<]*</code>", "", shown)
    assert "OSS-03/9" not in shown
    assert f"K{right}" not in shown
    assert not StatusReport.objects.exists()


def test_it_refuses_a_line_for_a_point_of_another_region(cast: Cast) -> None:
    scene = make_scene(cast)
    response = _operator(cast).post(
        reverse("operations:line", args=[scene.incident.pk]), {"line": _line("ELDERS-1")}
    )
    assert response.status_code == 400 and "Er is geen punt met code ELDERS-1" in (
        response.content.decode()
    )


def test_it_tells_a_repeated_line_from_a_new_one_by_incident_and_time(cast: Cast) -> None:
    """Issue 10: the same words keyed in later in a multi-day outage were dropped as received."""
    from paraat.operations import services
    from paraat.operations.constants import IncidentKind

    scene = make_scene(cast)
    other = services.create_incident(
        region=cast.region,
        title="Tweede oefening",
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True,
        municipalities=[cast.oss],
        user=cast.cas,
    )
    services.activate(incident=other, user=cast.cas)
    line = _line()
    first = services.record_line(incident=scene.incident, line=line)
    repeat = services.record_line(incident=scene.incident, line=line)
    elsewhere = services.record_line(incident=other, line=line)
    assert (first[1], repeat[1], elsewhere[1]) == (True, False, True)
    assert repeat[0].pk == first[0].pk and elsewhere[0].pk != first[0].pk
    at = first[0].reported_at
    keys = {
        services.line_key(incident=scene.incident, line=line, at=at),
        services.line_key(incident=scene.incident, line=line.lower(), at=at),
    }
    a_month_later = services.line_key(
        incident=scene.incident, line=line, at=at + dt.timedelta(days=30)
    )
    assert len(keys) == 1 and a_month_later not in keys


def test_it_makes_a_card_line_and_parses_lines_on_the_command_line(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_services(
        point=scene.a,
        services={"information": {"available": True}, "first_aid": {"available": True}},
    )
    out = StringIO()
    call_command("status_line", "make", "oss-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["line"].startswith("P2 OSS-01/") and " OPEN S2EN " in data["line"]
    assert data["spoken"].startswith("Pieter twee / Otto Simon Simon streepje nul een")
    assert data["blank"].startswith("P2 OSS-01/")
    out = StringIO()
    call_command("status_line", "parse", data["line"], "--json", stdout=out)
    assert json.loads(out.getvalue())["services"] == ["first_aid", "information"]
    wrong = data["line"][:-1] + ("0" if data["line"][-1] != "0" else "1")
    with pytest.raises(CommandError, match="controlecijfer"):
        call_command("status_line", "parse", wrong)


def test_it_exits_with_1_when_the_command_line_refuses_a_line() -> None:
    """`paraat status-line parse` as a shell script sees it: exit code 0 or 1, the reason on stderr."""
    import subprocess
    import sys

    good = "P2 OSS-03/9 221430 OPEN S3ENW V0035 F018 N2FW K0"
    ok = subprocess.run(
        [sys.executable, "-m", "paraat", "status-line", "parse", good],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0 and "state: open" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "paraat", "status-line", "parse", good.replace("V0035", "V0036")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "controlecijfer klopt niet" in bad.stderr
