"""A pure CAP 1.2 codec (no Django): dataclasses, XML out, XML in, and validation.

- ``model``: the alert → info → resource/area dataclasses.
- ``xmlio``: ``to_xml(alert) -> bytes`` and ``from_xml(data) -> Alert``.
- ``rules``: the platform's own rules on top of the schema (offsets, polygons, references, ids).
- ``validate``: the official OASIS schema plus the rules, as one report.
"""

from paraat.alerts.cap.model import (
    NAMESPACE,
    Alert,
    Area,
    CapError,
    Info,
    Reference,
    Resource,
)
from paraat.alerts.cap.rules import Problem
from paraat.alerts.cap.validate import Report, check
from paraat.alerts.cap.xmlio import from_xml, to_xml

__all__ = [
    "NAMESPACE",
    "Alert",
    "Area",
    "CapError",
    "Info",
    "Problem",
    "Reference",
    "Report",
    "Resource",
    "check",
    "from_xml",
    "to_xml",
]
