"""Wording shared by decision points, tables, injects and the chart.

English message ids, translated into the output's language (``lang``) by the Django layer
(``paraat.geo.text.in_language``); the Dutch lives in the catalogue. Without Django they read in
English. What a scenario says (service names, effects, decision texts) is its own data, in both
languages.
"""

from __future__ import annotations

from paraat.geo.text import in_language, pgettext

STATES = {
    "up": pgettext("service state", "working"),
    "degraded": pgettext("service state", "degraded"),
    "down": pgettext("service state", "down"),
}
CONFIDENCE = {
    "high": pgettext("confidence of a figure", "high"),
    "medium": pgettext("confidence of a figure", "medium"),
    "low": pgettext("confidence of a figure", "low"),
}
NOT_WITHIN = pgettext("time offset", "not within %(horizon)s")
# The hour in an offset such as T+2h15 (Dutch: T+2u15); days are "d" in both.
HOUR = pgettext("time offset: the letter for hours, as in T+2h15", "h")


def state_label(state: str, lang: str) -> str:
    """'working', 'degraded' or 'down' in ``lang``."""
    return in_language(lang, STATES[state])


def confidence_label(level: str, lang: str) -> str:
    return in_language(lang, CONFIDENCE[level])


def words(lang: str, **messages: str) -> dict[str, str]:
    """Each message (from ``gettext_noop`` or ``pgettext``) in ``lang``, by its name."""
    return {name: in_language(lang, message) for name, message in messages.items()}


def format_offset(hours: float, lang: str = "nl") -> str:
    """T+2u15 / T+3d 4u in Dutch, T+2h15 / T+3d 4h in English; whole minutes."""
    unit = in_language(lang, HOUR)
    minutes = int(round(hours * 60))
    if minutes <= 0:
        return "T0"
    days, rest = divmod(minutes, 24 * 60)
    whole, mins = divmod(rest, 60)
    if days >= 2:
        text = f"T+{days}d"
        if whole or mins:
            text += f" {whole}{unit}" + (f"{mins:02d}" if mins else "")
        return text
    whole += days * 24
    return f"T+{whole}{unit}" + (f"{mins:02d}" if mins else "")


def format_optional(hours: float | None, horizon: float, lang: str = "nl") -> str:
    """An offset, or 'not within 7 days' style text when it falls outside the horizon."""
    if hours is None:
        return in_language(lang, NOT_WITHIN) % {"horizon": format_offset(horizon, lang)}
    return format_offset(hours, lang)


def percent(probability: float) -> str:
    return f"{probability * 100:.0f}%"
