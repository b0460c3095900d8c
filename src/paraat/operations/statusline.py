"""The one-line status message: a point's status in one short line that can be read out over the
radio, sent by SMS or a mesh network, and keyed in by an operator. Plain module, no Django.

    P1 OSS-03 221430 OPEN SENW V35 F18 NFW CR

version, point code, day and time (DDHHMM, or HHMM), state, services (S + letters), visitors
(V + number), fuel hours (F + number), needs (N + letters), check character (C + one character).
A dash means "unknown" (V-, F-) or "none" (S-, N-). The check character is ISO/IEC 7064 MOD 37-2
over everything before it (spaces ignored), so every single wrong character and every swap of two
neighbouring characters is refused. See docs/status-line.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

VERSION = "P1"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_LENGTH = 80
FUTURE_TOLERANCE = dt.timedelta(minutes=15)

# State words as spoken in Dutch; English words are accepted when keyed in.
STATES = {"OPEN": "OPEN", "BEPERKT": "LIMITED", "VOL": "FULL", "DICHT": "CLOSED"}
STATE_ALIASES = {"LIMITED": "BEPERKT", "FULL": "VOL", "CLOSED": "DICHT"}
STATE_WORD = {value: key for key, value in STATES.items()}

# Service and need letters avoid B, G, I, O, Q, S and Z, which are easily mistaken for 8, 6, 1,
# 0, 0, 5 and 2 when written down or keyed in.
SERVICE_LETTERS = {
    "N": "INFORMATION",  # iNformatie
    "M": "EMERGENCY_REPORT",  # noodMelding
    "E": "FIRST_AID",  # Eerste hulp
    "W": "DRINKING_WATER",  # Water
    "L": "CHARGING",  # opLaden
    "H": "WARMTH",  # Heat / warmte
    "T": "TOILET",  # Toilet
    "V": "FOOD_MEDICINE",  # Voedsel en medicijnen
    "P": "HELP_DESK",  # hulPbalie
    "X": "MISSING_PERSONS",  # vermiste personen
}
NEED_LETTERS = {
    "F": "FUEL",  # Fuel / brandstof
    "W": "DRINKING_WATER",  # Water
    "M": "MEDICAL",  # Medisch
    "T": "TRANSPORT",  # Transport
    "P": "STAFF",  # Personeel
    "N": "INFORMATION",  # iNformatie
    "X": "OTHER",  # overig
}
NAMES_NL = {
    "INFORMATION": "informatie", "EMERGENCY_REPORT": "noodmelding", "FIRST_AID": "eerste hulp",
    "DRINKING_WATER": "drinkwater", "CHARGING": "opladen", "WARMTH": "warmte", "TOILET": "toilet",
    "FOOD_MEDICINE": "voedsel en medicijnen", "HELP_DESK": "hulpbalie", "MISSING_PERSONS": "vermiste personen",
    "FUEL": "brandstof", "MEDICAL": "medisch", "TRANSPORT": "vervoer", "STAFF": "personeel", "OTHER": "overig",
}  # fmt: skip
SERVICE_CODE = {name: letter for letter, name in SERVICE_LETTERS.items()}
NEED_CODE = {name: letter for letter, name in NEED_LETTERS.items()}

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"  # values 0..36 in the check computation
CHECK_SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"  # MOD 37-2 check characters

NATO = {
    "A": "Alfa", "B": "Bravo", "C": "Charlie", "D": "Delta", "E": "Echo", "F": "Foxtrot", "G": "Golf",
    "H": "Hotel", "I": "India", "J": "Juliett", "K": "Kilo", "L": "Lima", "M": "Mike", "N": "November",
    "O": "Oscar", "P": "Papa", "Q": "Quebec", "R": "Romeo", "S": "Sierra", "T": "Tango", "U": "Uniform",
    "V": "Victor", "W": "Whiskey", "X": "X-ray", "Y": "Yankee", "Z": "Zulu", "0": "Nul", "1": "Een",
    "2": "Twee", "3": "Drie", "4": "Vier", "5": "Vijf", "6": "Zes", "7": "Zeven", "8": "Acht", "9": "Negen",
    "-": "Streep", "*": "Ster",
}  # fmt: skip

POINT_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")


class StatusLineError(ValueError):
    """A line that is refused, with what is wrong in Dutch and English and where."""

    def __init__(
        self, message_nl: str, message_en: str, field: str, position: int | None = None
    ) -> None:
        super().__init__(message_nl)
        self.message_nl = message_nl
        self.message_en = message_en
        self.field = field
        self.position = position


@dataclass(frozen=True)
class StatusLine:
    point_code: str
    time: dt.time
    state: str  # OPEN | LIMITED | FULL | CLOSED
    services: frozenset[str] = frozenset()
    visitors: int | None = None
    fuel_hours: int | None = None
    needs: frozenset[str] = frozenset()
    day: int | None = None


@dataclass(frozen=True)
class ParsedStatus:
    status: StatusLine
    at: dt.datetime  # aware, resolved against the reference time
    line: str  # the normalised line


def check_character(payload: str) -> str:
    """ISO/IEC 7064 MOD 37-2 over the payload's characters (spaces ignored)."""
    total = 0
    for char in payload.replace(" ", "").upper():
        value = ALPHABET.find(char)
        if value < 0:
            raise StatusLineError(
                f"Teken '{char}' mag niet in een statusregel.",
                f"Character '{char}' is not allowed in a status line.",
                "line",
            )
        total = ((total + value) * 2) % 37
    return CHECK_SYMBOLS[(38 - total) % 37]


def is_valid_check(payload: str, check: str) -> bool:
    """The check digit makes the weighted sum over payload + check congruent to 1 mod 37."""
    return check_character(payload) == check


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def make_line(status: StatusLine) -> str:
    """The line for a status, with its check character."""
    code = status.point_code.upper()
    if not POINT_RE.match(code):
        raise StatusLineError(
            "De code van het punt mag alleen letters, cijfers en streepjes bevatten.",
            "The point code may hold only letters, digits and hyphens.",
            "point",
        )
    if status.state not in STATE_WORD:
        raise StatusLineError(
            f"Onbekende toestand {status.state}.", f"Unknown state {status.state}.", "state"
        )
    when = status.time.strftime("%H%M")
    if status.day is not None:
        when = f"{status.day:02d}{when}"
    services = "".join(sorted(SERVICE_CODE[s] for s in status.services)) or "-"
    needs = "".join(sorted(NEED_CODE[n] for n in status.needs)) or "-"
    for label, value, limit in (
        ("visitors", status.visitors, 99_999),
        ("fuel", status.fuel_hours, 9_999),
    ):
        if value is not None and not 0 <= value <= limit:
            raise StatusLineError(f"{label} buiten bereik.", f"{label} out of range.", label)
    payload = f"{VERSION} {code} {when} {STATE_WORD[status.state]} S{services} V{_number(status.visitors)} F{_number(status.fuel_hours)} N{needs}"
    return f"{payload} C{check_character(payload)}"


def spoken(line: str) -> str:
    """How to read a line out over the radio: every character in the spelling alphabet, fields apart."""
    words = []
    for field_text in line.upper().split():
        if field_text in STATES:
            words.append(field_text.capitalize())
            continue
        words.append(" ".join(NATO.get(ch, ch) for ch in field_text))
    return " / ".join(words)


def blank_card(point_code: str) -> str:
    """The template printed on a point's instruction card."""
    return f"{VERSION} {point_code.upper()} DDUUMM OPEN|BEPERKT|VOL|DICHT S______ V___ F___ N___ C_"


def _positions(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+", text)]


def _letters(field_name: str, value: str, position: int, table: dict[str, str]) -> frozenset[str]:
    if value == "-":
        return frozenset()
    seen: set[str] = set()
    for offset, letter in enumerate(value):
        if letter not in table:
            allowed_nl = ", ".join(f"{k}={NAMES_NL[v]}" for k, v in table.items())
            allowed_en = ", ".join(f"{k}={v.lower().replace('_', ' ')}" for k, v in table.items())
            raise StatusLineError(
                f"Onbekende letter '{letter}' bij {'functies' if field_name == 'services' else 'behoeften'}; gebruik {allowed_nl}.",
                f"Unknown letter '{letter}' in {field_name}; use {allowed_en}.",
                field_name,
                position + offset,
            )
        if letter in seen:
            raise StatusLineError(
                f"Letter '{letter}' staat er twee keer in.",
                f"Letter '{letter}' appears twice.",
                field_name,
                position + offset,
            )
        seen.add(letter)
    return frozenset(table[letter] for letter in seen)


def _count(field_name: str, value: str, position: int, limit: int, label_nl: str) -> int | None:
    if value == "-":
        return None
    if not (value.isascii() and value.isdigit()):  # "²" is a digit to isdigit, not to int
        raise StatusLineError(
            f"{label_nl} moet een getal of een streepje zijn, niet '{value}'.",
            f"{field_name} must be a number or a dash, not '{value}'.",
            field_name,
            position,
        )
    number = int(value)
    if number > limit:
        raise StatusLineError(
            f"{label_nl} {number} is te groot (hoogstens {limit}).",
            f"{field_name} {number} is too large (at most {limit}).",
            field_name,
            position,
        )
    return number


def _resolve(day: int | None, clock: dt.time, reference: dt.datetime) -> dt.datetime:
    local = reference.astimezone(AMSTERDAM)
    if day is None:
        candidate = dt.datetime.combine(local.date(), clock, tzinfo=AMSTERDAM)
        if candidate > local + FUTURE_TOLERANCE:
            candidate -= dt.timedelta(days=1)
        return candidate
    year, month = local.year, local.month
    for _ in range(2):
        try:
            found: dt.datetime | None = dt.datetime(
                year, month, day, clock.hour, clock.minute, tzinfo=AMSTERDAM
            )
        except ValueError:
            found = None
        if found is not None and found <= local + FUTURE_TOLERANCE:
            return found
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise StatusLineError(
        f"Dag {day} bestaat niet in deze of de vorige maand.",
        f"Day {day} does not exist in this or the previous month.",
        "time",
    )


def parse_line(text: str, *, reference: dt.datetime) -> ParsedStatus:
    """Read a keyed-in line; raises StatusLineError saying what is wrong and where.

    ``reference`` (aware) is when the line was received; the time in the line is resolved to the
    latest moment at or before it (with 15 minutes' tolerance for clocks that run ahead).
    """
    if reference.tzinfo is None:
        raise ValueError("reference must be timezone-aware")
    raw = text.strip().upper()
    if not raw:
        raise StatusLineError("De regel is leeg.", "The line is empty.", "line", 0)
    if len(raw) > MAX_LENGTH:
        raise StatusLineError(
            f"De regel is te lang ({len(raw)} tekens, hoogstens {MAX_LENGTH}).",
            f"The line is too long ({len(raw)} characters, at most {MAX_LENGTH}).",
            "line",
            MAX_LENGTH,
        )
    parts = _positions(raw)
    names = ["version", "point", "time", "state", "services", "visitors", "fuel", "needs", "check"]
    if parts[0][0] != VERSION:
        raise StatusLineError(
            f"De regel moet beginnen met {VERSION} (versie van het formaat).",
            f"The line must start with {VERSION} (format version).",
            "version",
            0,
        )
    if len(parts) != len(names):
        missing = names[len(parts)] if len(parts) < len(names) else None
        if missing:
            raise StatusLineError(
                f"De regel is onvolledig: het veld '{missing}' ontbreekt (verwacht 9 velden, ontvangen {len(parts)}).",
                f"The line is incomplete: field '{missing}' is missing (expected 9 fields, got {len(parts)}).",
                missing,
                len(raw),
            )
        raise StatusLineError(
            f"De regel heeft {len(parts)} velden; verwacht 9.",
            f"The line has {len(parts)} fields; expected 9.",
            "line",
            parts[len(names)][1],
        )
    fields = dict(zip(names, parts, strict=True))
    check_text, check_pos = fields["check"]
    if len(check_text) != 2 or check_text[0] != "C":
        raise StatusLineError(
            "Het laatste veld moet C met één controleteken zijn.",
            "The last field must be C with one check character.",
            "check",
            check_pos,
        )
    code, code_pos = fields["point"]
    if not POINT_RE.match(code):
        raise StatusLineError(
            f"'{code}' is geen geldige code van een punt.",
            f"'{code}' is not a valid point code.",
            "point",
            code_pos,
        )
    when, when_pos = fields["time"]
    if not (when.isascii() and when.isdigit()) or len(when) not in (4, 6):
        raise StatusLineError(
            f"Tijd '{when}' moet UUMM of DDUUMM zijn (alleen cijfers).",
            f"Time '{when}' must be HHMM or DDHHMM (digits only).",
            "time",
            when_pos,
        )
    day = int(when[:2]) if len(when) == 6 else None
    hour, minute = int(when[-4:-2]), int(when[-2:])
    if hour > 23 or minute > 59 or (day is not None and not 1 <= day <= 31):
        raise StatusLineError(
            f"Tijd '{when}' bestaat niet.", f"Time '{when}' does not exist.", "time", when_pos
        )
    clock = dt.time(hour, minute)
    state_word, state_pos = fields["state"]
    state_word = STATE_ALIASES.get(state_word, state_word)
    if state_word not in STATES:
        raise StatusLineError(
            f"Onbekende toestand '{state_word}'; gebruik OPEN, BEPERKT, VOL of DICHT.",
            f"Unknown state '{state_word}'; use OPEN, BEPERKT, VOL or DICHT.",
            "state",
            state_pos,
        )
    values = {}
    for name, prefix in (("services", "S"), ("visitors", "V"), ("fuel", "F"), ("needs", "N")):
        value, position = fields[name]
        if not value.startswith(prefix) or len(value) < 2:
            raise StatusLineError(
                f"Veld {name} moet beginnen met {prefix} gevolgd door een waarde of een streepje.",
                f"Field {name} must start with {prefix} followed by a value or a dash.",
                name,
                position,
            )
        values[name] = (value[1:], position + 1)
    services = _letters("services", *values["services"], SERVICE_LETTERS)
    needs = _letters("needs", *values["needs"], NEED_LETTERS)
    visitors = _count("visitors", *values["visitors"], 99_999, "Het aantal bezoekers")
    fuel = _count("fuel", *values["fuel"], 9_999, "Het aantal uren brandstof")
    # The fields read well; now the check character catches what they cannot (a digit misheard).
    payload = raw[:check_pos].strip()
    expected = check_character(payload)
    if check_text[1] != expected:
        raise StatusLineError(
            f"Controleteken klopt niet: verwacht '{expected}', ontvangen '{check_text[1]}'. Er is een teken verkeerd overgenomen; lees de regel opnieuw voor.",
            f"Check character does not match: expected '{expected}', got '{check_text[1]}'. A character was taken down wrongly; read the line out again.",
            "check",
            check_pos + 1,
        )
    at = _resolve(day, clock, reference)
    status = StatusLine(
        point_code=code,
        time=clock,
        state=STATES[state_word],
        services=services,
        visitors=visitors,
        fuel_hours=fuel,
        needs=needs,
        day=day,
    )
    return ParsedStatus(status=status, at=at, line=" ".join(p for p, _ in parts))
