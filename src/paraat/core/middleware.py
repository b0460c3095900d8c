from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from paraat.core.audit import acting_as


class AuditActorMiddleware:
    """Attribute every change made during a request to the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (``PARAAT_PERMISSIONS_POLICY``) on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PARAAT_PERMISSIONS_POLICY)
        return response
