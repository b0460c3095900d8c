"""CAP 1.2 messages as frozen dataclasses (OASIS Common Alerting Protocol 1.2, 1 July 2010).

Field names follow the standard in snake_case. Repeated elements are tuples; name/value pairs
(eventCode, parameter, geocode) are tuples of ``(valueName, value)``. Times are timezone-aware
``datetime`` objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
NAMESPACE_11 = "urn:oasis:names:tc:emergency:cap:1.1"
NAMESPACE_10 = "http://www.incident.com/cap/1.0"

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
RESPONSE_TYPES = (
    "Shelter",
    "Evacuate",
    "Prepare",
    "Execute",
    "Avoid",
    "Monitor",
    "Assess",
    "AllClear",
    "None",
)
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

Pair = tuple[str, str]


class CapError(ValueError):
    """A document that cannot be read as CAP 1.2, with a reason a person can act on."""

    def __init__(self, message: str, *, field: str = "", code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


@dataclass(frozen=True)
class Reference:
    """One earlier message this one refers to: ``sender,identifier,sent``."""

    sender: str
    identifier: str
    sent: str

    def __str__(self) -> str:
        return f"{self.sender},{self.identifier},{self.sent}"

    @classmethod
    def parse(cls, text: str) -> Reference:
        parts = text.split(",")
        if len(parts) != 3 or not all(parts):
            raise CapError(
                f"reference {text!r} is not 'sender,identifier,sent'", field="references"
            )
        return cls(*parts)


@dataclass(frozen=True)
class Resource:
    resource_desc: str
    mime_type: str
    size: int | None = None
    uri: str = ""
    deref_uri: str = ""
    digest: str = ""


@dataclass(frozen=True)
class Area:
    area_desc: str
    polygons: tuple[str, ...] = ()
    circles: tuple[str, ...] = ()
    geocodes: tuple[Pair, ...] = ()
    altitude: float | None = None
    ceiling: float | None = None


@dataclass(frozen=True)
class Info:
    event: str
    urgency: str
    severity: str
    certainty: str
    categories: tuple[str, ...] = ("Safety",)
    language: str = "en-US"
    response_types: tuple[str, ...] = ()
    audience: str = ""
    event_codes: tuple[Pair, ...] = ()
    effective: dt.datetime | None = None
    onset: dt.datetime | None = None
    expires: dt.datetime | None = None
    sender_name: str = ""
    headline: str = ""
    description: str = ""
    instruction: str = ""
    web: str = ""
    contact: str = ""
    parameters: tuple[Pair, ...] = ()
    resources: tuple[Resource, ...] = ()
    areas: tuple[Area, ...] = ()


@dataclass(frozen=True)
class Alert:
    identifier: str
    sender: str
    sent: dt.datetime
    status: str
    msg_type: str
    scope: str = "Public"
    source: str = ""
    restriction: str = ""
    addresses: str = ""
    codes: tuple[str, ...] = ()
    note: str = ""
    references: tuple[Reference, ...] = ()
    incidents: str = ""
    infos: tuple[Info, ...] = ()
    # Raw timestamps as written in the document (for the platform rules), not part of equality.
    raw_times: tuple[Pair, ...] = field(default=(), compare=False, repr=False)

    def info_for(self, language: str) -> Info | None:
        """The info block whose language starts with ``language`` (``nl`` matches ``nl-NL``)."""
        wanted = language.lower()
        for info in self.infos:
            if info.language.lower().split("-")[0] == wanted.split("-")[0]:
                return info
        return None
