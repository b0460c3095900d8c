"""The Django side of the one-line radio message: the read-back in words that the operator reads
out before the point lead confirms, and the printable instruction card of a point. The codec
itself is the pure ``statusline`` module."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.core import when
from paraat.operations import statusline
from paraat.operations.constants import Need, PointState
from paraat.supportpoints.constants import Service
from paraat.supportpoints.models import SupportPoint


def readback(parsed: statusline.ParsedStatus, point: SupportPoint) -> list[tuple[str, str]]:
    """The parsed line in words, field by field, for the operator to read back over the radio."""
    status = parsed.status
    services = dict(Service.choices)
    needs = dict(Need.choices)
    moment = timezone.localtime(parsed.at)
    return [
        (_("Point"), f"{point.code}, {point.name}"),
        (_("Time"), when.date_time(moment)),
        (_("State"), str(PointState(status.state.lower()).label)),
        (
            _("Services available now"),
            ", ".join(str(services[s.lower()]) for s in sorted(status.services)) or _("none"),
        ),
        (
            _("Visitors present"),
            _("unknown") if status.visitors is None else str(status.visitors),
        ),
        (
            _("Fuel hours left"),
            _("unknown") if status.fuel_hours is None else str(status.fuel_hours),
        ),
        (_("Needs"), ", ".join(str(needs[n.lower()]) for n in sorted(status.needs)) or _("none")),
    ]


def card(point: SupportPoint) -> dict[str, Any]:
    """Everything the point lead needs on paper to make a line and its check digit by hand."""
    services = dict(Service.choices)
    needs = dict(Need.choices)
    code = point.code.upper()
    return {
        "point": point,
        "code": code,
        "mark": statusline.card_mark(code),
        "spoken_code": statusline.spoken(f"{code}/{statusline.card_mark(code)}"),
        "version": statusline.VERSION,
        "states": [
            (word, str(PointState(name.lower()).label)) for word, name in statusline.STATES.items()
        ],
        "services": [
            (letter, statusline.SERVICE_VALUES[letter], str(services[name.lower()]))
            for letter, name in statusline.SERVICE_LETTERS.items()
        ],
        "needs": [
            (letter, statusline.NEED_VALUES[letter], str(needs[name.lower()]))
            for letter, name in statusline.NEED_LETTERS.items()
        ],
        "spelling": list(statusline.SPELLING.items()),
        "visitor_digits": statusline.VISITOR_DIGITS,
        "fuel_digits": statusline.FUEL_DIGITS,
        "visitor_mask": "#" * statusline.VISITOR_DIGITS,
        "fuel_mask": "#" * statusline.FUEL_DIGITS,
    }
