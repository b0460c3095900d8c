"""Signed links that work on any phone without logging in.

A volunteer's own link (see, correct, export, erase) carries her id and a per-volunteer secret,
so it dies when she is erased or the secret is renewed. An ask's link carries the ask id; it is
single-use because an answered ask cannot be answered again (see `callouts.answer`).
"""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import constant_time_compare

from paraat.community.models import Ask, Volunteer

VOLUNTEER_SALT = "paraat.community.volunteer"
CONFIRM_SALT = "paraat.community.confirm"
ASK_SALT = "paraat.community.ask"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def volunteer_token(volunteer: Volunteer, *, salt: str = VOLUNTEER_SALT) -> str:
    return signing.Signer(salt=salt).sign(f"{volunteer.pk}.{volunteer.link_secret}")


def confirm_token(volunteer: Volunteer) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(
        f"{volunteer.pk}.{volunteer.link_secret}"
    )


def _volunteer(value: str) -> Volunteer | None:
    pk, _, secret = value.partition(".")
    if not pk.isdigit():
        return None
    found = Volunteer.objects.filter(pk=int(pk)).first()
    if found is None or not constant_time_compare(found.link_secret, secret):
        return None
    return found


def volunteer_from_token(token: str) -> Volunteer | None:
    try:
        value = signing.Signer(salt=VOLUNTEER_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _volunteer(value)


def volunteer_from_confirm_token(token: str) -> Volunteer | None:
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return _volunteer(value)


def ask_token(ask: Ask) -> str:
    return signing.Signer(salt=ASK_SALT).sign(str(ask.pk))


def ask_from_token(token: str) -> Ask | None:
    try:
        value = signing.Signer(salt=ASK_SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not value.isdigit():
        return None
    return Ask.objects.select_related("callout__point", "volunteer").filter(pk=int(value)).first()
