"""CAP 1.2 XML out (``to_xml``) and in (``from_xml``), with the standard library's ElementTree.

Reading goes through defusedxml and refuses documents with a DOCTYPE (no entity tricks, in any
encoding: UTF-16 too), documents larger than ``MAX_BYTES`` or nested deeper than ``MAX_DEPTH``,
documents in another CAP version's namespace (1.0, 1.1) and anything that is not a CAP
``<alert>``, each with a clear reason. Elements from other namespaces (an XML signature) are
skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from paraat.alerts.cap.model import (
    NAMESPACE,
    NAMESPACE_10,
    NAMESPACE_11,
    Alert,
    Area,
    CapError,
    Info,
    Pair,
    Reference,
    Resource,
)

NS = f"{{{NAMESPACE}}}"
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# The default size limit of a CAP document from outside; the web import, ``import-cap`` and
# ``cap-validate`` all pass the same setting (PARAAT_UPLOAD_MAX_MB_CAP). Real alerts with an
# embedded audio message are some hundreds of kilobytes.
MAX_BYTES = 2 * 1024 * 1024
# CAP itself is five levels deep (alert/info/area/geocode/value); an XML signature adds a few.
MAX_DEPTH = 32


# Writing ---------------------------------------------------------------------------------------


def cap_time(value: dt.datetime) -> str:
    """``2026-11-24T10:05:00+01:00``: seconds, and always an explicit offset (never ``Z``)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise CapError("times in CAP need a time zone", field="sent")
    return value.replace(microsecond=0).isoformat()


def _add(parent: ET.Element, name: str, text: str | None) -> None:
    if text is None or text == "":
        return
    ET.SubElement(parent, NS + name).text = text


def _add_pairs(parent: ET.Element, name: str, pairs: Iterable[Pair]) -> None:
    for value_name, value in pairs:
        node = ET.SubElement(parent, NS + name)
        ET.SubElement(node, NS + "valueName").text = value_name
        ET.SubElement(node, NS + "value").text = value


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _info_element(parent: ET.Element, info: Info) -> None:
    node = ET.SubElement(parent, NS + "info")
    _add(node, "language", info.language)
    for category in info.categories:
        _add(node, "category", category)
    _add(node, "event", info.event)
    for response in info.response_types:
        _add(node, "responseType", response)
    _add(node, "urgency", info.urgency)
    _add(node, "severity", info.severity)
    _add(node, "certainty", info.certainty)
    _add(node, "audience", info.audience)
    _add_pairs(node, "eventCode", info.event_codes)
    for name in ("effective", "onset", "expires"):
        value = getattr(info, name)
        _add(node, name, cap_time(value) if value is not None else None)
    _add(node, "senderName", info.sender_name)
    _add(node, "headline", info.headline)
    _add(node, "description", info.description)
    _add(node, "instruction", info.instruction)
    _add(node, "web", info.web)
    _add(node, "contact", info.contact)
    _add_pairs(node, "parameter", info.parameters)
    for resource in info.resources:
        res = ET.SubElement(node, NS + "resource")
        _add(res, "resourceDesc", resource.resource_desc)
        _add(res, "mimeType", resource.mime_type)
        _add(res, "size", None if resource.size is None else str(resource.size))
        _add(res, "uri", resource.uri)
        _add(res, "derefUri", resource.deref_uri)
        _add(res, "digest", resource.digest)
    for area in info.areas:
        area_node = ET.SubElement(node, NS + "area")
        _add(area_node, "areaDesc", area.area_desc)
        for polygon in area.polygons:
            _add(area_node, "polygon", polygon)
        for circle in area.circles:
            _add(area_node, "circle", circle)
        _add_pairs(area_node, "geocode", area.geocodes)
        _add(area_node, "altitude", _number(area.altitude))
        _add(area_node, "ceiling", _number(area.ceiling))


def to_xml(alert: Alert) -> bytes:
    """The alert as a UTF-8 CAP 1.2 document, elements in the schema's order."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(NS + "alert")
    _add(root, "identifier", alert.identifier)
    _add(root, "sender", alert.sender)
    _add(root, "sent", cap_time(alert.sent))
    _add(root, "status", alert.status)
    _add(root, "msgType", alert.msg_type)
    _add(root, "source", alert.source)
    _add(root, "scope", alert.scope)
    _add(root, "restriction", alert.restriction)
    _add(root, "addresses", alert.addresses)
    for code in alert.codes:
        _add(root, "code", code)
    _add(root, "note", alert.note)
    if alert.references:
        _add(root, "references", " ".join(str(ref) for ref in alert.references))
    _add(root, "incidents", alert.incidents)
    for info in alert.infos:
        _info_element(root, info)
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


# Reading ---------------------------------------------------------------------------------------


def _text(node: ET.Element, name: str) -> str:
    found = node.find(NS + name)
    return (found.text or "").strip() if found is not None else ""


def _texts(node: ET.Element, name: str) -> tuple[str, ...]:
    return tuple((found.text or "").strip() for found in node.findall(NS + name))


def _pairs(node: ET.Element, name: str) -> tuple[Pair, ...]:
    return tuple(
        (_text(found, "valueName"), _text(found, "value")) for found in node.findall(NS + name)
    )


def parse_time(text: str, field: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CapError(f"{field}: {text!r} is not a CAP date and time", field=field) from error
    if value.tzinfo is None:
        raise CapError(f"{field}: {text!r} has no time zone offset", field=field)
    return value


def _optional_time(node: ET.Element, name: str, raw: list[Pair]) -> dt.datetime | None:
    text = _text(node, name)
    if not text:
        return None
    raw.append((name, text))
    return parse_time(text, name)


def _float(text: str, field: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError as error:
        raise CapError(f"{field}: {text!r} is not a number", field=field) from error


def _resource(node: ET.Element) -> Resource:
    size = _text(node, "size")
    if size and not size.isdigit():
        raise CapError(f"size: {size!r} is not a whole number", field="size")
    return Resource(
        resource_desc=_text(node, "resourceDesc"),
        mime_type=_text(node, "mimeType"),
        size=int(size) if size else None,
        uri=_text(node, "uri"),
        deref_uri=_text(node, "derefUri"),
        digest=_text(node, "digest"),
    )


def _area(node: ET.Element) -> Area:
    return Area(
        area_desc=" ".join(_text(node, "areaDesc").split()),
        polygons=_texts(node, "polygon"),
        circles=_texts(node, "circle"),
        geocodes=_pairs(node, "geocode"),
        altitude=_float(_text(node, "altitude"), "altitude"),
        ceiling=_float(_text(node, "ceiling"), "ceiling"),
    )


def _info(node: ET.Element, raw: list[Pair]) -> Info:
    return Info(
        language=_text(node, "language") or "en-US",
        categories=_texts(node, "category"),
        event=_text(node, "event"),
        response_types=_texts(node, "responseType"),
        urgency=_text(node, "urgency"),
        severity=_text(node, "severity"),
        certainty=_text(node, "certainty"),
        audience=_text(node, "audience"),
        event_codes=_pairs(node, "eventCode"),
        effective=_optional_time(node, "effective", raw),
        onset=_optional_time(node, "onset", raw),
        expires=_optional_time(node, "expires", raw),
        sender_name=_text(node, "senderName"),
        headline=_text(node, "headline"),
        description=_text(node, "description"),
        instruction=_text(node, "instruction"),
        web=_text(node, "web"),
        contact=_text(node, "contact"),
        parameters=_pairs(node, "parameter"),
        resources=tuple(_resource(found) for found in node.findall(NS + "resource")),
        areas=tuple(_area(found) for found in node.findall(NS + "area")),
    )


def root_of(data: bytes, *, max_bytes: int = MAX_BYTES) -> ET.Element:
    """The document's root element; refuses large documents, DTDs, deep nesting and XML that
    does not parse."""
    if len(data) > max_bytes:
        raise CapError(
            f"the document is larger than {max_bytes:,} bytes, the limit for a CAP document",
            code="size",
        )
    if _DOCTYPE.search(data):
        raise CapError("the document has a DOCTYPE or ENTITY declaration; CAP needs none")
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        raise CapError(
            "the document has a DOCTYPE or ENTITY declaration; CAP needs none", code="xml"
        ) from error
    except ET.ParseError as error:
        raise CapError(f"not well-formed XML: {error}", code="xml") from error
    except (ValueError, LookupError) as error:  # e.g. an encoding that Python does not know
        raise CapError(f"not well-formed XML: {error}", code="xml") from error
    if depth_of(root) > MAX_DEPTH:
        raise CapError(
            f"the document is nested more than {MAX_DEPTH} elements deep; CAP needs 5",
            code="xml",
        )
    return root


def depth_of(root: ET.Element) -> int:
    """How deep the tree goes, counted without recursion (a document 50,000 deep is no problem)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node)
    return deepest


def version_of(root: ET.Element) -> str:
    """'1.2', '1.1', '1.0' or '' from the root element's namespace."""
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    return {NAMESPACE: "1.2", NAMESPACE_11: "1.1", NAMESPACE_10: "1.0"}.get(namespace, "")


def check_root(root: ET.Element) -> None:
    version = version_of(root)
    local = root.tag.split("}")[-1]
    if version in ("1.1", "1.0"):
        raise CapError(
            f"this is a CAP {version} document; only CAP 1.2 ({NAMESPACE}) is accepted",
            code="version",
        )
    if local != "alert" or version != "1.2":
        raise CapError(
            f"the root element is {root.tag!r}, not a CAP 1.2 <alert> in namespace {NAMESPACE}",
            code="not_cap",
        )


def from_xml(data: bytes, *, max_bytes: int = MAX_BYTES) -> Alert:
    """Read a CAP 1.2 document into an ``Alert``; ``CapError`` says why when it cannot."""
    root = root_of(data, max_bytes=max_bytes)
    check_root(root)
    raw: list[Pair] = []
    sent_text = _text(root, "sent")
    if not sent_text:
        raise CapError("sent: the alert has no sending time", field="sent")
    raw.append(("sent", sent_text))
    references = tuple(Reference.parse(part) for part in _text(root, "references").split())
    infos = tuple(_info(node, raw) for node in root.findall(NS + "info"))
    return Alert(
        identifier=_text(root, "identifier"),
        sender=_text(root, "sender"),
        sent=parse_time(sent_text, "sent"),
        status=_text(root, "status"),
        msg_type=_text(root, "msgType"),
        source=_text(root, "source"),
        scope=_text(root, "scope"),
        restriction=_text(root, "restriction"),
        addresses=_text(root, "addresses"),
        codes=_texts(root, "code"),
        note=_text(root, "note"),
        references=references,
        incidents=_text(root, "incidents"),
        infos=infos,
        raw_times=tuple(raw),
    )
