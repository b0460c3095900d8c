"""Adding items: files checked by content and size, stored by checksum, every change audited."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from paraat.core.models import AuditEntry
from paraat.knowledge import samples, services, storage
from paraat.knowledge.models import KnowledgeItem, Organisation
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_stores_the_file_under_the_data_dir_with_its_checksum(cast: Cast, knowledge_dir):
    data = samples.docx("Plan", ["inhoud"])
    item = services.add_item(
        region=cast.region, user=cast.olaf, data={"kind": "document", "title": "Plan"},
        upload=services.Upload("../../etc/Plan.pdf", data),
    )  # fmt: skip
    assert item.file_sha256 == hashlib.sha256(data).hexdigest()
    assert item.file_type == "docx" and item.file_name == "Plan.docx"
    assert item.file_size == len(data)
    path = storage.read_path(item.file_sha256, "docx")
    assert path is not None and path.read_bytes() == data
    assert path.is_relative_to(knowledge_dir)


def test_it_refuses_a_file_that_is_no_document_whatever_its_name(cast: Cast):
    with pytest.raises(ValidationError) as error:
        services.add_item(
            region=cast.region, user=cast.olaf, data={"kind": "document", "title": "Virus"},
            upload=services.Upload("rapport.pdf", b"MZ\x90\x00" + b"\0" * 100),
        )  # fmt: skip
    assert error.value.code == "type"
    assert "geen PDF-, Word- (DOCX) of PowerPoint-document (PPTX)" in error.value.messages[0]
    assert not KnowledgeItem.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(cast: Cast, settings):
    settings.PARAAT_UPLOAD_MAX_MB = {**settings.PARAAT_UPLOAD_MAX_MB, "knowledge": 1}
    data = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
    with pytest.raises(ValidationError) as error:
        services.add_item(
            region=cast.region, user=cast.olaf, data={"kind": "document", "title": "Groot"},
            upload=services.Upload("groot.pdf", data),
        )  # fmt: skip
    assert error.value.code == "too_large"


def test_it_needs_a_file_for_a_document_and_an_address_for_a_link(cast: Cast):
    with pytest.raises(ValidationError):
        services.add_item(
            region=cast.region, user=cast.olaf, data={"kind": "document", "title": "x"}
        )
    with pytest.raises(ValidationError):
        services.add_item(region=cast.region, user=cast.olaf, data={"kind": "link", "title": "x"})


def test_it_audits_the_item_its_sharing_and_the_attendance(cast: Cast):
    grid = services.add_organisation(region=cast.region, name="Netbeheerder")
    item = services.add_item(
        region=cast.region, user=cast.rianne,
        data={"kind": "exercise", "title": "Oefening stroomuitval", "region_wide": False},
        organisations=[grid], municipalities=[cast.oss],
    )  # fmt: skip
    services.record_attendance(item=item, attendee_count=12, organisations=[grid])
    item.refresh_from_db()
    assert item.attendee_count == 12
    assert list(item.attending_organisations.all()) == [grid]
    entries = AuditEntry.objects.filter(model="knowledge.knowledgeitem", object_pk=str(item.pk))
    afters = [e.after for e in entries]
    assert {"shared_with_organisations": [grid.pk]} in afters
    assert {"shared_with_municipalities": [cast.oss.pk]} in afters
    assert {"attending_organisations": [grid.pk]} in afters
    assert any(e.after and e.after.get("attendee_count") == 12 for e in entries)


def test_it_refuses_attendance_for_a_document_and_foreign_organisations(cast: Cast):
    item = services.add_item(
        region=cast.region,
        user=cast.rianne,
        data={"kind": "link", "title": "x", "url": "https://a.nl"},
    )
    with pytest.raises(ValidationError):
        services.record_attendance(item=item, attendee_count=3, organisations=[])
    from paraat.areas.models import Region

    elsewhere = Organisation.objects.create(region=Region.objects.get(code="VR99"), name="Elders")
    event = services.add_item(
        region=cast.region, user=cast.rianne, data={"kind": "exercise", "title": "o"}
    )
    with pytest.raises(ValidationError):
        services.record_attendance(item=event, attendee_count=3, organisations=[elsewhere])
