"""The tabs of an incident's pages: a tab shows only when its page opens for the user.

Each tab asks the same ``access`` function its view asks, so a point lead is never offered a page
that ends in 403 (issue 10: he had eight such links).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from paraat.operations import access
from paraat.operations.models import Incident


def _operations(user: Any, incident: Incident) -> bool:
    return access.can_view_operations(user, incident.region)


def _reporting(user: Any, incident: Incident) -> bool:
    return bool(access.reportable_points(user, incident))


def _region_wide(user: Any, incident: Incident) -> bool:
    return access.can_view_region_picture(user, incident.region)


def _keying_in(user: Any, incident: Incident) -> bool:
    return access.can_manage_incidents(user, incident.region)


def _any(user: Any, incident: Incident) -> bool:
    return access.can_see_incident(user, incident)


def _metrics_label(incident: Incident) -> str:
    return _("Exercise metrics") if incident.is_exercise else _("Metrics")


TABS: tuple[tuple[str, Callable[[Incident], str], Callable[[Any, Incident], bool]], ...] = (
    ("operations:incident", lambda i: _("Picture"), _operations),
    ("operations:report", lambda i: _("Report status"), _reporting),
    ("operations:checklist", lambda i: _("Opening checklist"), _reporting),
    ("operations:line", lambda i: _("Key in a line"), _keying_in),
    ("operations:requests", lambda i: _("Help requests"), _any),
    ("operations:relay", lambda i: _("Emergency reports"), _reporting),
    ("operations:log", lambda i: _("Logbook"), _region_wide),
    ("operations:sitrep", lambda i: _("Situation report"), _region_wide),
    ("operations:metrics", _metrics_label, _region_wide),
)


def incident_tabs(user: Any, incident: Incident) -> list[dict[str, Any]]:
    """``{"label", "url", "url_name"}`` for every tab the user may open."""
    return [
        {"label": label(incident), "url": reverse(name, args=[incident.pk]), "url_name": name}
        for name, label, allowed in TABS
        if allowed(user, incident)
    ]
