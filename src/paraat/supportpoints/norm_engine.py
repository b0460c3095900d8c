"""Assess a point against a norm profile: pass, fail or unknown per rule, with the reason in plain words.

Plain module without Django: the facts of a point go in as a dataclass, so the rules can be tested
on their own and reused by the API, the pages, the import and the outage timeline. Reasons are
``paraat.geo.text.Message`` objects: English message ids that read in the active language when
shown (Dutch on a Dutch page).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paraat.geo.text import Amount, Joined, Message, MessageError, Text, gettext_noop

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
CHECKS = {
    "power_autonomy_hours",
    "comms_without_telecom",
    "key_holders_24_7",
    "open_within_minutes",
    "wheelchair_accessible",
    "service_present",
    "drinking_water_stock",
    "generator_tested_within_days",
}
TIERS = {"coordination", "local", "candidate"}
DEFAULT_PROFILE = Path(__file__).resolve().parent / "norms" / "default.json"
# The services as a reason names them (in the sentence "Offers first aid.").
SERVICE_NAMES = {
    "information": gettext_noop("information"),
    "emergency_report": gettext_noop("emergency report"),
    "first_aid": gettext_noop("first aid"),
    "drinking_water": gettext_noop("drinking water"),
    "charging": gettext_noop("charging"),
    "warmth": gettext_noop("warmth"),
    "toilet": gettext_noop("toilet without mains water"),
    "food_medicine": gettext_noop("food or medicine"),
    "help_desk": gettext_noop("help desk"),
    "missing_persons": gettext_noop("missing persons"),
}


class NormProfileError(MessageError):
    """A norm profile file or edit is not valid; the message names the rule and field."""


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    tiers: tuple[str, ...]
    default: bool
    source: str
    min: float | None = None
    max: float | None = None
    service: str | None = None


@dataclass
class PointFacts:
    tier: str
    power_hours: float | None
    power_note: Text = ""
    comms_kinds: frozenset[str] = frozenset()
    key_holders_24_7: int = 0
    open_within_minutes: int | None = None
    wheelchair_accessible: bool | None = None
    services: dict[str, bool] = field(default_factory=dict)
    drinking_water_litres: float | None = None
    has_generator: bool | None = None
    generator_last_test: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Outcome:
    rule_id: str
    result: str
    reason: Text
    default: bool


@dataclass
class Assessment:
    result: str
    outcomes: list[Outcome]

    @property
    def gaps(self) -> list[str]:
        return [o.rule_id for o in self.outcomes if o.result == FAIL]

    @property
    def unknowns(self) -> list[str]:
        return [o.rule_id for o in self.outcomes if o.result == UNKNOWN]


COMMS_WITHOUT_TELECOM = frozenset({"c2000", "satellite_phone", "amateur_radio", "runner"})


def power_autonomy(
    *,
    generator_kw: float | None,
    mobile_generator_connection: bool | None,
    battery_kwh: float | None,
    power_need_kw: float | None,
    fuel_litres: float | None,
    fuel_consumption_lph: float | None,
) -> tuple[float | None, Text]:
    """Hours of power without refuelling: fuel stock / consumption, plus battery / need.

    A generator only counts when its power covers the point's need: a 5 kW set cannot run a
    20 kW building, however much fuel is stored, so its hours are left out and the note says why.
    With the need unknown the fuel counts, and the note says that the power was not compared.
    Solar is not counted: it cannot be relied on at night or in winter. None means unknown.
    """
    parts: list[float] = []
    notes: list[Text] = []
    if generator_kw is not None and generator_kw > 0:
        if fuel_litres is None or not fuel_consumption_lph:
            return None, Message(gettext_noop("fuel stock or consumption of the generator unknown"))
        if not power_need_kw:
            notes.append(
                Message(
                    gettext_noop(
                        "power need unknown, so not checked whether the generator delivers enough"
                    )
                )
            )
            parts.append(fuel_litres / fuel_consumption_lph)
        elif generator_kw < power_need_kw:
            notes.append(
                Message(
                    gettext_noop(
                        "the generator delivers %(kw)s kW, less than the power need of %(need)s "
                        "kW, and so does not count"
                    ),
                    {"kw": Amount(generator_kw), "need": Amount(power_need_kw)},
                )
            )
        else:
            parts.append(fuel_litres / fuel_consumption_lph)
    if battery_kwh is not None and battery_kwh > 0:
        if not power_need_kw:
            return None, Message(gettext_noop("power need unknown, so battery time unknown"))
        parts.append(battery_kwh / power_need_kw)
    if parts:
        return round(sum(parts), 1), Joined.of(notes)
    if notes:
        return 0.0, Joined.of(notes)
    if mobile_generator_connection:
        return 0.0, Message(gettext_noop("only a connection for a mobile generator"))
    if generator_kw == 0 or battery_kwh == 0:
        return 0.0, Message(gettext_noop("no generator or battery"))
    return None, Message(gettext_noop("no data on generator or battery"))


def load_profile(path: str | Path = DEFAULT_PROFILE) -> dict[str, Any]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NormProfileError(
            gettext_noop("%(file)s: cannot be read (%(error)s)"),
            {"file": path.name, "error": str(exc)},
        ) from None
    parse_rules(data.get("rules"), origin=path.name)
    return dict(data)


def parse_rules(raw: Any, *, origin: Any = None) -> list[Rule]:
    origin = origin or Message(gettext_noop("norm profile"))
    if not isinstance(raw, list) or not raw:
        raise NormProfileError(
            gettext_noop("%(origin)s: 'rules' must be a non-empty list"), {"origin": origin}
        )
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = Message(
            gettext_noop("%(origin)s, rule %(index)s"), {"origin": origin, "index": index}
        )
        if not isinstance(item, dict):
            raise NormProfileError(gettext_noop("%(where)s: must be an object"), {"where": where})
        rule_id = str(item.get("id", "")).strip()
        if not rule_id:
            raise NormProfileError(gettext_noop("%(where)s, field 'id': missing"), {"where": where})
        if rule_id in seen:
            raise NormProfileError(
                gettext_noop("%(where)s, field 'id': '%(id)s' occurs twice"),
                {"where": where, "id": rule_id},
            )
        seen.add(rule_id)
        check = item.get("check")
        if check not in CHECKS:
            raise NormProfileError(
                gettext_noop(
                    "%(where)s, field 'check': '%(check)s' is unknown; choose from %(choices)s"
                ),
                {"where": where, "check": check, "choices": ", ".join(sorted(CHECKS))},
            )
        tiers = tuple(item.get("tiers") or ())
        if not tiers or any(t not in TIERS for t in tiers):
            raise NormProfileError(
                gettext_noop("%(where)s, field 'tiers': choose from %(choices)s"),
                {"where": where, "choices": ", ".join(sorted(TIERS))},
            )
        bounds: dict[str, float | None] = {}
        for key in ("min", "max"):
            value = item.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or value < 0
            ):
                raise NormProfileError(
                    gettext_noop("%(where)s, field '%(field)s': must be a number of 0 or more"),
                    {"where": where, "field": key},
                )
            bounds[key] = float(value) if value is not None else None
        needs = {
            "power_autonomy_hours": "min",
            "comms_without_telecom": "min",
            "key_holders_24_7": "min",
            "drinking_water_stock": "min",
            "open_within_minutes": "max",
            "generator_tested_within_days": "max",
        }
        if check in needs and bounds[needs[check]] is None:
            raise NormProfileError(
                gettext_noop("%(where)s, field '%(field)s': needed for '%(check)s'"),
                {"where": where, "field": needs[check], "check": check},
            )
        service = item.get("service")
        if check == "service_present" and service not in SERVICE_NAMES:
            raise NormProfileError(
                gettext_noop("%(where)s, field 'service': '%(service)s' is unknown"),
                {"where": where, "service": service},
            )
        rules.append(
            Rule(
                id=rule_id,
                check=check,
                tiers=tiers,
                default=bool(item.get("default", False)),
                source=str(item.get("source", "")),
                min=bounds["min"],
                max=bounds["max"],
                service=service,
            )
        )
    return rules


def _reason(text: str, **params: Any) -> Message:
    return Message(text, params)


def _power_autonomy_hours(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.min is not None
    least = Amount(rule.min)
    if facts.power_hours is None:
        note = facts.power_note or Message(gettext_noop("fill in generator, fuel and consumption"))
        return UNKNOWN, _reason(
            gettext_noop("Unknown how long the power lasts (%(note)s)."), note=note
        )
    extra = Message(" (%(note)s)", {"note": facts.power_note}) if facts.power_note else ""
    hours = Amount(facts.power_hours)
    if facts.power_hours >= rule.min:
        return PASS, _reason(
            gettext_noop(
                "Power for %(hours)s hours without refuelling%(extra)s (norm: at least "
                "%(min)s hours)."
            ),
            hours=hours,
            extra=extra,
            min=least,
        )
    return FAIL, _reason(
        gettext_noop(
            "Power for only %(hours)s hours without refuelling%(extra)s; the norm is at least "
            "%(min)s hours."
        ),
        hours=hours,
        extra=extra,
        min=least,
    )


def _comms_without_telecom(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.min is not None
    usable = sorted(facts.comms_kinds & COMMS_WITHOUT_TELECOM)
    if len(usable) >= rule.min:
        return PASS, _reason(
            gettext_noop(
                "%(count)s connection(s) without the power grid and telephone network "
                "(norm: at least %(min)s)."
            ),
            count=len(usable),
            min=Amount(rule.min),
        )
    return FAIL, _reason(
        gettext_noop(
            "%(count)s connection(s) that work without the power grid and telephone network; "
            "the norm is at least %(min)s (C2000, satellite phone, amateur radio or runner)."
        ),
        count=len(usable),
        min=Amount(rule.min),
    )


def _key_holders_24_7(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.min is not None
    if facts.key_holders_24_7 >= rule.min:
        return PASS, _reason(
            gettext_noop("%(count)s key holders reachable day and night (norm: at least %(min)s)."),
            count=facts.key_holders_24_7,
            min=Amount(rule.min),
        )
    return FAIL, _reason(
        gettext_noop(
            "%(count)s key holder(s) reachable day and night; the norm is at least %(min)s."
        ),
        count=facts.key_holders_24_7,
        min=Amount(rule.min),
    )


def _open_within_minutes(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.max is not None
    if facts.open_within_minutes is None:
        return UNKNOWN, _reason(
            gettext_noop("Unknown how quickly the point can open after activation.")
        )
    if facts.open_within_minutes <= rule.max:
        return PASS, _reason(
            gettext_noop("Open within %(minutes)s minutes (norm: within %(max)s minutes)."),
            minutes=facts.open_within_minutes,
            max=Amount(rule.max),
        )
    return FAIL, _reason(
        gettext_noop("Open only after %(minutes)s minutes; the norm is within %(max)s minutes."),
        minutes=facts.open_within_minutes,
        max=Amount(rule.max),
    )


def _wheelchair_accessible(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    if facts.wheelchair_accessible is None:
        return UNKNOWN, _reason(
            gettext_noop("Unknown whether the building is accessible to wheelchair users.")
        )
    if facts.wheelchair_accessible:
        return PASS, _reason(gettext_noop("Accessible to wheelchair users."))
    return FAIL, _reason(gettext_noop("Not accessible to wheelchair users."))


def _service_present(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    known = SERVICE_NAMES.get(rule.service or "")
    name = Message(known) if known else (rule.service or "")
    state = facts.services.get(rule.service or "")
    if state is None:
        return UNKNOWN, _reason(
            gettext_noop("Unknown whether the point offers %(service)s."), service=name
        )
    if state:
        return PASS, _reason(gettext_noop("Offers %(service)s."), service=name)
    return FAIL, _reason(gettext_noop("Does not offer %(service)s."), service=name)


def _drinking_water_stock(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.min is not None
    if facts.drinking_water_litres is None:
        return UNKNOWN, _reason(gettext_noop("Unknown how much drinking water is in stock."))
    litres = Amount(facts.drinking_water_litres)
    if facts.drinking_water_litres >= rule.min:
        return PASS, _reason(
            gettext_noop("%(litres)s litres of drinking water in stock."), litres=litres
        )
    return FAIL, _reason(
        gettext_noop(
            "%(litres)s litres of drinking water in stock; the norm is at least %(min)s litres."
        ),
        litres=litres,
        min=Amount(rule.min),
    )


def _generator_tested_within_days(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    assert rule.max is not None
    if facts.has_generator is False:
        return FAIL, _reason(gettext_noop("No fixed generator to test."))
    if facts.generator_last_test is None:
        return UNKNOWN, _reason(gettext_noop("Unknown when the generator was last test-run."))
    days = (facts.today - facts.generator_last_test).days
    if days <= rule.max:
        return PASS, _reason(gettext_noop("Generator test-run %(days)s days ago."), days=days)
    return FAIL, _reason(
        gettext_noop("Generator test-run %(days)s days ago; the norm is within %(max)s days."),
        days=days,
        max=Amount(rule.max),
    )


_BY_CHECK: dict[str, Callable[[Rule, PointFacts], tuple[str, Message]]] = {
    "power_autonomy_hours": _power_autonomy_hours,
    "comms_without_telecom": _comms_without_telecom,
    "key_holders_24_7": _key_holders_24_7,
    "open_within_minutes": _open_within_minutes,
    "wheelchair_accessible": _wheelchair_accessible,
    "service_present": _service_present,
    "drinking_water_stock": _drinking_water_stock,
    "generator_tested_within_days": _generator_tested_within_days,
}


def evaluate(rule: Rule, facts: PointFacts) -> tuple[str, Message]:
    """One rule against one point: (result, reason in plain words)."""
    check = _BY_CHECK.get(rule.check)
    if check is None:
        raise NormProfileError(
            gettext_noop("unknown check %(check)s"), {"check": rule.check}
        )  # pragma: no cover - parse_rules guards this
    return check(rule, facts)


def assess(rules: list[Rule], facts: PointFacts) -> Assessment:
    """All rules for the point's tier; candidates are measured against the local points' rules."""
    tier = "local" if facts.tier == "candidate" else facts.tier
    outcomes: list[Outcome] = []
    for rule in rules:
        if tier not in rule.tiers:
            continue
        result, found = evaluate(rule, facts)
        reason: Text = found
        if rule.default:
            reason = Message(
                gettext_noop("%(reason)s (Default value, not a national norm.)"), {"reason": found}
            )
        outcomes.append(Outcome(rule.id, result, reason, rule.default))
    if any(o.result == FAIL for o in outcomes):
        overall = FAIL
    elif any(o.result == UNKNOWN for o in outcomes):
        overall = UNKNOWN
    else:
        overall = PASS
    return Assessment(overall, outcomes)
