from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest


def paraat(request: HttpRequest) -> dict[str, Any]:
    return {
        "PARAAT_ENV": settings.PARAAT_ENV,
        "PARAAT_VERSION": _version(),
        # A callable: the template asks only where the staff menu is shown (never on public pages).
        "can_edit_public_info": lambda: can_edit_public_info(request),
    }


def can_edit_public_info(request: HttpRequest) -> bool:
    """Whether the menu offers the public-information editor: the user may change its texts."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not apps.is_installed("paraat.publicinfo"):
        return False
    from paraat.areas.access import region_for_user
    from paraat.publicinfo import access

    try:
        region = region_for_user(user)
    except (PermissionDenied, Http404):
        return False
    return access.can_edit_advice(user, region)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("paraat")
    except PackageNotFoundError:
        return "dev"
