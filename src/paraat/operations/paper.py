"""Paper for a point when screens are dark: its radio card, and blank forms for status reports and
help requests whose boxes follow the fields of the one-line status message, so that what a point
lead writes down can be read out over the radio as it stands (docs/status-line.md).

Every text goes through gettext; the caller picks the language (the blackout kit prints Dutch).
The field lists come from the codec (`statusline`) and the model choices, never from copies.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from paraat.core.pdf import a4_report
from paraat.operations import radio, statusline
from paraat.operations.constants import Need, Priority
from paraat.supportpoints.models import SupportPoint

FORM_ROWS = 14  # status lines per page of the status form: one every half hour for seven hours


def _styles() -> Any:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    styles = getSampleStyleSheet()
    styles.add(ParagraphStyle("Small", parent=styles["Normal"], fontSize=8, leading=10))
    styles.add(ParagraphStyle("Cell", parent=styles["Normal"], fontSize=9, leading=11))
    return styles


def _grid(
    rows: list[list[Any]],
    widths: list[float],
    *,
    header: bool = True,
    heights: list[float | None] | None = None,
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ]
    table.setStyle(TableStyle(style))
    return table


def _heading(point: SupportPoint, title: str) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles()
    code = point.code.upper()
    return [
        Paragraph(title, styles["Title"]),
        Paragraph(
            _("Point %(code)s/%(mark)s — %(name)s")
            % {"code": code, "mark": statusline.card_mark(code), "name": point.name},
            styles["Heading2"],
        ),
        Spacer(1, 2 * mm),
    ]


def _letters(card: dict[str, Any]) -> list[Any]:
    """The tables of service and need letters with their values for the check digit."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles()
    story: list[Any] = []
    for caption, rows in (
        (_("Services (S)"), "services"),
        (_("Needs (N)"), "needs"),
    ):
        table = [[_("Letter"), _("Value"), caption]] + [
            [letter, str(value), label] for letter, value, label in card[rows]
        ]
        story += [
            Paragraph(caption, styles["Heading3"]),
            _grid(table, [18 * mm, 18 * mm, 100 * mm]),
            Spacer(1, 2 * mm),
        ]
    return story


def radio_card(point: SupportPoint) -> bytes:
    """The radio card of ``point`` as an A4 PDF: the same content as its printable page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles()
    card = radio.card(point)
    story = _heading(
        point, _("Radio card for %(code)s %(name)s") % {"code": card["code"], "name": point.name}
    )
    story += [
        Paragraph(
            _(
                "When phones and internet are down, report the state of your point in one line "
                "over the radio. You need only this card and a pencil."
            ),
            styles["Normal"],
        ),
        Paragraph(
            _("Say: %(spoken)s") % {"spoken": card["spoken_code"]},
            styles["Normal"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(_("Fill in the line"), styles["Heading3"]),
        Paragraph(_line_pattern(card), styles["Code"]),
        _grid(
            [[_("Field"), _("What you write"), _("Example")]]
            + [[Paragraph(cell, styles["Cell"]) for cell in row] for row in _field_rows(card)],
            [22 * mm, 120 * mm, 28 * mm],
        ),
        Spacer(1, 2 * mm),
        *_letters(card),
        Paragraph(_("The check digit K"), styles["Heading3"]),
        Paragraph(
            _("Add up every digit of the time, of V and of F (a dash counts as nothing).")
            + " "
            + _(
                "Add the value of every service letter and every need letter from the tables above."
            )
            + " "
            + _("K is the last digit of the total."),
            styles["Normal"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(_("Spelling alphabet"), styles["Heading3"]),
        Paragraph(
            ", ".join(f"{char} = {word}" for char, word in card["spelling"]), styles["Small"]
        ),
    ]
    title = _("Radio card %(code)s") % {"code": card["code"]}
    return a4_report(story, title=title, footer=title, page_label=_("page") + " ")


def _line_pattern(card: dict[str, Any]) -> str:
    return (
        f"{card['version']} {card['code']}/{card['mark']} DDUUMM {_('STATE')} S# "
        f"V{card['visitor_mask']} F{card['fuel_mask']} N# K#"
    )


def _field_rows(card: dict[str, Any]) -> list[list[str]]:
    states = ", ".join(f"{word} ({label})" for word, label in card["states"])
    return [
        ["DDUUMM", _("day of the month, hour and minute: always six digits"), "221430"],
        [_("STATE"), states, "OPEN"],
        [
            "S",
            _("S, how many services you offer now, then their letters (S0 if none)"),
            "S3ENW",
        ],
        [
            "V",
            _(
                "V and the number of people present in %(n)s digits, with leading zeros; V- if "
                "you do not know"
            )
            % {"n": card["visitor_digits"]},
            "V0035",
        ],
        [
            "F",
            _(
                "F and the hours of fuel left in %(n)s digits, with leading zeros; F- if unknown "
                "or no generator"
            )
            % {"n": card["fuel_digits"]},
            "F018",
        ],
        ["N", _("N, how many things you need, then their letters (N0 if nothing)"), "N2FW"],
        ["K", _("K and the check digit, worked out below"), "K0"],
    ]


def status_form(point: SupportPoint) -> bytes:
    """A blank form for a point's status lines: one row per report, one box per field of the
    line, in the order they are read out, with a box to tick when the operator read it back."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles()
    card = radio.card(point)
    story = _heading(point, _("Status form"))
    story += [
        Paragraph(
            _(
                "Write one line per report, field by field, then read it out over the radio as "
                "it stands: %(pattern)s. Tick the last box when the operator has read it back "
                "correctly."
            )
            % {"pattern": _line_pattern(card)},
            styles["Normal"],
        ),
        Spacer(1, 2 * mm),
    ]
    states = " / ".join(word for word, _label in card["states"])
    header = [
        "DDUUMM",
        _("STATE") + f"\n{states}",
        "S",
        "V" + card["visitor_mask"],
        "F" + card["fuel_mask"],
        "N",
        "K",
        _("read back"),
    ]
    widths = [22 * mm, 40 * mm, 26 * mm, 18 * mm, 16 * mm, 22 * mm, 10 * mm, 26 * mm]
    rows = [header] + [[""] * len(header) for _row in range(FORM_ROWS)]
    # Rows tall enough to write in by hand.
    table = _grid(rows, widths, heights=[None] + [9 * mm] * FORM_ROWS)
    story += [table, Spacer(1, 3 * mm), *_letters(card)]
    title = _("Status form %(code)s") % {"code": card["code"]}
    return a4_report(story, title=title, footer=title, page_label=_("page") + " ")


def request_form(point: SupportPoint) -> bytes:
    """A blank form for help requests at a point, one request per block, with the same kinds,
    priorities and need letters the operators' screen and the status line use."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    styles = _styles()
    card = radio.card(point)
    letters = {name.lower(): letter for letter, name in statusline.NEED_LETTERS.items()}
    kinds = "   ".join(f"[ ] {letters.get(value, '?')} {label}" for value, label in Need.choices)
    priorities = "   ".join(f"[ ] {label}" for _value, label in Priority.choices)
    story = _heading(point, _("Help request form"))
    story += [
        Paragraph(
            _(
                "One block per request. Read the point code, the time, the letter of the kind and "
                "the priority out over the radio first, then the description."
            ),
            styles["Normal"],
        ),
        Spacer(1, 2 * mm),
    ]
    for number in range(1, 4):
        rows = [
            [_("Request %(n)s") % {"n": number}, ""],
            [_("Time (DDUUMM)"), ""],
            [_("Kind"), Paragraph(kinds, styles["Cell"])],
            [_("Priority"), Paragraph(priorities, styles["Cell"])],
            [_("Description"), ""],
            [_("Asked by (name, how to reach)"), ""],
            [_("Passed to (who, at what time)"), ""],
            [_("Done (time, outcome)"), ""],
        ]
        heights = [None, 8 * mm, None, None, 24 * mm, 9 * mm, 9 * mm, 12 * mm]
        table = _grid(rows, [50 * mm, 130 * mm], heights=heights)
        story += [KeepTogether([table]), Spacer(1, 4 * mm)]
    title = _("Help request form %(code)s") % {"code": card["code"]}
    return a4_report(story, title=title, footer=title, page_label=_("page") + " ")
