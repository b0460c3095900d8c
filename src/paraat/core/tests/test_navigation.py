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


# Every persona, Pim leading a point activated in an incident (so he has an incident to open).
PERSONAS = ["rianne", "olaf", "vera", "cas", "pim", "kees", "xander"]


def _links(html: str, nav_class: str) -> list[str]:
    found = re.search(rf'<nav class="{nav_class}".*?</nav>', html, flags=re.S)
    return re.findall(r'href="([^"]+)"', found.group(0)) if found else []


@pytest.fixture
def scene(cast: Cast) -> object:
    from paraat.operations.tests.factories import make_scene
    from paraat.supportpoints import services as point_services

    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    return scene


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_exactly_the_menu_entries_the_role_may_open(
    client: Client, cast: Cast, scene: object, persona: str
) -> None:
    """The menu is derived from the pages' own access checks: a link is shown iff it opens."""
    from django.urls import reverse

    from paraat.site.menu import MAIN_MENU

    client.force_login(getattr(cast, persona))
    shown = set(_links(client.get("/region/").content.decode(), "nl-nav"))
    for item in MAIN_MENU:
        url = reverse(item.url_name)
        status = client.get(url).status_code
        if url in shown or not item.narrower:
            assert (url in shown) is (status == 200), (persona, url, status)


def test_it_shows_a_partner_exactly_the_menu_entries_she_may_open(
    client: Client, cast: Cast, scene: object
) -> None:
    """A partner (vital partner, column partner, municipal adviser) has the knowledge platform only."""
    from django.urls import reverse

    from paraat.accounts.constants import Role
    from paraat.site.menu import MAIN_MENU
    from paraat.testing import factories

    paula = factories.UserFactory(username="paula", role=Role.PARTNER, region=cast.region)
    client.force_login(paula)
    shown = set(_links(client.get("/knowledge/").content.decode(), "nl-nav"))
    assert shown == {"/knowledge/"}
    for item in MAIN_MENU:
        url = reverse(item.url_name)
        assert (url in shown) is (client.get(url).status_code == 200), url


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_exactly_the_incident_tabs_the_role_may_open(
    client: Client, cast: Cast, scene: object, persona: str
) -> None:
    from django.urls import reverse

    from paraat.operations.tabs import TABS

    client.force_login(getattr(cast, persona))
    pk = scene.incident.pk  # type: ignore[attr-defined]
    page = client.get(f"/operations/{pk}/requests/")
    shown = set(_links(page.content.decode(), "nl-tabs"))
    for name, _label, _rule in TABS:
        url = reverse(name, args=[pk])
        status = client.get(url).status_code
        assert (url in shown) is (status == 200), (persona, url, status)
    if page.status_code == 200:
        assert shown, persona


def test_it_shows_a_dutch_403_page_in_the_layout_with_a_way_back(
    client: Client, cast: Cast, scene: object
) -> None:
    client.force_login(cast.pim)
    response = client.get(f"/operations/{scene.incident.pk}/log/")  # type: ignore[attr-defined]
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Geen toegang tot deze pagina</h1>" in page
    assert '<nav class="nl-nav"' in page and '<a href="/">' in page
    assert "Forbidden" not in page


def test_it_shows_a_dutch_404_page_in_the_layout_with_a_way_back(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.cas)
    response = client.get("/points/NO-SUCH-POINT/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert '<nav class="nl-nav"' in page and '<a href="/">' in page
    anonymous = Client().get("/no/such/page/")
    assert anonymous.status_code == 404 and "Pagina niet gevonden" in anonymous.content.decode()
    assert 'href="/accounts/login/"' in anonymous.content.decode()


def test_it_shows_a_dutch_500_page_without_any_request_context(rf: object) -> None:
    """Django renders 500.html with no context at all: it must still render, in Dutch."""
    from django.views.defaults import server_error

    with translation.override("nl"):
        response = server_error(rf.get("/"))  # type: ignore[attr-defined]
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Er is iets misgegaan</h1>" in page and '<a href="/accounts/login/">' in page
