"""An Atom feed (RFC 4287) of alerts, each entry linking its CAP document (no Django).

Like MeteoAlarm's feeds, every entry carries a few ``cap:`` summary fields and an ``alternate``
link of type ``application/cap+xml`` to the full CAP 1.2 message.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from paraat.alerts.cap.model import NAMESPACE as CAP_NS
from paraat.alerts.cap.xmlio import cap_time

ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_TYPE = "application/cap+xml"
FEED_TYPE = "application/atom+xml"
ID_SPACE = uuid.UUID("6f1d2c3e-8a52-4c1e-9a47-2b1f0c7a5d10")


@dataclass(frozen=True)
class Entry:
    identifier: str
    title: str
    summary: str
    sent: dt.datetime
    expires: dt.datetime | None
    event: str
    status: str
    msg_type: str
    severity: str
    urgency: str
    area: str
    href: str


def entry_id(identifier: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_SPACE, identifier)}"


def feed(
    *,
    feed_id: str,
    title: str,
    author: str,
    entries: Sequence[Entry],
    now: dt.datetime,
    self_href: str,
) -> bytes:
    """The feed; ``self_href`` is its own address (RFC 4287 section 4.2.7.2, ``rel="self"``),
    which lets a reader that was handed the document find where to poll it again."""
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("cap", CAP_NS)
    a, c = f"{{{ATOM_NS}}}", f"{{{CAP_NS}}}"
    root = ET.Element(a + "feed")
    ET.SubElement(root, a + "id").text = feed_id
    ET.SubElement(root, a + "title").text = title
    ET.SubElement(root, a + "link", rel="self", type=FEED_TYPE, href=self_href)
    updated = max((e.sent for e in entries), default=now)
    ET.SubElement(root, a + "updated").text = cap_time(updated)
    ET.SubElement(ET.SubElement(root, a + "author"), a + "name").text = author
    for item in entries:
        node = ET.SubElement(root, a + "entry")
        ET.SubElement(node, a + "id").text = entry_id(item.identifier)
        ET.SubElement(node, a + "title").text = item.title
        ET.SubElement(node, a + "updated").text = cap_time(item.sent)
        ET.SubElement(node, a + "published").text = cap_time(item.sent)
        ET.SubElement(node, a + "summary").text = item.summary
        ET.SubElement(node, a + "link", rel="alternate", type=CAP_TYPE, href=item.href)
        for name, value in (
            ("identifier", item.identifier),
            ("event", item.event),
            ("status", item.status),
            ("msgType", item.msg_type),
            ("urgency", item.urgency),
            ("severity", item.severity),
            ("expires", cap_time(item.expires) if item.expires else ""),
            ("areaDesc", item.area),
        ):
            if value:
                ET.SubElement(node, c + name).text = value
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
