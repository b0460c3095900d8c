"""The pages: search, detail, download, upload and attendance; partners see only the platform
and what is shared with them; nothing crosses regions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from paraat.knowledge import samples, services
from paraat.knowledge.models import KnowledgeItem, Organisation
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _doc(cast: Cast, title: str, **kwargs: Any) -> KnowledgeItem:
    return services.add_item(
        region=cast.region, user=cast.rianne, data={"kind": "document", "title": title, **kwargs.pop("data", {})},
        upload=services.Upload("stuk.pdf", samples.pdf(title, [f"inhoud van {title}"])), **kwargs,
    )  # fmt: skip


def test_it_searches_the_list_in_dutch(client: Client, cast: Cast):
    _doc(cast, "Oefenverslag", data={"description": "De oefening in Oss"})
    _doc(cast, "Begroting")
    client.force_login(cast.kees)
    page = client.get("/knowledge/", {"q": "oefeningen"}).content.decode()
    assert "Oefenverslag" in page and "Begroting" not in page


def test_it_uploads_a_file_and_offers_it_for_download(client: Client, cast: Cast):
    client.force_login(cast.olaf)
    data = samples.docx("Plan", ["plannen"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/knowledge/new/", {
        "kind": "document", "title": "Continuïteitsplan", "region_wide": "on", "tags": "plan, continuïteit",
        "file": SimpleUploadedFile("plan.docx", data),
    })  # fmt: skip
    item = KnowledgeItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/knowledge/{item.pk}/"
    assert item.tags == ["plan", "continuïteit"]
    download = client.get(f"/knowledge/{item.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]


def test_it_shows_why_a_file_is_refused(client: Client, cast: Cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.olaf)
    response = client.post("/knowledge/new/", {
        "kind": "document", "title": "Nep", "file": SimpleUploadedFile("nep.pdf", b"geen pdf"),
    })  # fmt: skip
    assert response.status_code == 200
    assert "geen PDF-, Word- (DOCX) of PowerPoint-document (PPTX)" in response.content.decode()
    assert not KnowledgeItem.objects.exists()


def test_it_records_attendance_of_an_event(client: Client, cast: Cast):
    grid = services.add_organisation(region=cast.region, name="Netbeheerder")
    event = services.add_item(
        region=cast.region, user=cast.rianne, data={"kind": "knowledge_session", "title": "Sessie"}
    )
    client.force_login(cast.olaf)
    assert client.get(f"/knowledge/{event.pk}/attendance/").status_code == 403  # not his
    client.force_login(cast.rianne)
    response = client.post(
        f"/knowledge/{event.pk}/attendance/", {"attendee_count": "25", "organisations": [grid.pk]}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attendee_count == 25 and list(event.attending_organisations.all()) == [grid]
    assert "Netbeheerder" in client.get(f"/knowledge/{event.pk}/").content.decode()


def test_it_shows_a_partner_what_is_shared_with_the_region_or_her_organisation(
    client: Client, cast: Cast, partner: Any
):
    grid = Organisation.objects.get(name="Netbeheerder")
    water = services.add_organisation(region=cast.region, name="Waterbedrijf")
    _doc(cast, "Voor iedereen")
    mine = _doc(cast, "Voor de netbeheerder", data={"region_wide": False}, organisations=[grid])
    other = _doc(cast, "Voor het waterbedrijf", data={"region_wide": False}, organisations=[water])
    client.force_login(partner)
    page = client.get("/knowledge/").content.decode()
    assert "Voor iedereen" in page and "Voor de netbeheerder" in page
    assert "Voor het waterbedrijf" not in page
    assert client.get(f"/knowledge/{mine.pk}/download/").status_code == 200
    assert client.get(f"/knowledge/{other.pk}/").status_code == 404
    assert client.get(f"/knowledge/{other.pk}/download/").status_code == 404


def test_it_keeps_a_partner_out_of_the_staff_pages(client: Client, cast: Cast, partner: Any):
    client.force_login(partner)
    assert client.get("/")["Location"] == "/knowledge/"
    for url in (
        "/region/",
        "/points/",
        "/operations/",
        "/community/volunteers/",
        "/api/v1/points/",
    ):
        assert client.get(url).status_code in (403, 404), url
    page = client.get("/knowledge/").content.decode()
    menu = page[page.index('<nav class="nl-nav"') : page.index("</nav>")]
    assert 'href="/knowledge/"' in menu and 'href="/region/"' not in menu


def test_it_shows_nothing_of_one_region_to_another(client: Client, cast: Cast):
    item = _doc(cast, "Geheim van Brabant-Noord")
    client.force_login(cast.xander)
    assert (
        "Geheim van Brabant-Noord"
        not in client.get("/knowledge/", {"q": "geheim"}).content.decode()
    )
    assert client.get(f"/knowledge/{item.pk}/").status_code == 404
    assert client.get(f"/knowledge/{item.pk}/download/").status_code == 404
    assert client.get(f"/knowledge/{item.pk}/attendance/").status_code == 404


def test_it_lets_only_contributors_add_items(client: Client, cast: Cast, partner: Any):
    for user, status in ((cast.kees, 403), (cast.pim, 403), (cast.olaf, 200), (partner, 200)):
        client.force_login(user)
        assert client.get("/knowledge/new/").status_code == status, user.username
