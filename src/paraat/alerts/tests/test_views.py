"""Alert pages per persona, the flow from template to publication, import, and the public
CAP documents and feed (no login)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from paraat.alerts import cap, services
from paraat.alerts.constants import AlertState, Origin
from paraat.alerts.models import Alert
from paraat.alerts.tests import factories
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
DATA = Path(__file__).with_name("data")


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"alerts:{name}", args=args)


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _post_data(**overrides: Any) -> dict[str, Any]:
    data = factories.alert_data()
    form = {k: v for k, v in data.items() if not isinstance(v, dt.datetime)}
    form["effective"] = _when(data["effective"])
    form["expires"] = _when(data["expires"])
    form["municipalities"] = ["GM0828"]
    form["area_codes"] = ""
    form["polygon"] = ""
    form.update(overrides)
    return form


@pytest.mark.parametrize(
    ("who", "status"),
    [("rianne", 200), ("olaf", 200), ("vera", 200), ("cas", 200), ("kees", 200), ("pim", 403)],
)
def test_it_shows_the_list_to_staff_and_viewers_only(cast: Cast, who: str, status: int) -> None:
    factories.published(cast)
    response = _client(getattr(cast, who)).get(_url("list"))
    assert response.status_code == status


def test_it_sends_anonymous_visitors_to_the_login(cast: Cast) -> None:
    response = _client().get(_url("list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_hides_alerts_of_another_region(cast: Cast) -> None:
    alert = factories.published(cast)
    client = _client(cast.xander)
    assert client.get(_url("detail", alert.pk)).status_code == 404
    assert alert.headline_nl not in client.get(_url("list")).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("rianne", 200), ("cas", 200), ("olaf", 200), ("kees", 403), ("pim", 403)],
)
def test_it_lets_only_authors_start_an_alert(cast: Cast, who: str, status: int) -> None:
    assert _client(getattr(cast, who)).get(_url("create")).status_code == status


def test_it_fills_the_form_from_the_template(cast: Cast) -> None:
    client = _client(cast.rianne)
    response = client.get(_url("create"), {"risk": "power_outage", "municipalities": "GM0828"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["headline_nl"] == "De stroom is uitgevallen"
    assert form.initial["category"] == "Infra"
    assert form.initial["municipalities"] == ["GM0828"]


def test_it_runs_the_whole_flow_from_template_to_public_feed(cast: Cast) -> None:
    author, reviewer = _client(cast.rianne), _client(cast.cas)
    query = "?risk=power_outage&municipalities=GM0828"
    response = author.post(_url("create") + query, _post_data())
    alert = Alert.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", alert.pk)
    assert author.post(_url("action", alert.pk, "submit")).status_code == 302
    assert author.post(_url("action", alert.pk, "approve")).status_code == 403
    page = author.get(_url("detail", alert.pk)).content.decode()
    assert _url("action", alert.pk, "approve") not in page
    assert (
        _url("action", alert.pk, "approve")
        in reviewer.get(_url("detail", alert.pk)).content.decode()
    )
    reviewer.post(_url("action", alert.pk, "approve"))
    author.post(_url("action", alert.pk, "publish"))
    alert.refresh_from_db()
    assert alert.state == AlertState.PUBLISHED and alert.approved_by == cast.cas

    anonymous = _client()
    feed = anonymous.get(_url("feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    href = ET.fromstring(feed.content).find(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link"
    )
    assert (
        href is not None
        and href.get("href") == f"http://testserver/alerts/cap/{alert.cap_filename}"
    )
    document = anonymous.get(_url("cap", alert.cap_filename))
    assert document.status_code == 200
    assert cap.check(document.content).ok


def test_it_serves_no_draft_cap_document(cast: Cast) -> None:
    alert = factories.approved(cast)
    assert _client().get(_url("cap", alert.cap_filename)).status_code == 404


def test_it_stores_nothing_when_the_form_has_errors(cast: Cast) -> None:
    client = _client(cast.rianne)
    response = client.post(
        _url("create") + "?risk=storm",
        _post_data(headline_nl="", municipalities=[], area_codes="WK404"),
    )
    assert response.status_code == 400
    assert not Alert.objects.exists()
    form = response.context["form"]
    assert "headline_nl" in form.errors


def test_it_names_unknown_area_codes_on_the_form(cast: Cast) -> None:
    client = _client(cast.rianne)
    response = client.post(_url("create") + "?risk=storm", _post_data(area_codes="WK404"))
    assert response.status_code == 400
    assert "WK404" in str(response.context["form"].errors["area_codes"])


def test_it_lets_an_officer_edit_only_alerts_for_their_municipality(cast: Cast) -> None:
    oss = factories.draft(cast, author=cast.olaf)
    vught = factories.draft(cast, municipalities=("GM0865",))
    client = _client(cast.olaf)
    assert client.get(_url("edit", oss.pk)).status_code == 200
    assert client.get(_url("edit", vught.pk)).status_code == 403
    response = client.post(_url("edit", oss.pk), _post_data(headline_nl="Nieuw"))
    assert response.status_code == 302
    oss.refresh_from_db()
    assert oss.headline_nl == "Nieuw"


def test_it_does_not_let_a_viewer_change_anything(cast: Cast) -> None:
    alert = factories.approved(cast)
    client = _client(cast.kees)
    assert client.get(_url("edit", alert.pk)).status_code == 403
    assert client.post(_url("action", alert.pk, "publish")).status_code == 403
    assert client.post(_url("follow-up", alert.pk, "cancel")).status_code == 403


def test_it_starts_an_update_and_opens_its_form(cast: Cast) -> None:
    original = factories.published(cast)
    response = _client(cast.cas).post(_url("follow-up", original.pk, "update"))
    update = Alert.objects.exclude(pk=original.pk).get()
    assert response["Location"] == _url("edit", update.pk)
    assert update.original == original and update.msg_type == "Update"


def test_it_previews_the_cap_document_and_the_nl_alert_text(cast: Cast) -> None:
    alert = factories.draft(cast, status="Exercise")
    response = _client(cast.kees).get(_url("preview", alert.pk))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.report.ok and not preview.published
    assert preview.cell.text.startswith("OEFENING: Stroomstoring in Oss")
    assert "&lt;status&gt;Exercise&lt;/status&gt;" in response.content.decode()


def test_it_imports_an_external_alert_and_marks_it(cast: Cast) -> None:
    client = _client(cast.cas)
    upload = SimpleUploadedFile(
        "a2.xml", (DATA / "spec" / "cap12_appendix_a2.xml").read_bytes(), "application/xml"
    )
    response = client.post(_url("import"), {"document": upload})
    alert = Alert.objects.get()
    assert response["Location"] == _url("detail", alert.pk)
    assert alert.origin == Origin.EXTERNAL
    page = client.get(_url("list")).content.decode()
    assert "SEVERE THUNDERSTORM WARNING" in page and "nl-badge--unknown" in page


def test_it_refuses_an_invalid_upload_with_the_reason(cast: Cast) -> None:
    upload = SimpleUploadedFile(
        "old.cap", (DATA / "refused" / "us_nws_2014_wind_advisory_cap11.cap").read_bytes()
    )
    response = _client(cast.cas).post(_url("import"), {"document": upload})
    assert response.status_code == 400
    assert "CAP 1.1" in str(response.context["form"].errors["document"])
    assert not Alert.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("olaf", 403), ("kees", 403), ("rianne", 200)])
def test_it_lets_only_coordinators_and_operators_import(cast: Cast, who: str, status: int) -> None:
    assert _client(getattr(cast, who)).get(_url("import")).status_code == status


def test_it_shows_a_service_refusal_as_a_message(cast: Cast) -> None:
    original = factories.published(cast)
    update = services.start_follow_up(original=original, user=cast.rianne, msg_type="Update")
    factories.approve_it(update, author=cast.rianne, approver=cast.cas)
    factories.follow_up(cast, original, "Cancel")
    response = _client(cast.rianne).post(_url("action", update.pk, "publish"), follow=True)
    assert (
        "no longer in force" in response.content.decode()
        or "niet meer" in response.content.decode()
    )


def test_it_offers_an_officer_only_their_own_municipalities(cast: Cast) -> None:
    client = _client(cast.olaf)
    form = client.get(_url("create"), {"risk": "storm"}).context["form"]
    assert [code for code, _name in form.fields["municipalities"].choices] == ["GM0828"]
    drawn_in_vught = "POLYGON((5.29 51.65, 5.31 51.65, 5.31 51.66, 5.29 51.65))"
    response = client.post(
        _url("create") + "?risk=storm", _post_data(municipalities=[], polygon=drawn_in_vught)
    )
    assert response.status_code == 400
    assert "eigen gemeenten" in str(response.context["form"].non_field_errors())
    assert not Alert.objects.exists()
