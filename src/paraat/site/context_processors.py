from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from paraat.site.menu import main_menu


def paraat(request: HttpRequest) -> dict[str, Any]:
    return {
        "PARAAT_ENV": settings.PARAAT_ENV,
        "PARAAT_VERSION": _version(),
        # A callable: the template asks only where the staff menu is shown (never on public pages).
        "main_menu": lambda: main_menu(getattr(request, "user", None)),
    }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("paraat")
    except PackageNotFoundError:
        return "dev"
