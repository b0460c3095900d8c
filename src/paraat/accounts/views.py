from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts import access, queries, services
from paraat.accounts.decorators import staff_view
from paraat.accounts.forms import LoginForm, TokenForm
from paraat.accounts.models import User
from paraat.core import when


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.authenticate_with_lockout(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except services.LoginLocked as locked:
            until = when.clock(locked.until)
            form.add_error(
                None,
                _("Too many failed attempts. This account is locked until %(time)s.")
                % {"time": until},
            )
        except services.LoginFailed:
            form.add_error(None, _("The user name or password is not correct."))
        else:
            login(request, user)
            request.session["paraat_next"] = _next_url(request)
            if services.needs_second_factor(user):
                return redirect("accounts:verify")
            return redirect(request.session.pop("paraat_next", "/"))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not services.has_confirmed_device(user):
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_second_factor(
            request=request, user=user, token=form.cleaned_data["token"]
        ):
            return redirect(request.session.pop("paraat_next", "/"))
        form.add_error("token", _("This code is not correct or has expired."))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    import segno

    user = request.user
    assert isinstance(user, User)
    try:
        device = services.start_totp_enrolment(user=user)
        form = TokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if services.confirm_totp_enrolment(
                request=request, user=user, token=form.cleaned_data["token"]
            ):
                messages.success(request, _("Two-factor login is set up."))
                return redirect(request.session.pop("paraat_next", "/"))
            form.add_error("token", _("This code is not correct or has expired."))
    except services.EnrolmentRefused:
        messages.error(
            request,
            _(
                "You already have an authenticator. Log in with its code first; if you lost it, "
                "ask your region coordinator to reset your second factor."
            ),
        )
        return redirect("accounts:verify")
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    import base64

    secret_b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "accounts/setup.html", {"form": form, "qr": qr, "secret": secret_b32})


@staff_view
@require_http_methods(["GET", "POST"])
def lockouts_view(request: HttpRequest) -> HttpResponse:
    """Current lockouts of account names in the coordinator's region, each with an unlock button."""
    user = request.user
    assert isinstance(user, User)
    if not access.can_view_lockouts(user):
        raise PermissionDenied
    if request.method == "POST":
        attempt = request.POST.get("attempt", "")
        services.unlock(attempt_pk=int(attempt) if attempt.isdigit() else 0, user=user)
        messages.success(request, _("The lockout is lifted."))
        return redirect("accounts:lockouts")
    attempts = [a for a in queries.current_attempts() if access.can_unlock(user, a.username or "")]
    return render(request, "accounts/lockouts.html", {"attempts": attempts})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")
