"""NL-Alert-style text for cell broadcast (no Django): Dutch, then ``***``, then English.

The limit: a cell broadcast message (3GPP TS 23.041, ETSI EU-Alert) has at most 15 pages of
82 octets. In the GSM 7-bit default alphabet that is 93 characters a page, 1,395 in all (the
characters ``^{}\\[~]|€`` take two); one character outside that alphabet (for example ``ë`` or
an emoji) switches the whole message to UCS-2: 41 characters a page, 615 in all. Typographic
quotes, dashes and the ellipsis are written as their plain forms so they do not force UCS-2.
When the text is too long, the advice is shortened first (its last lines go first), then the
description is cut; the list of nearest noodsteunpunten under its heading (``POINTS_HEADING``) is
kept, in both languages: it is what a resident without power or internet needs most. Only when
even that does not fit are the farthest points dropped, never the nearest one and never leaving
the heading alone. The author sees that it was shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGES = 15
GSM_PAGE = 93
UCS2_PAGE = 41
GSM_LIMIT = PAGES * GSM_PAGE  # 1395
UCS2_LIMIT = PAGES * UCS2_PAGE  # 615
SEPARATOR = "***"

GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")
PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)
PREFIX = {
    "Exercise": {"nl": "OEFENING", "en": "EXERCISE"},
    "Test": {"nl": "TEST", "en": "TEST"},
}
MORE = {"nl": "Meer informatie", "en": "More information"}
# The heading above the nearest points in an instruction (the alert templates write it).
POINTS_HEADING = {
    "nl": "Noodsteunpunten dichtbij:",
    "en": "Emergency support points nearby:",
}


@dataclass(frozen=True)
class Part:
    """One language's text: what is happening, what to do, where to find more."""

    headline: str
    description: str
    instruction: str = ""
    web: str = ""


@dataclass(frozen=True)
class CellText:
    text: str
    length: int  # in characters of its encoding (GSM septets or UCS-2 units)
    limit: int
    encoding: str  # "GSM-7" or "UCS-2"
    shortened: bool

    @property
    def fits(self) -> bool:
        return self.length <= self.limit

    @property
    def pages(self) -> int:
        per_page = GSM_PAGE if self.encoding == "GSM-7" else UCS2_PAGE
        return -(-self.length // per_page)


def measure(text: str) -> tuple[int, int, str]:
    """(length, limit, encoding) of ``text`` as a cell broadcast message."""
    if all(char in GSM_BASIC or char in GSM_EXTENDED for char in text):
        return sum(2 if char in GSM_EXTENDED else 1 for char in text), GSM_LIMIT, "GSM-7"
    return len(text.encode("utf-16-le")) // 2, UCS2_LIMIT, "UCS-2"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.translate(PLAIN).splitlines() if line.strip()]


def _split(lines: list[str], language: str) -> tuple[list[str], list[str]]:
    """(advice lines, point lines) of an instruction; the point lines start with the heading."""
    headings = set(POINTS_HEADING.values())
    for index, line in enumerate(lines):
        if line in headings or line == POINTS_HEADING.get(language):
            return lines[:index], lines[index:]
    return lines, []


def _block(part: Part, language: str, status: str, instruction: list[str], description: str) -> str:
    prefix = PREFIX.get(status, {}).get(language)
    headline = " ".join(part.headline.translate(PLAIN).split())
    lines = [f"{prefix}: {headline}" if prefix else headline]
    if description:
        lines.append(description)
    lines += instruction
    if part.web:
        lines.append(f"{MORE[language]}: {part.web}")
    return "\n".join(lines)


def compose(nl: Part, en: Part, *, status: str = "Actual") -> CellText:
    """The cell broadcast text; shortened (advice first, points last) until it fits the limit."""
    parts = {"nl": nl, "en": en}
    advice: dict[str, list[str]] = {}
    points: dict[str, list[str]] = {}
    for lang, part in parts.items():
        advice[lang], points[lang] = _split(_lines(part.instruction), lang)
    descriptions = {lang: " ".join(_lines(part.description)) for lang, part in parts.items()}
    shortened = False
    while True:
        text = f"\n{SEPARATOR}\n".join(
            _block(parts[lang], lang, status, advice[lang] + points[lang], descriptions[lang])
            for lang in ("nl", "en")
        )
        length, limit, encoding = measure(text)
        if length <= limit:
            return CellText(text, length, limit, encoding, shortened)
        shortened = True
        if _drop_advice(advice):
            continue
        if _cut_description(descriptions, length - limit):
            continue
        if _drop_farthest_point(points):
            continue
        return CellText(text, length, limit, encoding, shortened)


def _drop_advice(advice: dict[str, list[str]]) -> bool:
    """Drop the last advice line of the language with the most advice text."""
    longest = max(("nl", "en"), key=lambda lang: sum(len(line) for line in advice[lang]))
    if not advice[longest]:
        return False
    advice[longest].pop()
    return True


def _cut_description(descriptions: dict[str, str], over: int) -> bool:
    longest = max(("nl", "en"), key=lambda lang: len(descriptions[lang]))
    if len(descriptions[longest]) <= 20:
        return False
    cut = max(20, len(descriptions[longest]) - over - 4)
    descriptions[longest] = descriptions[longest][:cut].rstrip() + "..."
    return True


def _drop_farthest_point(points: dict[str, list[str]]) -> bool:
    """The list is nearest first: drop the last point, keeping the heading and one point."""
    longest = max(("nl", "en"), key=lambda lang: len(points[lang]))
    if len(points[longest]) <= 2:
        return False
    points[longest].pop()
    return True
