"""Bringing in people: the coordinator's accounts page, invitations, password reset, own tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts import access, services, tokens
from paraat.accounts.decorators import staff_view
from paraat.accounts.forms import InviteForm, PasswordResetRequestForm, TokenCreateForm
from paraat.accounts.models import ApiToken, User


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@staff_view
@require_http_methods(["GET", "POST"])
def people_view(request: HttpRequest) -> HttpResponse:
    """The coordinator's list of the region's accounts, with the invitation form."""
    coordinator = request.user
    if not access.can_manage_accounts(coordinator):
        raise PermissionDenied
    assert isinstance(coordinator, User)
    form = InviteForm(request.POST or None, region=coordinator.region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_user(
                username=data["username"],
                email=data["email"],
                role=data["role"],
                region=coordinator.region,
                municipalities=data["municipalities"],
                points=data["points"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                base_url=_base_url(request),
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is invited by e-mail to %(email)s.")
                % {"name": user.username, "email": user.email},
            )
            return redirect("accounts:people")
    users = (
        User.objects.filter(region=coordinator.region)
        .prefetch_related("municipalities", "led_points")
        .order_by("-is_active", "username")
    )
    return render(request, "accounts/people.html", {"form": form, "users": users})


def _managed(request: HttpRequest, pk: int) -> User:
    target = get_object_or_404(User, pk=pk, region=getattr(request.user, "region", None))
    if not access.can_manage_account(request.user, target):
        raise PermissionDenied
    return target


@staff_view
@require_POST
def deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = services.deactivate_user(user=_managed(request, pk))
    messages.success(request, _("%(name)s can no longer log in.") % {"name": target.username})
    return redirect("accounts:people")


@staff_view
@require_POST
def reinvite_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed(request, pk)
    services.send_invitation(user=target, base_url=_base_url(request))
    messages.success(request, _("A new invitation went to %(email)s.") % {"email": target.email})
    return redirect("accounts:people")


@staff_view
@require_POST
def reset_second_factor_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = _managed(request, pk)
    services.reset_second_factor(user=target, reason=request.POST.get("reason", "")[:200])
    messages.success(
        request,
        _("%(name)s sets up a new authenticator app at the next login.")
        % {"name": target.username},
    )
    return redirect("accounts:people")


@staff_view
@require_http_methods(["GET", "POST"])
def me_view(request: HttpRequest) -> HttpResponse:
    """The user's own page: API tokens (a new key is shown once) and revocation."""
    user = request.user
    assert isinstance(user, User)
    form = TokenCreateForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        _token, new_key = tokens.create_api_token(
            user=user, days=form.cleaned_data["days"], name=form.cleaned_data["name"], actor=user
        )
        form = TokenCreateForm()
    context: dict[str, Any] = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.of_user(user),
        "can_manage_accounts": access.can_manage_accounts(user),
    }
    return render(request, "accounts/me.html", context)


@staff_view
@require_POST
def revoke_token_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke_api_token(token=token, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The key %(prefix)s no longer works.") % {"prefix": token.prefix})
    return redirect("accounts:me")


@require_http_methods(["GET", "POST"])
def password_reset_view(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.send_password_reset(email=form.cleaned_data["email"], base_url=_base_url(request))
        return render(request, "accounts/password_reset_sent.html")
    return render(request, "accounts/password_reset.html", {"form": form})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Set a password from a one-time e-mail link (an invitation or a reset), valid 72 hours.

    After it the holder logs in; a staff role then enrols TOTP when the install requires it.
    """

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password is set. Log in with it now."))
        return super().form_valid(form)
