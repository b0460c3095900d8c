"""A stored alert as a CAP 1.2 message (``paraat.alerts.cap``): the one place that maps fields."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from paraat.alerts import cap, geometry
from paraat.alerts.cap.xmlio import cap_time
from paraat.alerts.constants import LANGUAGES
from paraat.alerts.models import Alert
from paraat.areas.constants import AreaKind

ZONE = "Europe/Amsterdam"
DRAWN = {"nl": "Getekend gebied", "en": "Drawn area"}
SENDER_NAME = {"nl": "Veiligheidsregio {name}", "en": "Safety region {name}"}


def sender_for(region: Any) -> str:
    """The CAP sender: the region's own (domain-based, ``Region.cap_sender``), else
    ``PARAAT_CAP_SENDER`` (with ``{region}``), else ``paraat.<region code>``."""
    if getattr(region, "cap_sender", ""):
        return str(region.cap_sender)
    pattern = settings.PARAAT_CAP_SENDER or "paraat.{region}"
    return str(pattern).format(region=region.code.lower())


def web_for(alert: Alert) -> str:
    """The alert's own page, else the region's page for alerts."""
    return alert.web or alert.region.cap_web


def contact_for(alert: Alert, language: str) -> str:
    """How residents reach the sender: the region's contact, else its name."""
    return alert.region.cap_contact or SENDER_NAME[language].format(name=alert.region.name)


def new_identifier(region: Any, now: dt.datetime | None = None) -> str:
    """Unique, without spaces, commas, < or &: ``NL-VR21-20261124T101500-1a2b3c4d``."""
    now = timezone.localtime(now or timezone.now())
    return f"NL-{region.code}-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def local(value: dt.datetime | None) -> dt.datetime | None:
    """Dutch local time with its offset (+01:00 or +02:00), as CAP wants it."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(ZONE)).replace(microsecond=0)


def reference_of(alert: Alert) -> cap.Reference:
    sent = local(alert.sent)
    if sent is None:
        raise ValueError(f"{alert.identifier} was never sent, so it cannot be referenced")
    return cap.Reference(alert.sender, alert.identifier, cap_time(sent))


def references_for(original: Alert) -> str:
    """The chain an Update or Cancel points to: the original's own references, then the original."""
    chain = original.references.split() + [str(reference_of(original))]
    return " ".join(dict.fromkeys(chain))


def _geocode(kind: str) -> str:
    return "postcode" if kind in (AreaKind.PC4, AreaKind.PC6) else "CBS"


def _parts(alert: Alert) -> list[tuple[str, dict[str, Any], tuple[cap.model.Pair, ...]]]:
    """(name, GeoJSON, geocodes) of every chosen municipality and area, in a fixed order."""
    found: list[tuple[str, dict[str, Any], tuple[cap.model.Pair, ...]]] = []
    for municipality in alert.municipalities.order_by("name", "code"):
        found.append((municipality.name, municipality.geometry, (("CBS", municipality.code),)))
    for area in alert.areas.select_related("municipality").order_by("kind", "code"):
        name = f"{area.name} ({area.municipality.name})" if area.name else area.code
        found.append((name, area.geometry, ((_geocode(area.kind), area.code),)))
    return found


def cap_areas(alert: Alert, language: str) -> tuple[cap.Area, ...]:
    found = [
        cap.Area(
            area_desc=name,
            polygons=geometry.cap_polygons(geometry.from_geojson(shape)),
            geocodes=geocodes,
        )
        for name, shape, geocodes in _parts(alert)
    ]
    if alert.polygon:
        found.append(
            cap.Area(
                area_desc=alert.area_desc or DRAWN[language],
                polygons=geometry.cap_polygons(geometry.from_geojson(alert.polygon)),
            )
        )
    return tuple(found)


def area_names(alert: Alert, language: str = "nl") -> tuple[str, ...]:
    names = [name for name, _shape, _codes in _parts(alert)]
    if alert.polygon:
        names.append(alert.area_desc or DRAWN[language])
    if not names and alert.area_desc:
        names.append(alert.area_desc)
    return tuple(names)


def to_cap(alert: Alert, *, sent: dt.datetime | None = None) -> cap.Alert:
    """The CAP message for an own alert; ``sent`` defaults to its stored sending time (or now)."""
    when = local(sent or alert.sent or timezone.now())
    assert when is not None
    infos = []
    for language, tag in LANGUAGES:
        infos.append(
            cap.Info(
                language=tag,
                categories=(alert.category,),
                event=alert.event,
                response_types=(alert.response_type,) if alert.response_type else (),
                urgency=alert.urgency,
                severity=alert.severity,
                certainty=alert.certainty,
                effective=local(alert.effective),
                expires=local(alert.expires),
                sender_name=SENDER_NAME[language].format(name=alert.region.name),
                headline=alert.text(language, "headline"),
                description=alert.text(language, "description"),
                instruction=alert.text(language, "instruction"),
                web=web_for(alert),
                contact=contact_for(alert, language),
                areas=cap_areas(alert, language),
            )
        )
    references = tuple(cap.Reference.parse(part) for part in alert.references.split())
    return cap.Alert(
        identifier=alert.identifier,
        sender=alert.sender,
        sent=when,
        status=alert.status,
        msg_type=alert.msg_type,
        scope="Public",
        references=references,
        infos=tuple(infos),
    )


def build(alert: Alert, *, sent: dt.datetime | None = None) -> bytes:
    return cap.to_xml(to_cap(alert, sent=sent))
