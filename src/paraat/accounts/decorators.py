from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from paraat.accounts import access


def staff_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Logged in, and past the second factor where the role needs one; else to the right step."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not access.is_active(user):
            return redirect_to_login(request.get_full_path())
        if not access.second_factor_ok(user):
            return redirect("accounts:verify")
        return view(request, *args, **kwargs)

    return wrapper
