"""``{{ share|percent }}``: a share (0.019) as the planning pages show it, "1,9%"."""

from __future__ import annotations

from django import template

from paraat.planning import explain

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    return explain.percent(share)
