"""The region's settings page: alert identity, public-site texts and planning defaults."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas import access, services
from paraat.areas.constants import DEFAULT_CAPACITY, DEFAULT_THRESHOLD_M
from paraat.areas.forms import RegionSettingsForm
from paraat.core.forms import add_service_errors


@staff_view
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    region = access.region_for_user(request.user)
    if not access.can_edit_region_settings(request.user, region):
        raise PermissionDenied
    initial = {name: getattr(region, name) for name in services.SETTINGS_FIELDS}
    national = {
        "threshold_m": f"{DEFAULT_THRESHOLD_M:.0f}",
        "capacity": DEFAULT_CAPACITY,
        "small_count": settings.PARAAT_SMALL_COUNT_THRESHOLD,
    }
    form = RegionSettingsForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        national=national,
        norm_versions=services.norm_versions(region),
        max_logo_kb=settings.PARAAT_LOGO_MAX_KB,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_region_settings(region=region, **form.arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The settings of the region are saved."))
            return redirect("areas:settings")
    return render(
        request,
        "areas/settings.html",
        {"form": form, "region": region},
        status=400 if form.errors else 200,
    )
