"""What the resident side (``paraat.publicinfo``) and the public endpoints read.

- ``current_alerts(region)``: alerts in force, one plain frozen record per language (nl, en),
  newest first.
- ``cap_documents(region)``: file name → the CAP 1.2 XML exactly as published, for every alert
  in force and for cancellations of the last 24 hours (so receivers learn an alert ended).
- ``atom_feed(region, *, base_url)``: an Atom feed of those documents; each entry links
  ``base_url + file name`` (``base_url`` is the folder of the CAP documents, ending in ``/``).

Only published alerts made here appear; drafts, alerts awaiting approval and imported (external)
alerts never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.utils import timezone

from paraat.alerts import atom, document
from paraat.alerts.constants import LANGUAGES
from paraat.alerts.models import Alert

FEED_TITLE = "Waarschuwingen van Veiligheidsregio {name} / Alerts of safety region {name}"


@dataclass(frozen=True)
class PublicAlert:
    identifier: str
    headline: str
    description: str
    instruction: str
    severity: str
    urgency: str
    event: str
    area_names: tuple[str, ...]
    sent: dt.datetime | None
    expires: dt.datetime | None
    status: str  # CAP status: Actual, Exercise or Test
    language: str  # "nl" or "en"
    msg_type: str  # Alert or Update
    cap_filename: str
    web: str = ""


def _current(region: Any, now: dt.datetime | None = None) -> list[Alert]:
    return list(
        Alert.objects.in_region(region)
        .current(now)
        .prefetch_related("municipalities", "areas")
        .order_by("-sent", "-pk")
    )


def current_alerts(region: Any, *, now: dt.datetime | None = None) -> list[PublicAlert]:
    found = []
    for alert in _current(region, now):
        for language, _tag in LANGUAGES:
            found.append(
                PublicAlert(
                    identifier=alert.identifier,
                    headline=alert.text(language, "headline"),
                    description=alert.text(language, "description"),
                    instruction=alert.text(language, "instruction"),
                    severity=alert.severity,
                    urgency=alert.urgency,
                    event=alert.event,
                    area_names=document.area_names(alert, language),
                    sent=alert.sent,
                    expires=alert.expires,
                    status=alert.status,
                    language=language,
                    msg_type=alert.msg_type,
                    cap_filename=alert.cap_filename,
                    web=alert.web,
                )
            )
    return found


def _in_feed(region: Any, now: dt.datetime | None = None) -> list[Alert]:
    return list(
        Alert.objects.in_region(region)
        .in_feed(now)
        .prefetch_related("municipalities", "areas")
        .order_by("-sent", "-pk")
    )


def cap_documents(region: Any, *, now: dt.datetime | None = None) -> dict[str, bytes]:
    return {alert.cap_filename: bytes(alert.cap_xml) for alert in _in_feed(region, now)}


def cap_document(region: Any, filename: str) -> bytes | None:
    """One document by file name (the public endpoint), exactly as published.

    Every alert ever published keeps answering at its address, also once it is replaced,
    cancelled or expired: an Update or Cancel names it in ``<references>``, and a receiver must
    be able to fetch what it refers to. None for drafts, imported alerts and unknown names."""
    identifier = filename.removesuffix(".xml")
    alert = Alert.objects.in_region(region).sent_out().filter(identifier=identifier).first()
    if alert is None or alert.cap_filename != filename or not alert.cap_xml:
        return None
    return bytes(alert.cap_xml)


def atom_feed(
    region: Any, *, base_url: str, now: dt.datetime | None = None, self_url: str | None = None
) -> bytes:
    """``self_url`` is the feed's own address; by default ``alerts.atom`` next to ``base_url``."""
    now = now or timezone.now()
    entries = []
    for alert in _in_feed(region, now):
        assert alert.sent is not None
        entries.append(
            atom.Entry(
                identifier=alert.identifier,
                title=f"{alert.headline_nl} / {alert.headline_en}",
                summary=alert.description_nl,
                sent=document.local(alert.sent) or alert.sent,
                expires=document.local(alert.expires),
                event=alert.event,
                status=alert.status,
                msg_type=alert.msg_type,
                severity=alert.severity,
                urgency=alert.urgency,
                area=", ".join(document.area_names(alert)),
                href=f"{base_url}{alert.cap_filename}",
            )
        )
    return atom.feed(
        feed_id=f"urn:paraat:alerts:{region.code}",
        title=FEED_TITLE.format(name=region.name),
        author=document.SENDER_NAME["nl"].format(name=region.name),
        entries=entries,
        now=document.local(now) or now,
        self_href=self_url if self_url is not None else urljoin(base_url, "../alerts.atom"),
    )
