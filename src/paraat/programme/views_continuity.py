"""The continuity registers: every organisation's critical processes and the form to keep one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.programme import access, register, services
from paraat.programme.editing import edit_placed, remove_placed
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
    return edit_placed(
        request, region=region, record=process, form_class=ProcessForm,
        save=lambda data: services.save_process(region=region, process=process, data=data, user=request.user),
        saved=_("Process saved."), done=lambda _saved: reverse("programme:continuity"),
        title=process.name if process else _("Add a critical process"),
        back=reverse("programme:continuity"), delete="programme:process-delete",
    )  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def process_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    process = access.process_for_user(request.user, region, pk)
    return remove_placed(
        request, remove=lambda: services.delete_process(process=process, user=request.user),
        removed=_("Process removed from the register."), done=reverse("programme:continuity"),
        template="programme/process_delete.html", context={"process": process},
    )  # fmt: skip
