"""The one-line status message (format P2): a point's status in one short line that a point lead
reads out over the radio from his printed instruction card, with nothing but a pencil, and an
operator keys in. Plain module, no Django.

    P2 OSS-03/9 221430 OPEN S3ENW V0035 F018 N2FW K0

version, the point's code with its card mark (printed on the card, never computed), day and time
(DDHHMM), state, services (S + how many + letters), visitors (V + four digits), fuel hours
(F + three digits), needs (N + how many + letters), and the check digit K: the last digit of the
sum of every digit in the time, visitors and fuel fields and the card value of every service and
need letter. A dash means "unknown" (V-, F-).

Every field has a fixed width or says its own length, so a dropped or added character or a moved
space never reads as another status; the check digit catches a wrong digit or letter; the card
mark catches a wrong point code. The operator's screen reads the line back in words and the
point lead confirms it, which also catches two swapped characters. A refusal says what is wrong
and where, never what the right value would be. See docs/status-line.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from paraat.geo.text import Joined, Message, MessageError, gettext_noop

VERSION = "P2"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAX_LENGTH = 80
FUTURE_TOLERANCE = dt.timedelta(minutes=15)
VISITOR_DIGITS = 4
FUEL_DIGITS = 3

# State words as spoken in Dutch; English words are accepted when keyed in.
STATES = {"OPEN": "OPEN", "BEPERKT": "LIMITED", "VOL": "FULL", "DICHT": "CLOSED"}
STATE_ALIASES = {"LIMITED": "BEPERKT", "FULL": "VOL", "CLOSED": "DICHT"}
STATE_WORD = {value: key for key, value in STATES.items()}
# Words a point code may not be: a code that reads as a state or as the version would make a line
# that a listener can take apart in two ways.
RESERVED_CODES = frozenset({*STATES, *STATE_ALIASES, VERSION, "P1"})

# Service and need letters avoid B, G, I, O, Q, S and Z, which are easily mistaken for 8, 6, 1,
# 0, 0, 5 and 2 when written down or keyed in. Each letter has a value for the check digit,
# printed next to it on the card; within a table every value differs.
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
SERVICE_VALUES = {"N": 1, "M": 2, "E": 3, "W": 4, "L": 5, "H": 6, "T": 7, "V": 8, "P": 9, "X": 0}
NEED_LETTERS = {
    "F": "FUEL",  # Fuel / brandstof
    "W": "DRINKING_WATER",  # Water
    "M": "MEDICAL",  # Medisch
    "T": "TRANSPORT",  # Transport
    "P": "STAFF",  # Personeel
    "N": "INFORMATION",  # iNformatie
    "X": "OTHER",  # overig
}
NEED_VALUES = {"F": 1, "W": 2, "M": 3, "T": 4, "P": 5, "N": 6, "X": 7}
NAMES_NL = {
    "INFORMATION": "informatie", "EMERGENCY_REPORT": "noodmelding", "FIRST_AID": "eerste hulp",
    "DRINKING_WATER": "drinkwater", "CHARGING": "opladen", "WARMTH": "warmte", "TOILET": "toilet",
    "FOOD_MEDICINE": "voedsel en medicijnen", "HELP_DESK": "hulpbalie", "MISSING_PERSONS": "vermiste personen",
    "FUEL": "brandstof", "MEDICAL": "medisch", "TRANSPORT": "vervoer", "STAFF": "personeel", "OTHER": "overig",
}  # fmt: skip
SERVICE_CODE = {name: letter for letter, name in SERVICE_LETTERS.items()}
NEED_CODE = {name: letter for letter, name in NEED_LETTERS.items()}

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"  # values 0..36 for the card mark
CARD_SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"  # ISO/IEC 7064 MOD 37-2 check characters

# One spelling alphabet, all Dutch: the Dutch telephone alphabet with Dutch digits.
SPELLING = {
    "A": "Anton", "B": "Bernard", "C": "Cornelis", "D": "Dirk", "E": "Eduard", "F": "Ferdinand",
    "G": "Gerard", "H": "Hendrik", "I": "Izaak", "J": "Johan", "K": "Karel", "L": "Lodewijk",
    "M": "Marie", "N": "Nico", "O": "Otto", "P": "Pieter", "Q": "Quotiënt", "R": "Rudolf",
    "S": "Simon", "T": "Teunis", "U": "Utrecht", "V": "Victor", "W": "Willem", "X": "Xantippe",
    "Y": "Ypsilon", "Z": "Zaandam", "0": "nul", "1": "een", "2": "twee", "3": "drie", "4": "vier",
    "5": "vijf", "6": "zes", "7": "zeven", "8": "acht", "9": "negen", "-": "streepje",
    "/": "schuine streep", "*": "sterretje",
}  # fmt: skip

POINT_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")
FIELDS = ("version", "point", "time", "state", "services", "visitors", "fuel", "needs", "check")


class StatusLineError(MessageError):
    """A line that is refused, with what is wrong and where; never with the value that would have
    been right, so a misheard line cannot be 'fixed' by copying it. ``message`` (and ``str()``)
    reads in the active language (an English message id, translated when shown)."""

    def __init__(
        self,
        text: str,
        params: Mapping[str, Any] | None,
        field: str,
        position: int | None = None,
    ) -> None:
        super().__init__(text, params)
        self.field = field
        self.position = position

    @property
    def message(self) -> str:
        return str(self)


# The names of the service and need letters in a refusal ("use I=information, ...").
LETTER_NAMES = {
    "INFORMATION": gettext_noop("information"), "EMERGENCY_REPORT": gettext_noop("emergency report"),
    "FIRST_AID": gettext_noop("first aid"), "DRINKING_WATER": gettext_noop("drinking water"),
    "CHARGING": gettext_noop("charging"), "WARMTH": gettext_noop("warmth"),
    "TOILET": gettext_noop("toilet"), "FOOD_MEDICINE": gettext_noop("food and medicine"),
    "HELP_DESK": gettext_noop("help desk"), "MISSING_PERSONS": gettext_noop("missing persons"),
    "FUEL": gettext_noop("fuel"), "MEDICAL": gettext_noop("medical"),
    "TRANSPORT": gettext_noop("transport"), "STAFF": gettext_noop("staff"),
    "OTHER": gettext_noop("other"),
}  # fmt: skip
# What a refusal says about the letter fields, per field (one sentence each for translators).
LETTER_MESSAGES = {
    "services": {
        "count": gettext_noop(
            "The services field starts with the number of letters (0 if there are none)."
        ),
        "unknown": gettext_noop("Unknown character '%(letter)s' in services; use %(allowed)s."),
        "mismatch": gettext_noop(
            "The number of services (%(count)s) does not match the letters (%(letters)s): a "
            "character was dropped or added; read the field out again."
        ),
    },
    "needs": {
        "count": gettext_noop(
            "The needs field starts with the number of letters (0 if there are none)."
        ),
        "unknown": gettext_noop("Unknown character '%(letter)s' in needs; use %(allowed)s."),
        "mismatch": gettext_noop(
            "The number of needs (%(count)s) does not match the letters (%(letters)s): a "
            "character was dropped or added; read the field out again."
        ),
    },
}
COUNT_MESSAGES = {
    "visitors": gettext_noop(
        "The number of visitors is always %(width)s digits (with leading zeros) or a dash, not "
        "'%(value)s'."
    ),
    "fuel": gettext_noop(
        "The hours of fuel are always %(width)s digits (with leading zeros) or a dash, not "
        "'%(value)s'."
    ),
}


@dataclass(frozen=True)
class StatusLine:
    point_code: str
    time: dt.time
    state: str  # OPEN | LIMITED | FULL | CLOSED
    services: frozenset[str] = frozenset()
    visitors: int | None = None
    fuel_hours: int | None = None
    needs: frozenset[str] = frozenset()
    day: int = 1


@dataclass(frozen=True)
class ParsedStatus:
    status: StatusLine
    at: dt.datetime  # aware, resolved against the reference time
    line: str  # the normalised line


def card_mark(code: str) -> str:
    """The character printed after the point's code on its card (ISO/IEC 7064 MOD 37-2 over the
    code): any single wrong character in the code gives another mark. Nobody computes it by hand;
    it is printed on the card."""
    total = 0
    for char in code.upper():
        value = ALPHABET.find(char)
        if value < 0:
            raise StatusLineError(
                gettext_noop("Character '%(char)s' is not allowed in a point code."),
                {"char": char},
                "point",
            )
        total = ((total + value) * 2) % 37
    return CARD_SYMBOLS[(38 - total) % 37]


def code_problem(code: str) -> Message | None:
    """Why a code cannot be a point's code in a status line, or None."""
    code = code.strip().upper()
    if not POINT_RE.match(code):
        return Message(
            gettext_noop(
                "The code may hold only capital letters, digits and hyphens (at most 20 "
                "characters)."
            )
        )
    if code in RESERVED_CODES:
        return Message(
            gettext_noop(
                "The code '%(code)s' reads as a word of the status line; choose another code."
            ),
            {"code": code},
        )
    return None


def check_digit(
    when: str, visitors: str, fuel: str, services: Collection[str], needs: Collection[str]
) -> int:
    """The last digit of the sum of the digits of time, visitors and fuel and the card values of
    the service and need letters: what the point lead adds up on his card."""
    digits = sum(int(c) for c in when + visitors + fuel if c in "0123456789")
    letters = sum(SERVICE_VALUES[s] for s in services) + sum(NEED_VALUES[n] for n in needs)
    return (digits + letters) % 10


def _number(value: int | None, width: int) -> str:
    return "-" if value is None else f"{value:0{width}d}"


def make_line(status: StatusLine) -> str:
    """The line for a status, with the card mark and the check digit."""
    code = status.point_code.upper()
    problem = code_problem(code)
    if problem:
        raise StatusLineError(problem.text, problem.params, "point")
    if status.state not in STATE_WORD:
        raise StatusLineError(
            gettext_noop("Unknown state %(state)s."), {"state": status.state}, "state"
        )
    if not 1 <= status.day <= 31:
        raise StatusLineError(gettext_noop("Day out of range."), None, "time")
    when = f"{status.day:02d}{status.time.strftime('%H%M')}"
    for label, value, width in (
        ("visitors", status.visitors, VISITOR_DIGITS),
        ("fuel", status.fuel_hours, FUEL_DIGITS),
    ):
        if value is not None and not 0 <= value < 10**width:
            raise StatusLineError(gettext_noop("%(field)s out of range."), {"field": label}, label)
    services = "".join(sorted(SERVICE_CODE[s] for s in status.services))
    needs = "".join(sorted(NEED_CODE[n] for n in status.needs))
    visitors = _number(status.visitors, VISITOR_DIGITS)
    fuel = _number(status.fuel_hours, FUEL_DIGITS)
    check = check_digit(when, visitors, fuel, services, needs)
    return (
        f"{VERSION} {code}/{card_mark(code)} {when} {STATE_WORD[status.state]}"
        f" S{len(services)}{services} V{visitors} F{fuel} N{len(needs)}{needs} K{check}"
    )


def spoken(line: str) -> str:
    """How to read a line out over the radio: every character in the Dutch spelling alphabet,
    state words as words, a slash between fields."""
    words = []
    for field_text in line.upper().split():
        if field_text in STATES:
            words.append(field_text.capitalize())
            continue
        words.append(" ".join(SPELLING.get(ch, ch) for ch in field_text))
    return " / ".join(words)


def blank_card(point_code: str) -> str:
    """The template printed on a point's instruction card, with the point's own code and mark."""
    code = point_code.upper()
    return f"{VERSION} {code}/{card_mark(code)} DDUUMM OPEN|BEPERKT|VOL|DICHT S#… V#### F### N#… K#"


def _positions(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+", text)]


def _letters(
    field_name: str, value: str, position: int, table: dict[str, str]
) -> tuple[str, frozenset[str]]:
    """``value`` is the field after its prefix: how many letters, then the letters."""
    count_text = re.match(r"\d*", value).group(0)  # type: ignore[union-attr]
    letters = value[len(count_text) :]
    says = LETTER_MESSAGES[field_name]
    if not count_text:
        raise StatusLineError(says["count"], None, field_name, position)
    seen: set[str] = set()
    for offset, letter in enumerate(letters):
        where = position + len(count_text) + offset
        if letter not in table:
            allowed = Joined.of(
                (Message("%(letter)s=%(name)s", {"letter": k, "name": Message(LETTER_NAMES[v])})
                 for k, v in table.items()),
                ", ",
            )  # fmt: skip
            raise StatusLineError(
                says["unknown"], {"letter": letter, "allowed": allowed}, field_name, where
            )
        if letter in seen:
            raise StatusLineError(
                gettext_noop("Letter '%(letter)s' appears twice."),
                {"letter": letter},
                field_name,
                where,
            )
        seen.add(letter)
    if int(count_text) != len(letters):
        raise StatusLineError(
            says["mismatch"],
            {"count": int(count_text), "letters": len(letters)},
            field_name,
            position,
        )
    return letters, frozenset(table[letter] for letter in seen)


def _count(field_name: str, value: str, position: int, width: int) -> tuple[str, int | None]:
    if value == "-":
        return value, None
    # "²" is a digit to isdigit, not to int
    if not (value.isascii() and value.isdigit()) or len(value) != width:
        raise StatusLineError(
            COUNT_MESSAGES[field_name], {"width": width, "value": value}, field_name, position
        )
    return value, int(value)


def _resolve(day: int, clock: dt.time, reference: dt.datetime) -> dt.datetime:
    """The latest moment at or before ``reference`` (plus tolerance) with this day and time."""
    local = reference.astimezone(AMSTERDAM)
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
        gettext_noop("Day %(day)s does not exist in this or the previous month."),
        {"day": day},
        "time",
    )


def _split(raw: str) -> dict[str, tuple[str, int]]:
    parts = _positions(raw)
    if parts[0][0] != VERSION:
        raise StatusLineError(
            gettext_noop("The line must start with %(version)s (format version)."),
            {"version": VERSION},
            "version",
            0,
        )
    if len(parts) < len(FIELDS):
        missing = FIELDS[len(parts)]
        raise StatusLineError(
            gettext_noop(
                "The line is incomplete: field '%(field)s' is missing (expected 9 fields, got "
                "%(count)s)."
            ),
            {"field": missing, "count": len(parts)},
            missing,
            len(raw),
        )
    if len(parts) > len(FIELDS):
        raise StatusLineError(
            gettext_noop("The line has %(count)s fields; expected 9. Is there a space too many?"),
            {"count": len(parts)},
            "line",
            parts[len(FIELDS)][1],
        )
    return dict(zip(FIELDS, parts, strict=True))


def _point(text: str, position: int, known_points: Container[str] | None) -> str:
    code, _slash, letter = text.rpartition("/")
    if not code or len(letter) != 1 or not POINT_RE.match(code):
        raise StatusLineError(
            gettext_noop(
                "'%(text)s' is not a code with its card mark (like OSS-03/9; both are on the card)."
            ),
            {"text": text},
            "point",
            position,
        )
    if letter not in CARD_SYMBOLS or card_mark(code) != letter:
        raise StatusLineError(
            gettext_noop(
                "The card mark does not belong to this code: the code or the letter was taken down"
                " wrongly. Read both out again from the card."
            ),
            None,
            "point",
            position,
        )
    if known_points is not None and code not in known_points:
        raise StatusLineError(
            gettext_noop("There is no point with code %(code)s."), {"code": code}, "point"
        )
    return code


def parse_line(
    text: str, *, reference: dt.datetime, known_points: Container[str] | None = None
) -> ParsedStatus:
    """Read a keyed-in line; raises StatusLineError saying what is wrong and where.

    ``reference`` (aware) is when the line was received; the day and time in the line are resolved
    to the latest moment at or before it (with 15 minutes' tolerance for clocks that run ahead).
    ``known_points``: the codes of the region's points, when the caller knows them.
    """
    if reference.tzinfo is None:
        raise ValueError("reference must be timezone-aware")
    raw = text.strip().upper()
    if not raw:
        raise StatusLineError(gettext_noop("The line is empty."), None, "line", 0)
    if len(raw) > MAX_LENGTH:
        raise StatusLineError(
            gettext_noop("The line is too long (%(length)s characters, at most %(limit)s)."),
            {"length": len(raw), "limit": MAX_LENGTH},
            "line",
            MAX_LENGTH,
        )
    fields = _split(raw)
    code = _point(*fields["point"], known_points)
    when, when_pos = fields["time"]
    if not (when.isascii() and when.isdigit()) or len(when) != 6:
        raise StatusLineError(
            gettext_noop("Time '%(time)s' must be DDHHMM: day, hour and minute, six digits."),
            {"time": when},
            "time",
            when_pos,
        )
    day, hour, minute = int(when[:2]), int(when[2:4]), int(when[4:])
    if hour > 23 or minute > 59 or not 1 <= day <= 31:
        raise StatusLineError(
            gettext_noop("Time '%(time)s' does not exist."), {"time": when}, "time", when_pos
        )
    state_word, state_pos = fields["state"]
    state_word = STATE_ALIASES.get(state_word, state_word)
    if state_word not in STATES:
        raise StatusLineError(
            gettext_noop("Unknown state '%(state)s'; use OPEN, BEPERKT, VOL or DICHT."),
            {"state": state_word},
            "state",
            state_pos,
        )
    values = {}
    for name, prefix in (
        ("services", "S"),
        ("visitors", "V"),
        ("fuel", "F"),
        ("needs", "N"),
        ("check", "K"),
    ):
        value, position = fields[name]
        if not value.startswith(prefix) or len(value) < 2:
            raise StatusLineError(
                gettext_noop("Field %(field)s must start with %(prefix)s followed by a value."),
                {"field": name, "prefix": prefix},
                name,
                position,
            )
        values[name] = (value[1:], position + 1)
    service_letters, services = _letters("services", *values["services"], SERVICE_LETTERS)
    need_letters, needs = _letters("needs", *values["needs"], NEED_LETTERS)
    visitor_text, visitors = _count("visitors", *values["visitors"], VISITOR_DIGITS)
    fuel_text, fuel = _count("fuel", *values["fuel"], FUEL_DIGITS)
    check_text, check_pos = values["check"]
    if len(check_text) != 1 or not (check_text.isascii() and check_text.isdigit()):
        raise StatusLineError(
            gettext_noop("The last field is K with one digit."), None, "check", check_pos
        )
    # The fields read well; the check digit catches a wrong digit or letter that still reads.
    if check_digit(when, visitor_text, fuel_text, service_letters, need_letters) != int(check_text):
        raise StatusLineError(
            gettext_noop(
                "The check digit does not match: a digit or letter was taken down or added up "
                "wrongly. Add up again on the card and read the line out again."
            ),
            None,
            "check",
            check_pos,
        )
    clock = dt.time(hour, minute)
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
    return ParsedStatus(status=status, at=at, line=" ".join(p for p, _ in fields.values()))
