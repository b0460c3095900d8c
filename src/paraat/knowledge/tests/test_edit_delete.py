"""Correcting and removing an item: who may, what goes with it (search entry, sharing,
attendance) and the stored file, removed only when no other item has the same checksum."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.knowledge import samples, search, services, storage
from paraat.knowledge.models import KnowledgeItem, Organisation, SearchText
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _doc(cast: Cast, title: str, user: Any, data: bytes | None = None) -> KnowledgeItem:
    return services.add_item(
        region=cast.region, user=user, data={"kind": "document", "title": title},
        upload=services.Upload("plan.pdf", data or samples.pdf(title, [f"inhoud van {title}"])),
    )  # fmt: skip


def test_it_lets_olaf_correct_his_item_and_its_sharing(client: Client, cast: Cast):
    item = _doc(cast, "Continuiteitsplan", cast.olaf)
    assert log_in(client, "olaf", PASSWORD)
    assert f"/knowledge/{item.pk}/edit/" in client.get(f"/knowledge/{item.pk}/").content.decode()
    page = client.get(f"/knowledge/{item.pk}/edit/").content.decode()
    assert "Continuiteitsplan" in page and f"/knowledge/{item.pk}/delete/" in page
    response = client.post(f"/knowledge/{item.pk}/edit/", {
        "title": "Noodstroomplan Oss", "description": "Aggregaten", "tags": "stroom, Oss",
        "programme_line": "preparedness", "risk": "power_outage",
        "municipalities": [cast.oss.pk],
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/knowledge/{item.pk}/"
    item.refresh_from_db()
    assert (item.title, item.tags, item.region_wide) == (
        "Noodstroomplan Oss",
        ["stroom", "oss"],
        False,
    )
    assert (item.programme_line, item.risk, item.kind) == (
        "preparedness",
        "power_outage",
        "document",
    )
    assert list(item.shared_with_municipalities.all()) == [cast.oss]
    assert item.has_file and storage.read_path(item.file_sha256, item.file_type) is not None
    found = search.search(KnowledgeItem.objects.all(), "aggregaat")
    assert found == [item]  # the new words are indexed, and the file's text still is
    assert search.search(KnowledgeItem.objects.all(), "inhoud") == [item]
    entries = AuditEntry.objects.filter(model="knowledge.knowledgeitem", object_pk=str(item.pk))
    assert {"shared_with_municipalities": [cast.oss.pk]} in [e.after for e in entries]
    assert entries.filter(action=AuditAction.UPDATE, actor=cast.olaf).exists()


def test_it_refuses_others_the_edit_and_delete_pages(client: Client, cast: Cast):
    item = _doc(cast, "Plan van Oss", cast.olaf)  # shared with the whole region
    for name in ("vera", "kees"):  # an officer of Vught; a viewer
        assert log_in(client, name, PASSWORD)
        assert client.get(f"/knowledge/{item.pk}/").status_code == 200  # she reads it
        for url in (f"/knowledge/{item.pk}/edit/", f"/knowledge/{item.pk}/delete/"):
            assert client.get(url).status_code == 403, (name, url)
            assert client.post(url, {"title": "Gekaapt"}).status_code == 403, (name, url)
    assert log_in(client, "xander", PASSWORD)  # another region finds nothing
    for url in (f"/knowledge/{item.pk}/edit/", f"/knowledge/{item.pk}/delete/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Gekaapt"}).status_code == 404
    item.refresh_from_db()
    assert item.title == "Plan van Oss"
    assert storage.read_path(item.file_sha256, item.file_type) is not None


def test_it_keeps_the_stored_file_while_another_item_has_the_same_checksum(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
):
    data = samples.pdf("Gedeeld", ["hetzelfde bestand"])
    first = _doc(cast, "Eerste", cast.olaf, data)
    second = _doc(cast, "Tweede", cast.rianne, data)
    assert first.file_sha256 == second.file_sha256
    stored = storage.path_for(first.file_sha256, first.file_type)
    assert log_in(client, "olaf", PASSWORD)
    page = client.get(f"/knowledge/{first.pk}/delete/").content.decode()
    assert 'data-stays="yes"' in page and KnowledgeItem.objects.filter(pk=first.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/knowledge/{first.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/knowledge/"
    assert not KnowledgeItem.objects.filter(pk=first.pk).exists()
    assert stored.exists()  # the second item still downloads it
    assert client.get(f"/knowledge/{second.pk}/download/").status_code == 200
    assert log_in(client, "rianne", PASSWORD)
    page = client.get(f"/knowledge/{second.pk}/delete/").content.decode()
    assert 'data-stays="no"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/knowledge/{second.pk}/delete/").status_code == 302
    assert not stored.exists() and not KnowledgeItem.objects.exists()
    deleted = AuditEntry.objects.filter(model="knowledge.knowledgeitem", action=AuditAction.DELETE)
    assert {(e.object_pk, e.actor_id) for e in deleted} == {
        (str(first.pk), cast.olaf.pk),
        (str(second.pk), cast.rianne.pk),
    }


def test_it_leaves_no_attendance_sharing_or_search_rows_of_a_removed_event(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
):
    grid = services.add_organisation(region=cast.region, name="Netbeheerder")
    water = services.add_organisation(region=cast.region, name="Waterbedrijf")
    event = services.add_item(
        region=cast.region, user=cast.olaf, organisations=[water], municipalities=[cast.oss],
        data={"kind": "knowledge_session", "title": "Kennissessie drinkwater", "region_wide": False},
    )  # fmt: skip
    other = services.add_item(
        region=cast.region, user=cast.olaf, data={"kind": "exercise", "title": "Oefening"}
    )
    services.record_attendance(item=event, attendee_count=25, organisations=[grid, water])
    services.record_attendance(item=other, attendee_count=5, organisations=[grid])
    attending = KnowledgeItem.attending_organisations.through
    shared = KnowledgeItem.shared_with_organisations.through
    assert log_in(client, "olaf", PASSWORD)
    page = client.get(f"/knowledge/{event.pk}/delete/").content.decode()
    assert 'id="attendance"' in page and "25" in page.split('id="attendance"')[1].split("</li>")[0]
    assert 'id="file"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/knowledge/{event.pk}/delete/").status_code == 302
    assert not attending.objects.filter(knowledgeitem_id=event.pk).exists()
    assert not shared.objects.filter(knowledgeitem_id=event.pk).exists()
    assert not KnowledgeItem.shared_with_municipalities.through.objects.filter(
        knowledgeitem_id=event.pk
    ).exists()
    assert not SearchText.objects.filter(item_id=event.pk).exists()
    assert search.search(KnowledgeItem.objects.all(), "drinkwater") == []
    assert set(Organisation.objects.all()) == {grid, water}  # the organisations stay
    assert list(attending.objects.filter(knowledgeitem_id=other.pk).values_list(
        "organisation_id", flat=True
    )) == [grid.pk]  # fmt: skip
    entries = AuditEntry.objects.filter(model="knowledge.knowledgeitem", object_pk=str(event.pk))
    assert {"attending_organisations": []} in [e.after for e in entries]


def test_it_refuses_to_share_an_edited_item_outside_the_region(client: Client, cast: Cast):
    from paraat.areas.models import Region

    elsewhere = Organisation.objects.create(region=Region.objects.get(code="VR99"), name="Elders")
    item = _doc(cast, "Plan", cast.rianne)
    assert log_in(client, "rianne", PASSWORD)
    response = client.post(
        f"/knowledge/{item.pk}/edit/", {"title": "Plan", "organisations": [elsewhere.pk]}
    )
    assert response.status_code == 200  # not a choice of the form
    assert not item.shared_with_organisations.exists()
