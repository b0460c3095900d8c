"""The training and exercise calendar: the list, the forms and "exercised in the last 12 months"."""

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
from paraat.areas.models import Municipality
from paraat.core.forms import add_service_errors
from paraat.programme import access, calendar, services
from paraat.programme.forms import TrainingForm
from paraat.supportpoints.access import editable_municipality_ids


@staff_view
def calendar_view(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_programme(request.user, region):
        raise PermissionDenied
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    code = request.GET.get("municipality", "").upper()
    chosen = next((m for m in municipalities if m.code == code), None)
    editable = editable_municipality_ids(request.user, region)
    can_manage = access.can_manage_programme(request.user, region)
    found = calendar.calendar(region, chosen)

    def rows(entries: list[calendar.Entry]) -> list[tuple[calendar.Entry, bool]]:
        return [
            (e, can_manage if e.event.municipality_id is None else editable is None or e.event.municipality_id in editable)
            for e in entries
        ]  # fmt: skip

    return render(request, "programme/calendar.html", {
        "region": region, "upcoming": rows(found.upcoming), "past": rows(found.past),
        "municipalities": municipalities, "chosen": chosen,
        "can_add": access.can_add_activities(request.user, region),
    })  # fmt: skip


@staff_view
def exercised_view(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_programme(request.user, region):
        raise PermissionDenied
    return render(request, "programme/exercised.html", {
        "region": region, "overview": calendar.overview(region),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_add_activities(request.user, region):
        raise PermissionDenied
    training = access.training_for_user(request.user, region, pk) if pk else None
    initial = {"municipality": request.GET.get("municipality")} if training is None else None
    form = TrainingForm(
        request.POST or None, instance=training, initial=initial, region=region,
        municipality_ids=editable_municipality_ids(request.user, region),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["municipality"]
        if not access.can_edit_place(request.user, region, place):
            raise PermissionDenied
        try:
            services.save_training(region=region, training=training, data=form.cleaned_data, user=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved on the calendar."))
            return redirect("programme:calendar")
    return render(request, "programme/form.html", {
        "form": form, "title": training.title if training else _("Add a training or exercise"),
        "back": reverse("programme:calendar"),
        "delete": reverse("programme:training-delete", args=[training.pk]) if training else None,
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    training = access.training_for_user(request.user, region, pk)
    if request.method == "POST":
        services.delete_training(training=training, user=request.user)
        messages.success(request, _("Removed from the calendar."))
        return redirect("programme:calendar")
    return render(request, "programme/training_delete.html", {"training": training})
