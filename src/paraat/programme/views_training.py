"""The training and exercise calendar: the list, the forms and "exercised in the last 12 months"."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Municipality
from paraat.programme import access, calendar, services
from paraat.programme.editing import edit_placed, remove_placed
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
    return edit_placed(
        request, region=region, record=training, form_class=TrainingForm,
        save=lambda data: services.save_training(region=region, training=training, data=data, user=request.user),
        saved=_("Saved on the calendar."), done=lambda _saved: reverse("programme:calendar"),
        title=training.title if training else _("Add a training or exercise"),
        back=reverse("programme:calendar"), delete="programme:training-delete",
    )  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    training = access.training_for_user(request.user, region, pk)
    return remove_placed(
        request, remove=lambda: services.delete_training(training=training, user=request.user),
        removed=_("Removed from the calendar."), done=reverse("programme:calendar"),
        template="programme/training_delete.html", context={"training": training},
    )  # fmt: skip
