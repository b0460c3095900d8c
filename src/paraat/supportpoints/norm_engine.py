"""Assess a point against a norm profile: pass, fail or unknown per rule, with the reason in plain Dutch.

Plain module without Django: the facts of a point go in as a dataclass, so the rules can be tested
on their own and reused by the API, the pages, the import and the outage timeline.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
SERVICE_NAMES_NL = {
    "information": "informatie",
    "emergency_report": "noodmelding",
    "first_aid": "eerste hulp",
    "drinking_water": "drinkwater",
    "charging": "opladen",
    "warmth": "warmte",
    "toilet": "toilet zonder waterleiding",
    "food_medicine": "voedsel of medicijnen",
    "help_desk": "hulpbalie",
    "missing_persons": "vermiste personen",
}


class NormProfileError(ValueError):
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
    power_note: str = ""
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
    reason: str
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
) -> tuple[float | None, str]:
    """Hours of power without refuelling: fuel stock / consumption, plus battery / need.

    A generator only counts when its power covers the point's need: a 5 kW set cannot run a
    20 kW building, however much fuel is stored, so its hours are left out and the note says why.
    With the need unknown the fuel counts, and the note says that the power was not compared.
    Solar is not counted: it cannot be relied on at night or in winter. None means unknown.
    """
    parts: list[float] = []
    notes: list[str] = []
    if generator_kw is not None and generator_kw > 0:
        if fuel_litres is None or not fuel_consumption_lph:
            return None, "brandstofvoorraad of verbruik van het aggregaat onbekend"
        if not power_need_kw:
            notes.append(
                "stroombehoefte onbekend, dus niet getoetst of het aggregaat genoeg levert"
            )
            parts.append(fuel_litres / fuel_consumption_lph)
        elif generator_kw < power_need_kw:
            notes.append(
                f"het aggregaat levert {_fmt(generator_kw)} kW, minder dan de stroombehoefte van "
                f"{_fmt(power_need_kw)} kW, en telt daarom niet mee"
            )
        else:
            parts.append(fuel_litres / fuel_consumption_lph)
    if battery_kwh is not None and battery_kwh > 0:
        if not power_need_kw:
            return None, "stroombehoefte onbekend, dus accuduur onbekend"
        parts.append(battery_kwh / power_need_kw)
    if parts:
        return round(sum(parts), 1), "; ".join(notes)
    if notes:
        return 0.0, "; ".join(notes)
    if mobile_generator_connection:
        return 0.0, "alleen een aansluitpunt voor een mobiel aggregaat"
    if generator_kw == 0 or battery_kwh == 0:
        return 0.0, "geen aggregaat of accu"
    return None, "geen gegevens over aggregaat of accu"


def load_profile(path: str | Path = DEFAULT_PROFILE) -> dict[str, Any]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NormProfileError(f"{path.name}: kan niet gelezen worden ({exc})") from None
    parse_rules(data.get("rules"), origin=path.name)
    return dict(data)


def parse_rules(raw: Any, *, origin: str = "normprofiel") -> list[Rule]:
    if not isinstance(raw, list) or not raw:
        raise NormProfileError(f"{origin}: 'rules' moet een niet-lege lijst zijn")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = f"{origin}, regel {index}"
        if not isinstance(item, dict):
            raise NormProfileError(f"{where}: moet een object zijn")
        rule_id = str(item.get("id", "")).strip()
        if not rule_id:
            raise NormProfileError(f"{where}, veld 'id': ontbreekt")
        if rule_id in seen:
            raise NormProfileError(f"{where}, veld 'id': '{rule_id}' komt twee keer voor")
        seen.add(rule_id)
        check = item.get("check")
        if check not in CHECKS:
            raise NormProfileError(
                f"{where}, veld 'check': '{check}' is onbekend; kies uit {', '.join(sorted(CHECKS))}"
            )
        tiers = tuple(item.get("tiers") or ())
        if not tiers or any(t not in TIERS for t in tiers):
            raise NormProfileError(f"{where}, veld 'tiers': kies uit {', '.join(sorted(TIERS))}")
        bounds: dict[str, float | None] = {}
        for key in ("min", "max"):
            value = item.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or value < 0
            ):
                raise NormProfileError(f"{where}, veld '{key}': moet een getal van 0 of meer zijn")
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
            raise NormProfileError(f"{where}, veld '{needs[check]}': nodig voor '{check}'")
        service = item.get("service")
        if check == "service_present" and service not in SERVICE_NAMES_NL:
            raise NormProfileError(f"{where}, veld 'service': '{service}' is onbekend")
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


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def evaluate(rule: Rule, facts: PointFacts) -> tuple[str, str]:
    """One rule against one point: (result, reason in plain Dutch)."""
    if rule.check == "power_autonomy_hours":
        assert rule.min is not None
        if facts.power_hours is None:
            return (
                UNKNOWN,
                f"Onbekend hoe lang de stroom het houdt ({facts.power_note or 'vul aggregaat, brandstof en verbruik in'}).",
            )
        extra = f" ({facts.power_note})" if facts.power_note else ""
        if facts.power_hours >= rule.min:
            return (
                PASS,
                f"Stroom voor {_fmt(facts.power_hours)} uur zonder bijtanken{extra} (norm: minstens {_fmt(rule.min)} uur).",
            )
        return (
            FAIL,
            f"Stroom voor maar {_fmt(facts.power_hours)} uur zonder bijtanken{extra}; de norm is minstens {_fmt(rule.min)} uur.",
        )
    if rule.check == "comms_without_telecom":
        assert rule.min is not None
        usable = sorted(facts.comms_kinds & COMMS_WITHOUT_TELECOM)
        if len(usable) >= rule.min:
            return (
                PASS,
                f"{len(usable)} verbinding(en) zonder stroomnet en telefoonnet (norm: minstens {_fmt(rule.min)}).",
            )
        return (
            FAIL,
            f"{len(usable)} verbinding(en) die werken zonder stroomnet en telefoonnet; de norm is minstens {_fmt(rule.min)} (C2000, satelliettelefoon, amateurradio of loper).",
        )
    if rule.check == "key_holders_24_7":
        assert rule.min is not None
        if facts.key_holders_24_7 >= rule.min:
            return (
                PASS,
                f"{facts.key_holders_24_7} sleutelhouders dag en nacht bereikbaar (norm: minstens {_fmt(rule.min)}).",
            )
        return (
            FAIL,
            f"{facts.key_holders_24_7} sleutelhouder(s) dag en nacht bereikbaar; de norm is minstens {_fmt(rule.min)}.",
        )
    if rule.check == "open_within_minutes":
        assert rule.max is not None
        if facts.open_within_minutes is None:
            return UNKNOWN, "Onbekend hoe snel het punt open kan na activering."
        if facts.open_within_minutes <= rule.max:
            return (
                PASS,
                f"Open binnen {facts.open_within_minutes} minuten (norm: binnen {_fmt(rule.max)} minuten).",
            )
        return (
            FAIL,
            f"Open pas na {facts.open_within_minutes} minuten; de norm is binnen {_fmt(rule.max)} minuten.",
        )
    if rule.check == "wheelchair_accessible":
        if facts.wheelchair_accessible is None:
            return UNKNOWN, "Onbekend of het gebouw toegankelijk is voor rolstoelgebruikers."
        if facts.wheelchair_accessible:
            return PASS, "Toegankelijk voor rolstoelgebruikers."
        return FAIL, "Niet toegankelijk voor rolstoelgebruikers."
    if rule.check == "service_present":
        name = SERVICE_NAMES_NL.get(rule.service or "", rule.service or "")
        state = facts.services.get(rule.service or "")
        if state is None:
            return UNKNOWN, f"Onbekend of het punt {name} biedt."
        if state:
            return PASS, f"Biedt {name}."
        return FAIL, f"Biedt geen {name}."
    if rule.check == "drinking_water_stock":
        assert rule.min is not None
        if facts.drinking_water_litres is None:
            return UNKNOWN, "Onbekend hoeveel drinkwater er op voorraad is."
        if facts.drinking_water_litres >= rule.min:
            return PASS, f"{_fmt(facts.drinking_water_litres)} liter drinkwater op voorraad."
        return (
            FAIL,
            f"{_fmt(facts.drinking_water_litres)} liter drinkwater op voorraad; de norm is minstens {_fmt(rule.min)} liter.",
        )
    if rule.check == "generator_tested_within_days":
        assert rule.max is not None
        if facts.has_generator is False:
            return FAIL, "Geen vast aggregaat om proef te draaien."
        if facts.generator_last_test is None:
            return UNKNOWN, "Onbekend wanneer het aggregaat voor het laatst proef heeft gedraaid."
        days = (facts.today - facts.generator_last_test).days
        if days <= rule.max:
            return PASS, f"Aggregaat {days} dagen geleden proef gedraaid."
        return (
            FAIL,
            f"Aggregaat {days} dagen geleden proef gedraaid; de norm is binnen {_fmt(rule.max)} dagen.",
        )
    raise NormProfileError(
        f"onbekende controle {rule.check}"
    )  # pragma: no cover - parse_rules guards this


def assess(rules: list[Rule], facts: PointFacts) -> Assessment:
    """All rules for the point's tier; candidates are measured against the local points' rules."""
    tier = "local" if facts.tier == "candidate" else facts.tier
    outcomes: list[Outcome] = []
    for rule in rules:
        if tier not in rule.tiers:
            continue
        result, reason = evaluate(rule, facts)
        if rule.default:
            reason += " (Standaardwaarde, geen landelijke norm.)"
        outcomes.append(Outcome(rule.id, result, reason, rule.default))
    if any(o.result == FAIL for o in outcomes):
        overall = FAIL
    elif any(o.result == UNKNOWN for o in outcomes):
        overall = UNKNOWN
    else:
        overall = PASS
    return Assessment(overall, outcomes)
