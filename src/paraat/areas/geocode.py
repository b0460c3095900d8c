"""A location from an address: the PDOK Locatieserver when online, the region's own postcode
areas when not.

The Locatieserver (``PARAAT_GEOCODER_URL``, the "free" search of PDOK) gives the address's own
point from the BAG. Without a network, or when it does not know the address, the representative
point of the address's 6-digit postcode area (within about a hundred metres of every address in
it) or, failing that, of its 4-digit one is used, and the result says so: the person registering
the point checks it on the map and corrects it when needed.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Region

log = logging.getLogger(__name__)

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")
POINT = re.compile(r"POINT\(\s*([-\d.]+)\s+([-\d.]+)\s*\)")


class Source(models.TextChoices):
    LOCATIESERVER = "locatieserver", _("the address, from the PDOK Locatieserver")
    PC6 = "pc6", _("the centre of the 6-digit postcode area")
    PC4 = "pc4", _("the centre of the 4-digit postcode area")


@dataclass(frozen=True)
class Located:
    lon: float
    lat: float
    source: Source
    label: str  # what was found: the address as the Locatieserver writes it, or the postcode


def locate(region: Region, *, postcode: str, house_number: str = "") -> Located | None:
    """Where the address is, or None when neither the Locatieserver nor the region knows it."""
    match = POSTCODE.match(postcode or "")
    if match is None:
        return None
    pc4, letters = match.group(1), (match.group(2) or "").upper()
    if letters and house_number.strip() and settings.PARAAT_GEOCODER_URL:
        found = _locatieserver(f"{pc4}{letters}", house_number.strip())
        if found is not None:
            return found
    for kind, code, source in ((AreaKind.PC6, f"{pc4}{letters}", Source.PC6), (AreaKind.PC4, pc4, Source.PC4)):  # fmt: skip
        if kind == AreaKind.PC6 and not letters:
            continue
        area = Area.objects.in_region(region).filter(kind=kind, code=code).first()
        if area is not None:
            return Located(area.point_lon, area.point_lat, source, code)
    return None


def _locatieserver(postcode: str, house_number: str) -> Located | None:
    """The address's point from the Locatieserver; None when it is not reachable, answers with
    an error or does not have this address (a different postcode or number does not count)."""
    number = re.match(r"\d+", house_number)
    if number is None:
        return None
    query = urllib.parse.urlencode(
        [("q", f"{postcode} {house_number}"), ("fq", "type:adres"), ("rows", "5")]
    )
    url = f"{settings.PARAAT_GEOCODER_URL}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=settings.PARAAT_GEOCODER_TIMEOUT) as answer:  # noqa: S310 - a configured https URL
            data = json.loads(answer.read(1_000_000))
    except (OSError, urllib.error.URLError, ValueError) as error:
        log.info("Locatieserver not used: %s", error)
        return None
    for doc in (data.get("response") or {}).get("docs") or []:
        if str(doc.get("postcode", "")).replace(" ", "").upper() != postcode:
            continue
        if str(doc.get("huisnummer", "")) != number.group(0):
            continue
        point = POINT.match(str(doc.get("centroide_ll", "")))
        if point is None:
            continue
        return Located(
            float(point.group(1)),
            float(point.group(2)),
            Source.LOCATIESERVER,
            str(doc.get("weergavenaam") or f"{postcode} {house_number}"),
        )
    return None
