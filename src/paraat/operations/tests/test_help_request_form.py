"""The help request form: a point lead sends one with the form's own defaults (issue 10)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from paraat.operations.models import HelpRequest
from paraat.operations.tests.factories import make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


class _Defaults(HTMLParser):
    """What a browser would send for the help request form if the user only typed the text."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not a.get("action"):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "select":
            self._select = a["name"]
            self.options[a["name"]] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(a.get("value", ""))
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = a.get("value", "")
        elif tag == "input" and a.get("type") != "submit":
            self.values[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "form":
            self._in_form = False


def _form_defaults(html: str) -> _Defaults:
    parser = _Defaults()
    parser.feed(html)
    return parser


def _lead(cast: Cast) -> tuple[Any, Client]:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    client = Client()
    client.force_login(cast.pim)
    return scene, client


def test_it_sends_a_point_leads_request_with_the_forms_own_defaults(cast: Cast) -> None:
    scene, client = _lead(cast)
    url = reverse("operations:requests", args=[scene.incident.pk])
    form = _form_defaults(client.get(url).content.decode())
    assert form.options["point"] == ["OSS-01"]  # no 'Crisis team' he may not choose
    response = client.post(url, {**form.values, "description": "Diesel voor 24 uur"}, follow=True)
    assert response.status_code == 200
    request = HelpRequest.objects.get()
    assert (request.point.code, request.origin, request.description) == (
        "OSS-01",
        "point",
        "Diesel voor 24 uur",
    )
    assert "Hulpvraag verstuurd" in response.content.decode()


def test_it_keeps_the_point_leads_text_when_the_point_is_not_his(cast: Cast) -> None:
    """A forged or stale choice is a form error in Dutch on the same page, never a bare 403."""
    scene, client = _lead(cast)
    url = reverse("operations:requests", args=[scene.incident.pk])
    for point in ("", "OSS-02"):
        response = client.post(
            url,
            {"kind": "fuel", "priority": "normal", "point": point, "description": "Water graag"},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Water graag" in page and "nl-form-error" in page
    assert not HelpRequest.objects.exists()


def test_it_lets_crisis_staff_file_a_request_for_the_crisis_team(cast: Cast) -> None:
    scene = make_scene(cast)
    client = Client()
    client.force_login(cast.cas)
    url = reverse("operations:requests", args=[scene.incident.pk])
    form = _form_defaults(client.get(url).content.decode())
    assert form.options["point"][0] == "" and form.values["point"] == ""
    client.post(url, {**form.values, "description": "Aggregaat naar Oss"})
    request = HelpRequest.objects.get()
    assert (request.point, request.origin) == (None, "crisis_team")
