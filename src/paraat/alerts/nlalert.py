"""NL-Alert-style text for cell broadcast (no Django): Dutch, then ``***``, then English.

The limit: a cell broadcast message (3GPP TS 23.041, ETSI EU-Alert) has at most 15 pages of
82 octets. In the GSM 7-bit default alphabet that is 93 characters a page, 1,395 in all (the
characters ``^{}\\[~]|€`` take two); one character outside that alphabet (for example ``ë`` or
an emoji) switches the whole message to UCS-2: 41 characters a page, 615 in all. Typographic
quotes, dashes and the ellipsis are written as their plain forms so they do not force UCS-2.
When the text is too long, the last lines of the instructions go first, then the description is
cut; the author sees that it was shortened.
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
    """The cell broadcast text; shortened (instructions first) until it fits the limit."""
    parts = {"nl": nl, "en": en}
    instructions = {lang: _lines(part.instruction) for lang, part in parts.items()}
    descriptions = {lang: " ".join(_lines(part.description)) for lang, part in parts.items()}
    shortened = False
    while True:
        text = f"\n{SEPARATOR}\n".join(
            _block(parts[lang], lang, status, instructions[lang], descriptions[lang])
            for lang in ("nl", "en")
        )
        length, limit, encoding = measure(text)
        if length <= limit:
            return CellText(text, length, limit, encoding, shortened)
        shortened = True
        longest = max(("nl", "en"), key=lambda lang: len(instructions[lang]))
        if instructions[longest]:
            instructions[longest].pop()
            continue
        longest = max(("nl", "en"), key=lambda lang: len(descriptions[lang]))
        if len(descriptions[longest]) <= 20:
            return CellText(text, length, limit, encoding, shortened)
        over = length - limit
        cut = max(20, len(descriptions[longest]) - over - 4)
        descriptions[longest] = descriptions[longest][:cut].rstrip() + "..."
