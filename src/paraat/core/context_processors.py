from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def paraat(request: HttpRequest) -> dict[str, Any]:
    return {
        "PARAAT_ENV": settings.PARAAT_ENV,
        "PARAAT_VERSION": _version(),
    }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("paraat")
    except PackageNotFoundError:
        return "dev"
