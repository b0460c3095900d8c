"""The continuity registers: every organisation's critical processes and the form to keep one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.core.forms import add_service_errors
from paraat.programme import access, register, services
from paraat.programme.forms import ProcessForm
from paraat.supportpoints.access import editable_municipality_ids


@staff_view
def registers(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_programme(request.user, region):
        raise PermissionDenied
    editable = editable_municipality_ids(request.user, region)
    can_manage = access.can_manage_programme(request.user, region)
    registers = [
        (reg, can_manage if reg.municipality is None else editable is None or reg.municipality.pk in editable)
        for reg in register.for_region(region)
    ]  # fmt: skip
    return render(request, "programme/continuity.html", {
        "region": region, "registers": registers,
        "can_add": access.can_add_activities(request.user, region),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_add_activities(request.user, region):
        raise PermissionDenied
    process = access.process_for_user(request.user, region, pk) if pk else None
    initial = {"municipality": request.GET.get("municipality")} if process is None else None
    form = ProcessForm(
        request.POST or None, instance=process, initial=initial, region=region,
        municipality_ids=editable_municipality_ids(request.user, region),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["municipality"]
        if not access.can_edit_place(request.user, region, place):
            raise PermissionDenied
        try:
            services.save_process(region=region, process=process, data=form.cleaned_data, user=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Process saved."))
            return redirect("programme:continuity")
    return render(request, "programme/form.html", {
        "form": form, "title": process.name if process else _("Add a critical process"),
        "back": reverse("programme:continuity"),
        "delete": reverse("programme:process-delete", args=[process.pk]) if process else None,
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def process_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    process = access.process_for_user(request.user, region, pk)
    if request.method == "POST":
        services.delete_process(process=process, user=request.user)
        messages.success(request, _("Process removed from the register."))
        return redirect("programme:continuity")
    return render(request, "programme/process_delete.html", {"process": process})
