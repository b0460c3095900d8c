"""The staff menu: an entry shows only when its page will open for the user.

Each entry names the access function its page's view calls, so the menu holds no rules of its own:
change who may open a page in the app's ``access.py`` and the menu follows. An app that adds a page
to the menu adds one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    app: str  # the installed app that serves the page
    rule: str  # "module:function" taking (user, region), the check of the page's own view
    # The entry asks a narrower rule than its page (the page also opens read-only for others).
    narrower: bool = False


MAIN_MENU = (
    MenuItem(_("Region"), "areas:region", "paraat.areas", "paraat.areas.access:can_view_region"),
    MenuItem(
        _("Region settings"),
        "areas:settings",
        "paraat.areas",
        "paraat.areas.access:can_edit_region_settings",
    ),
    MenuItem(
        _("Support points"),
        "supportpoints:list",
        "paraat.supportpoints",
        "paraat.supportpoints.access:can_view_points",
    ),
    MenuItem(
        _("Operations"),
        "operations:incidents",
        "paraat.operations",
        "paraat.operations.access:can_open_incident_list",
    ),
    MenuItem(
        _("Planning"), "planning:overview", "paraat.planning", "paraat.planning.access:can_read"
    ),
    MenuItem(
        _("Outage clock"),
        "cascades:timeline",
        "paraat.cascades",
        "paraat.cascades.access:can_view_timeline",
    ),
    MenuItem(_("Alerts"), "alerts:list", "paraat.alerts", "paraat.alerts.access:can_view_alerts"),
    MenuItem(
        _("Volunteers"),
        "community:volunteers",
        "paraat.community",
        "paraat.community.access:can_view_volunteers",
    ),
    MenuItem(
        _("Initiatives"),
        "community:initiatives",
        "paraat.community",
        "paraat.community.access:can_view_initiatives",
    ),
    MenuItem(
        _("Partners"),
        "community:partners",
        "paraat.community",
        "paraat.community.access:can_view_partners",
    ),
    MenuItem(
        _("Programme"),
        "programme:matrix",
        "paraat.programme",
        "paraat.programme.access:can_view_programme",
    ),
    MenuItem(
        _("Public information"),
        "publicinfo:editor-advice",
        "paraat.publicinfo",
        "paraat.publicinfo.access:can_edit_advice",
        narrower=True,  # offered to those who edit the texts; everyone may read the overview
    ),
    MenuItem(
        _("Knowledge"),
        "knowledge:list",
        "paraat.knowledge",
        "paraat.knowledge.access:can_view_knowledge",
    ),
    MenuItem(
        _("Conflict log"), "sync:conflicts", "paraat.sync", "paraat.sync.access:can_view_conflicts"
    ),
    MenuItem(
        _("This instance"), "sync:instance", "paraat.sync", "paraat.sync.access:can_view_instance"
    ),
)


def _rule(path: str) -> Any:
    module, name = path.split(":")
    return getattr(import_module(module), name)


def main_menu(user: Any) -> list[dict[str, Any]]:
    """The entries of ``MAIN_MENU`` the user may open, as ``{"label", "url", "url_name"}``."""
    if user is None or not user.is_authenticated:
        return []
    from paraat.accounts.access import can_sign_in
    from paraat.areas.access import region_for_user

    try:
        region = region_for_user(user)
    except PermissionDenied:
        # A partner has no staff pages, yet has a region: its knowledge platform.
        if not (can_sign_in(user) and user.region is not None):
            return []
        region = user.region
    except Http404:
        return []
    items = []
    for item in MAIN_MENU:
        if not apps.is_installed(item.app) or not _rule(item.rule)(user, region):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an app without that page in this installation
            continue
        items.append({"label": item.label, "url": url, "url_name": item.url_name})
    return items
