"""Template filters for ``paraat.core.when``: ``{{ x|day }}``, ``{{ x|day_time }}``,
``{{ x|clock }}``, ``{{ x|ago }}``. Built into every template (settings ``TEMPLATES``)."""

from __future__ import annotations

from typing import Any

from django import template

from paraat.core import when

register = template.Library()


@register.filter
def day(value: Any) -> str:
    return when.date(value) if value else ""


@register.filter
def day_time(value: Any) -> str:
    return when.date_time(value) if value else ""


@register.filter
def clock(value: Any) -> str:
    return when.clock(value) if value else ""


@register.filter
def ago(value: Any) -> str:
    return when.ago(value) if value else ""
