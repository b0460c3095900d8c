"""Every change on the resident side goes through here.

- The advice library (load, edit) and the municipalities' public numbers.
- ``public_data_changed`` / ``public_state_changed``: mark the public snapshot stale once the
  current transaction commits. ``signals.py`` calls them when another app saves a point, its
  services, an incident, an activation or a status report, so those apps need not know about the
  public site.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paraat.areas.models import Municipality, Region
from paraat.publicinfo import advice as library
from paraat.publicinfo import export, snapshot
from paraat.publicinfo.constants import AdviceLanguage, AdvicePhase, Risk
from paraat.publicinfo.models import ActionAdvice, MunicipalityContact

log = logging.getLogger(__name__)


# Hooks for other apps --------------------------------------------------------------------------


def _changed(*, places: bool) -> None:
    """After commit: the snapshot is stale, and a followed export (the public mirror) must be
    written whole; one point's state goes through operations' StateChanged instead."""

    def after() -> None:
        snapshot.invalidate(places=places)
        export.note_full_export()

    transaction.on_commit(after)


def public_data_changed() -> None:
    """A point (location, lifecycle, services) changed: rebuild places and states after commit."""
    _changed(places=True)


def public_state_changed() -> None:
    """The situation changed other than by a status report (an alert): rebuild it after commit."""
    _changed(places=False)


# Advice library --------------------------------------------------------------------------------


@transaction.atomic
def load_advice(*, region: Region, replace: bool = False) -> dict[str, int]:
    """Copy the shipped advice texts into the region; texts the region edited stay unless ``replace``."""
    created = updated = kept = 0
    for text in library.shipped_advice():
        row = ActionAdvice.objects.filter(
            region=region, risk=text.risk, phase=text.phase, language=text.language
        ).first()
        sources = " ".join(text.sources)
        if row is None:
            ActionAdvice.objects.create(
                region=region,
                risk=text.risk,
                phase=text.phase,
                language=text.language,
                title=text.title,
                body=text.body,
                sources=sources,
            )
            created += 1
        elif replace and (row.title, row.body, row.sources) != (text.title, text.body, sources):
            row.title, row.body, row.sources = text.title, text.body, sources
            row.version += 1
            row.updated_by = None
            row.save()
            updated += 1
        else:
            kept += 1
    _changed(places=True)
    return {"created": created, "updated": updated, "kept": kept}


@transaction.atomic
def save_advice(*, advice: ActionAdvice, title: str, body: str, user: Any = None) -> ActionAdvice:
    """A coordinator's edit of one text: a new version that residents see at once.

    Compared with the stored row (locked), not with ``advice``: a bound ModelForm has already
    copied the new text onto the instance it was given. An unchanged text keeps its version.
    """
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Write a title.")]
    if not body.strip():
        errors["body"] = [_("Write the advice.")]
    if errors:
        raise ValidationError(errors)
    stored = ActionAdvice.objects.select_for_update().get(pk=advice.pk)
    if (stored.title, stored.body) == (title.strip(), body.strip()):
        return stored
    stored.title, stored.body = title.strip(), body.strip()
    stored.version += 1
    stored.updated_by = user if getattr(user, "is_authenticated", False) else None
    stored.save()
    _changed(places=True)
    return stored


def ensure_advice(*, region: Region) -> None:
    """Make sure the region has every text (missing ones from the shipped library)."""
    wanted = len(Risk.values) * len(AdvicePhase.values) * len(AdviceLanguage.values)
    if ActionAdvice.objects.in_region(region).count() < wanted:
        load_advice(region=region)


@transaction.atomic
def save_contact(
    *, municipality: Municipality, phone: str, website: str = ""
) -> MunicipalityContact:
    """The municipality's public number and website, printed on posters and shown on pages."""
    phone = " ".join(phone.split())
    if phone and not all(ch.isdigit() or ch in " -+()" for ch in phone):
        raise ValidationError({"phone": [_("Use only digits, spaces, hyphens and +.")]})
    contact, _created = MunicipalityContact.objects.update_or_create(
        municipality=municipality, defaults={"phone": phone, "website": website.strip()}
    )
    _changed(places=True)
    return contact


@transaction.atomic
def save_contacts(*, rows: list[tuple[Municipality, str, str]]) -> None:
    """The editor's form: every municipality's number and website, all or nothing.

    A bad number raises a ValidationError on the field ``phone_<municipality code>``.
    """
    for municipality, phone, website in rows:
        try:
            save_contact(municipality=municipality, phone=phone, website=website)
        except ValidationError as exc:
            raise ValidationError({f"phone_{municipality.code}": exc.messages}) from exc
