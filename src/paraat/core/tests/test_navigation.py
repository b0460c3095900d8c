"""The staff menu offers the public-information editor to those who may edit it; the footer links
every page to the public site."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

EDITOR = '<a href="/public/editor/advice/">Publieksinformatie</a>'


def menu(html: str) -> str:
    return re.search(r'<nav class="nl-nav".*?</nav>', html, flags=re.S).group(0)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("rianne", True),  # region coordinator: edits the advice texts
        ("xander", True),  # coordinator of another region: edits his own region's texts
        ("olaf", False),
        ("cas", False),
        ("pim", False),
        ("kees", False),
    ],
)
def test_it_offers_the_public_information_editor_to_editors_only(
    client: Client, cast: Cast, persona: str, shown: bool
) -> None:
    client.force_login(getattr(cast, persona))
    page = client.get("/region/").content.decode()
    assert (EDITOR in menu(page)) is shown
    if shown:
        assert client.get("/public/editor/advice/").status_code == 200


def test_it_links_every_page_to_the_public_site(client: Client, cast: Cast) -> None:
    login = client.get("/accounts/login/").content.decode()
    assert '<a href="/public/">Pagina\'s voor inwoners</a>' in login
    client.force_login(cast.kees)
    assert '<a href="/public/">' in client.get("/region/").content.decode()
    with translation.override("nl"):  # the English request leaves English active: undo that
        client.post("/i18n/setlang/", {"language": "en", "next": "/region/"})
        english = client.get("/region/").content.decode()
    assert '<a href="/public/en/">Public pages</a>' in english
