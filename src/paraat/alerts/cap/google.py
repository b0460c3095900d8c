"""Google Public Alerts' profile of CAP 1.2, as a check on our own output (no Django).

The rules follow the "Google Public Alerts CAP v1.0" profile of the open-source CAP validator
(google/cap-library, ``GoogleProfile``) and Google's published CAP requirements (polygons with
at most 6 decimals). Google splits them into *errors* (the alert is not taken) and
*recommendations*. docs/alerts.md lists which ones Paraat's alerts meet and which it
deliberately does not follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paraat.alerts.cap.model import Alert

ERROR, RECOMMENDATION = "error", "recommendation"
TIME_WITH_UTC = re.compile(r"(Z|[+-]00:00)$")
DECIMALS = re.compile(r"\.(\d+)")


@dataclass(frozen=True)
class Finding:
    level: str  # error or recommendation
    code: str  # Google's name of the rule, e.g. WEB_IS_REQUIRED
    field: str  # where, as a path: info[0]/web

    def __str__(self) -> str:
        return f"[{self.level}] {self.field}: {self.code}"


def check(alert: Alert, *, raw_times: dict[str, str] | None = None) -> list[Finding]:
    """Every rule of the profile that the alert breaks (an empty list: it meets them all)."""
    found: list[Finding] = []

    def add(level: str, code: str, field: str) -> None:
        found.append(Finding(level, code, field))

    if alert.msg_type in ("Update", "Cancel") and not alert.references:
        add(ERROR, "UPDATE_OR_CANCEL_MUST_REFERENCE", "msgType")
    if not alert.infos:
        add(ERROR, "INFO_IS_REQUIRED", "alert")
    categories = {frozenset(info.categories) for info in alert.infos}
    if len(categories) > 1:
        add(ERROR, "CATEGORIES_MUST_MATCH", "info/category")
    codes = {frozenset(info.event_codes) for info in alert.infos}
    if len(codes) > 1:
        add(ERROR, "EVENT_CODES_MUST_MATCH", "info/eventCode")
    events: dict[str, set[str]] = {}
    for info in alert.infos:
        events.setdefault(info.language, set()).add(info.event)
    if any(len(names) > 1 for names in events.values()):
        add(ERROR, "EVENTS_IN_SAME_LANGUAGE_MUST_MATCH", "info/event")
    for index, info in enumerate(alert.infos):
        at = f"info[{index}]"
        if not info.description.strip():
            add(ERROR, "DESCRIPTION_IS_REQUIRED", f"{at}/description")
        if not info.web.strip():
            add(ERROR, "WEB_IS_REQUIRED", f"{at}/web")
        if info.expires is None:
            add(ERROR, "EXPIRES_IS_REQUIRED", f"{at}/expires")
        elif (info.effective or alert.sent) > info.expires:
            add(ERROR, "EFFECTIVE_NOT_AFTER_EXPIRES", f"{at}/effective")
        if not info.areas:
            add(ERROR, "AREA_IS_REQUIRED", f"{at}/area")
        for number, area in enumerate(info.areas):
            if not (area.polygons or area.circles or area.geocodes):
                add(ERROR, "CIRCLE_POLYGON_OR_GEOCODE_IS_REQUIRED", f"{at}/area[{number}]")
            for polygon in area.polygons:
                if any(len(d) > 6 for d in DECIMALS.findall(polygon)):
                    add(ERROR, "POLYGON_AT_MOST_6_DECIMALS", f"{at}/area[{number}]/polygon")
                    break
        if not info.sender_name.strip():
            add(RECOMMENDATION, "SENDER_NAME_STRONGLY_RECOMMENDED", f"{at}/senderName")
        if not info.response_types:
            add(RECOMMENDATION, "RESPONSE_TYPE_STRONGLY_RECOMMENDED", f"{at}/responseType")
        if not info.instruction.strip():
            add(RECOMMENDATION, "INSTRUCTION_STRONGLY_RECOMMENDED", f"{at}/instruction")
        if len(info.headline) > 140:
            add(RECOMMENDATION, "HEADLINE_TOO_LONG", f"{at}/headline")
        if info.description == info.headline:
            add(RECOMMENDATION, "HEADLINE_AND_DESCRIPTION_SHOULD_DIFFER", f"{at}/headline")
        if info.instruction.strip() and info.description == info.instruction:
            add(RECOMMENDATION, "DESCRIPTION_AND_INSTRUCTION_SHOULD_DIFFER", f"{at}/description")
        for name, value in (
            ("urgency", info.urgency),
            ("severity", info.severity),
            ("certainty", info.certainty),
        ):
            if value == "Unknown":
                add(RECOMMENDATION, f"UNKNOWN_{name.upper()}_DISCOURAGED", f"{at}/{name}")
        if not info.contact.strip():
            add(RECOMMENDATION, "CONTACT_IS_RECOMMENDED", f"{at}/contact")
        if info.areas and not any(a.polygons or a.circles for a in info.areas):
            add(RECOMMENDATION, "CIRCLE_POLYGON_ENCOURAGED", f"{at}/area[0]")
    for name, value in (raw_times or {}).items():
        if value and TIME_WITH_UTC.search(value):
            add(RECOMMENDATION, "INCLUDE_TIMEZONE_OFFSET", name)
    return found


def errors(alert: Alert) -> list[Finding]:
    return [f for f in check(alert) if f.level == ERROR]
