"""One answer to "is this a good CAP 1.2 document?": well-formed, version, schema, platform rules.

The schema is the official OASIS ``CAP-v1.2.xsd`` (see ``schema/SOURCES.md``), checked with
xmlschema (pure Python).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import xmlschema

from paraat.alerts.cap import rules
from paraat.alerts.cap.model import Alert, CapError
from paraat.alerts.cap.rules import Problem
from paraat.alerts.cap.xmlio import MAX_BYTES, check_root, from_xml, root_of, version_of

SCHEMA_PATH = Path(__file__).with_name("schema") / "CAP-v1.2.xsd"


@lru_cache(maxsize=1)
def schema() -> xmlschema.XMLSchema:
    # No fallback schemas: the signature (xmldsig) stays "lax", as the standard intends, instead
    # of being checked against a copy of the XML-DSig schema that xmlschema ships.
    return xmlschema.XMLSchema(str(SCHEMA_PATH), use_fallback=False)


@dataclass(frozen=True)
class Report:
    version: str
    problems: tuple[Problem, ...] = ()
    alert: Alert | None = field(default=None, compare=False)

    @property
    def schema_valid(self) -> bool:
        return self.version == "1.2" and not any(
            p.check in ("xml", "version", "schema") for p in self.problems
        )

    @property
    def ok(self) -> bool:
        return self.schema_valid and not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "version": self.version,
            "schema_valid": self.schema_valid,
            "problems": [
                {"check": p.check, "field": p.field, "message": p.message} for p in self.problems
            ],
        }


def schema_problems(data: bytes) -> list[Problem]:
    found = []
    # The document has passed root_of (no DTD, bounded depth); parse it defused all the same.
    source = xmlschema.XMLResource(io.BytesIO(data), defuse="always")
    for error in schema().iter_errors(source):
        reason = " ".join(str(error.reason or error.message).split())
        found.append(Problem(str(error.path or ""), reason, "schema"))
    return found


def check(data: bytes, *, rules_apply: bool = True, max_bytes: int = MAX_BYTES) -> Report:
    """Check a document; ``rules_apply=False`` skips the platform rules (schema only)."""
    try:
        root = root_of(data, max_bytes=max_bytes)
    except CapError as error:
        return Report("", (Problem("", error.message, "xml"),))
    version = version_of(root)
    try:
        check_root(root)
    except CapError as error:
        return Report(version, (Problem("", error.message, "version"),))
    found = schema_problems(data)
    try:
        alert: Alert | None = from_xml(data, max_bytes=max_bytes)
    except CapError as error:
        return Report(version, (*found, Problem(error.field, error.message, "xml")))
    if rules_apply and alert is not None:
        found += rules.problems(alert)
    return Report(version, tuple(found), alert)
