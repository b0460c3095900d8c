"""Wording shared by decision points, tables, injects and the chart (Dutch first, English)."""

from __future__ import annotations

STATE_LABELS = {
    "nl": {"up": "werkt", "degraded": "verstoord", "down": "uitgevallen"},
    "en": {"up": "working", "degraded": "degraded", "down": "down"},
}
CONFIDENCE_LABELS = {
    "nl": {"high": "hoog", "medium": "middel", "low": "laag"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}
NOT_WITHIN = {"nl": "niet binnen {horizon}", "en": "not within {horizon}"}


def format_offset(hours: float, lang: str = "nl") -> str:
    """T+2u15 / T+3d 4u in Dutch, T+2h15 / T+3d 4h in English; whole minutes."""
    unit = "u" if lang == "nl" else "h"
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
        return NOT_WITHIN[lang].format(horizon=format_offset(horizon, lang))
    return format_offset(hours, lang)


def percent(probability: float) -> str:
    return f"{probability * 100:.0f}%"
