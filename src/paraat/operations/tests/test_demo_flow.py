"""Issue 5, "Done when": in the demo, an exercise "stroomuitval" is started, reports come in from
the phone form, the API and a keyed-in line, and the picture and the sitrep show them; a line with
one wrong character is refused with a reason, and the same line sent twice is stored once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pypdfium2
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from paraat.accounts.models import User
from paraat.areas.models import Municipality
from paraat.operations.models import Incident, StatusReport
from paraat.operations.statusline import StatusLine, make_line
from paraat.testing.factories import api_key

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _line(code: str, state: str = "LIMITED", visitors: int = 12) -> str:
    moment = timezone.localtime() - dt.timedelta(minutes=3)
    return make_line(
        StatusLine(
            code,
            moment.time().replace(second=0, microsecond=0),
            state,
            frozenset({"INFORMATION", "CHARGING"}),
            visitors,
            9,
            frozenset({"FUEL"}),
            moment.day,
        )
    )


def test_it_runs_the_stroomuitval_exercise_from_three_channels_to_picture_and_sitrep() -> None:
    call_command("demo", "--no-serve", stdout=StringIO())
    operator = _login("operator")
    oss = Municipality.objects.get(code="GM0828")

    # 1. The crisis operator starts the exercise and activates every point in Oss.
    operator.post(
        "/operations/",
        {
            "title": "Stroomuitval",
            "kind": "power_outage",
            "is_exercise": "on",
            "municipalities": [oss.pk],
        },
    )
    incident = Incident.objects.get(title="Stroomuitval")
    assert incident.is_exercise
    operator.post(f"/operations/{incident.pk}/activate/")
    assert incident.activations.count() >= 3

    # 2. The demo point lead reports from the phone form (without JavaScript: a plain POST).
    lead = _login("puntleider")
    form = lead.get(f"/operations/{incident.pk}/report/")
    assert form.status_code == 200 and "OEFENING" in form.content.decode()
    codes = [code for code, _ in form.context["form"].fields["point"].choices]
    assert len(codes) >= 3
    phone_code, api_code, line_code = codes[:3]
    posted = lead.post(
        f"/operations/{incident.pk}/report/",
        {
            "idempotency_key": form.context["form"].initial["idempotency_key"],
            "point": phone_code,
            "state": "open",
            "visitors": "31",
            "power_source": "generator",
            "fuel_hours_left": "10",
        },
    )
    assert posted.status_code == 302

    # 3. An app reports through the API with the point lead's token.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key(User.objects.get(username='puntleider'))}")
    response = api.post(
        f"/api/v1/incidents/{incident.pk}/reports/",
        {"point": api_code, "idempotency_key": "app-1", "state": "full", "visitors": 80},
        format="json",
    )
    assert response.status_code == 201 and response.json()["is_exercise"] is True

    # 4. The operator keys in a line read out over the radio; a typo is refused with the reason,
    #    and the same line keyed in twice is stored once.
    #    The operator reads the line back in words and stores it once the point lead confirms.
    line = _line(line_code)
    typo = line.replace(" V0012 ", " V0013 ")
    refused = operator.post(f"/operations/{incident.pk}/line/", {"line": typo})
    assert refused.status_code == 400 and "controlecijfer klopt niet" in refused.content.decode()
    readback = operator.post(f"/operations/{incident.pk}/line/", {"line": line})
    assert readback.status_code == 200 and "Lees dit terug" in readback.content.decode()
    for _ in range(2):
        confirmed = {"line": line, "confirmed": "True"}
        assert operator.post(f"/operations/{incident.pk}/line/", confirmed).status_code == 302
    assert StatusReport.objects.filter(incident=incident, point__code=line_code).count() == 1

    channels = dict(
        StatusReport.objects.filter(incident=incident).values_list("point__code", "channel")
    )
    assert channels == {phone_code: "web", api_code: "api", line_code: "line"}

    # 5. The picture (page and API) and the sitrep (HTML and PDF) show all three.
    page = operator.get(f"/operations/{incident.pk}/")
    picture = page.context["view"]
    states = {row.point.code: row.state for row in picture.rows}
    assert (states[phone_code], states[api_code], states[line_code]) == ("open", "full", "limited")
    assert picture.counts()["open"] >= 1 and "OEFENING" in page.content.decode()
    fragment = operator.get(f"/operations/{incident.pk}/?fragment=1").content.decode()
    assert all(code in fragment for code in (phone_code, api_code, line_code))
    data = api.get(f"/api/v1/incidents/{incident.pk}/")
    assert data.status_code == 200 and data.json()["is_exercise"] is True
    sitrep = operator.get(f"/operations/{incident.pk}/sitrep/").content.decode()
    assert "OEFENING" in sitrep
    assert all(code in sitrep for code in (phone_code, api_code, line_code))
    pdf = operator.get(f"/operations/{incident.pk}/sitrep/?format=pdf")
    document = pypdfium2.PdfDocument(pdf.content)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "OEFENING" in text
    assert all(code in text for code in (phone_code, api_code, line_code))
