from __future__ import annotations

from typing import Any

from django import template

from paraat.operations.models import Incident
from paraat.operations.tabs import incident_tabs as _incident_tabs

register = template.Library()


@register.simple_tag(takes_context=True)
def incident_tabs(context: Any, incident: Incident) -> list[dict[str, Any]]:
    return _incident_tabs(context["request"].user, incident)
