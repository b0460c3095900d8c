"""Adding, changing and removing knowledge items, their files and the attendance of events. Every change goes through here.

Rows are audited by the model signals (``paraat.core.audit``); the many-to-many fields (sharing,
attending organisations) do not fire those, so the services record their changes themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality, Region
from paraat.core import audit
from paraat.core.audit import acting_as
from paraat.core.constants import AuditAction
from paraat.core.uploads import max_bytes, max_mb
from paraat.knowledge import extract, search, storage
from paraat.knowledge.constants import FILE_KINDS, ItemKind, OrganisationKind
from paraat.knowledge.models import KnowledgeItem, Organisation

ITEM_FIELDS = (
    "kind", "title", "description", "programme_line", "risk", "url", "starts_at", "location",
    "region_wide",
)  # fmt: skip


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    file_type: str
    text: str


def refusal_message(error: extract.ExtractError) -> str:
    """The officer's message for a file the extractor refused."""
    if error.code == "encrypted":
        return _(
            "The PDF is protected with a password. Upload a version without a password, so its "
            "text can be searched."
        )
    if error.code == "zip_bomb":
        return _(
            "The file unpacks to far more data than a document holds; it was refused as unsafe."
        )
    if error.code == "too_many_pages":
        return _("The PDF has %(pages)s pages; at most %(limit)s are accepted.") % error.params
    if error.code == "unreadable":
        return _("The file could not be read: it is damaged or not a valid document.")
    return _(
        "This file is not a PDF, Word (DOCX) or PowerPoint (PPTX) document. The type is judged "
        "by the content, not by the name."
    )


def check_file(upload: Upload) -> CheckedFile:
    """Size, type by content and readable text; a ValidationError with a clear message otherwise."""
    if len(upload.data) > max_bytes("knowledge"):
        raise ValidationError(
            _("The file is %(size).1f MB; at most %(limit)s MB is accepted here.")
            % {"size": len(upload.data) / (1024 * 1024), "limit": max_mb("knowledge")},
            code="too_large",
        )
    file_type = extract.sniff(upload.data)
    if file_type is None:
        raise ValidationError(refusal_message(extract.ExtractError("not_recognised")), code="type")
    try:
        text = extract.extract_text(upload.data, file_type)
    except extract.ExtractError as error:
        raise ValidationError(refusal_message(error), code=error.code) from error
    return CheckedFile(
        name=_safe_name(upload.name, file_type), data=upload.data, file_type=file_type, text=text
    )


def _safe_name(name: str, file_type: str) -> str:
    """The name shown and offered on download: no folders, no odd characters, the real extension."""
    stem = re.sub(r"[^\w.\- ]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" ._")
    stem = re.sub(r"\.(pdf|docx|pptx)$", "", stem, flags=re.I)[:150] or "document"
    return f"{stem}.{file_type}"


def _tags(raw: Any) -> list[str]:
    values = raw.split(",") if isinstance(raw, str) else list(raw or [])
    seen: list[str] = []
    for value in values:
        tag = str(value).strip().lower()[:50]
        if tag and tag not in seen:
            seen.append(tag)
    return seen[:20]


def _ids(objects: Any) -> list[int]:
    return sorted(o.pk for o in objects)


def _record_links(item: Any, field: str, before: list[int], after: list[int]) -> None:
    if before != after:
        audit.record(
            action=AuditAction.UPDATE, instance=item, before={field: before}, after={field: after}
        )


@transaction.atomic
def add_item(
    *,
    region: Region,
    data: dict[str, Any],
    user: Any,
    upload: Upload | None = None,
    organisations: list[Organisation] | tuple[Organisation, ...] = (),
    municipalities: list[Municipality] | tuple[Municipality, ...] = (),
) -> KnowledgeItem:
    """Add a document, presentation, link or event, store its file and index its text.

    The file is checked (size, type by content, readable) before anything is saved, so a refused
    file leaves nothing behind.
    """
    kind = data.get("kind")
    if kind not in ItemKind.values:
        raise ValidationError(_("Choose what kind of item this is."), code="kind")
    checked = check_file(upload) if upload is not None else None
    if kind in FILE_KINDS and checked is None:
        raise ValidationError(_("A document or presentation needs a file."), code="file")
    if kind == ItemKind.LINK and not data.get("url"):
        raise ValidationError(_("A link needs a web address."), code="url")
    _check_sharing(region.pk, organisations, municipalities)
    item = KnowledgeItem(region=region, created_by=user if getattr(user, "pk", None) else None)
    for name in ITEM_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.tags = _tags(data.get("tags"))
    if checked is not None:
        item.file_sha256 = storage.write(checked.data, checked.file_type)
        item.file_name = checked.name
        item.file_type = checked.file_type
        item.file_size = len(checked.data)
    item.full_clean(exclude=["region", "created_by"])
    item.save()
    if organisations or municipalities:
        item.shared_with_organisations.set(organisations)
        item.shared_with_municipalities.set(municipalities)
        _record_links(item, "shared_with_organisations", [], _ids(organisations))
        _record_links(item, "shared_with_municipalities", [], _ids(municipalities))
    search.index(item, checked.text if checked is not None else "")
    return item


EDITABLE_FIELDS = ("title", "description", "programme_line", "risk", "region_wide")


def _check_sharing(region_id: int, organisations: Any, municipalities: Any) -> None:
    if any(o.region_id != region_id for o in organisations) or any(
        m.region_id != region_id for m in municipalities
    ):
        raise ValidationError(_("Share only with organisations and municipalities of the region."))


def update_item(
    *,
    item: KnowledgeItem,
    data: dict[str, Any],
    user: Any,
    organisations: list[Organisation] | tuple[Organisation, ...] = (),
    municipalities: list[Municipality] | tuple[Municipality, ...] = (),
) -> KnowledgeItem:
    """Correct an item's title, description, tags, line, risk and with whom it is shared. Its
    kind and file stay; the search index is rewritten from the new words and the file's text."""
    _check_sharing(item.region_id, organisations, municipalities)
    with acting_as(user, "knowledge"), transaction.atomic():
        item = KnowledgeItem.objects.select_for_update().get(pk=item.pk)
        for name in EDITABLE_FIELDS:
            if name in data:
                setattr(item, name, data[name])
        if "tags" in data:
            item.tags = _tags(data["tags"])
        item.full_clean(exclude=["region", "created_by"])
        item.save()
        for field, chosen in (
            ("shared_with_organisations", organisations),
            ("shared_with_municipalities", municipalities),
        ):
            related = getattr(item, field)
            before = _ids(related.all())
            related.set(chosen)
            _record_links(item, field, before, _ids(chosen))
        search.index(item, search.file_text(item))
        return item


def delete_item(*, item: KnowledgeItem, user: Any) -> None:
    """Remove an item entered by mistake, with its search entry, its sharing and (for an event)
    its attendance. The stored file goes too, after commit, unless another item uses the same
    checksum: it is checked again then, so an identical upload in the meantime keeps it."""
    with acting_as(user, "knowledge"), transaction.atomic():
        item = KnowledgeItem.objects.select_for_update().get(pk=item.pk)
        for field in ("attending_organisations", "shared_with_organisations",
                      "shared_with_municipalities"):  # fmt: skip
            _record_links(item, field, _ids(getattr(item, field).all()), [])
        pk, checksum, file_type = item.pk, item.file_sha256, item.file_type
        item.delete()  # the search text and the many-to-many rows go with it
        search.unindex(pk)
        if checksum:
            transaction.on_commit(lambda: _remove_unused_file(checksum, file_type))


def _remove_unused_file(checksum: str, file_type: str) -> None:
    if not KnowledgeItem.objects.with_file(checksum).exists():
        storage.remove(checksum, file_type)


@transaction.atomic
def record_attendance(
    *, item: KnowledgeItem, attendee_count: int | None, organisations: list[Organisation]
) -> KnowledgeItem:
    """Write down who came to a knowledge session, council meeting or exercise."""
    if not item.is_event:
        raise ValidationError(_("Only events have attendance."), code="not_event")
    if attendee_count is not None and attendee_count < 0:
        raise ValidationError(_("The number of attendees cannot be negative."), code="count")
    if any(o.region_id != item.region_id for o in organisations):
        raise ValidationError(_("Choose organisations of the region."))
    item = KnowledgeItem.objects.select_for_update().get(pk=item.pk)
    before = _ids(item.attending_organisations.all())
    item.attendee_count = attendee_count
    item.save(update_fields=["attendee_count", "updated_at"])
    item.attending_organisations.set(organisations)
    _record_links(item, "attending_organisations", before, _ids(organisations))
    return item


@transaction.atomic
def add_organisation(
    *,
    region: Region,
    name: str,
    kind: str = OrganisationKind.OTHER,
    municipality: Municipality | None = None,
    members: list[Any] | tuple[Any, ...] = (),
) -> Organisation:
    """Register a partner organisation; ``members`` are the accounts that belong to it."""
    organisation = Organisation(
        region=region, name=name.strip(), kind=kind, municipality=municipality
    )
    organisation.full_clean(exclude=["region"])
    organisation.save()
    if members:
        organisation.members.set(members)
        _record_links(organisation, "members", [], _ids(members))
    return organisation
