"""The programme pages: the matrix, a municipality's lines and activities, the editing forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.access import municipality_ids
from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.core.forms import add_service_errors
from paraat.core.lists import own_first
from paraat.programme import access, register, services
from paraat.programme.constants import ProgressBand
from paraat.programme.editing import edit_placed, remove_placed
from paraat.programme.forms import ActivityForm, AmbitionForm, LevelsForm, LineForm, TemplateForm
from paraat.programme.models import Activity, Ambition
from paraat.programme.overview import Programme


@staff_view
def matrix(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_programme(request.user, region):
        raise PermissionDenied
    programme = Programme(region)
    return render(request, "programme/matrix.html", {
        "region": region, "programme": programme,
        "rows": own_first(
            programme.matrix(), municipality_ids(request.user),
            key=lambda row: row.municipality.pk if row.municipality else None,
        ),
        "region_row": programme.row(None), "bands": ProgressBand.choices,
        "can_manage": access.can_manage_programme(request.user, region),
    })  # fmt: skip


@staff_view
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    region = region_for_user(request.user)
    place = access.municipality_for_user(request.user, region, code)
    programme = Programme(region)
    return render(request, "programme/municipality.html", {
        "region": region, "municipality": place, "programme": programme,
        "row": programme.row(place), "region_row": programme.row(None),
        "processes": register.of_municipality(place),
        "can_edit": access.can_edit_municipality(request.user, place),
        "can_manage": access.can_manage_programme(request.user, region),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_manage_programme(request.user, region):
        raise PermissionDenied
    programme = Programme(region)
    texts = {key: lv.description for key, lv in programme.levels.items()}
    template_form = TemplateForm(request.POST if "template" in request.POST else None)
    levels_form = LevelsForm(request.POST if "basis" in request.POST else None, initial_texts=texts)
    try:
        if template_form.is_valid():
            services.start_programme(region=region, template=template_form.cleaned_data["template"], user=request.user)  # fmt: skip
            messages.success(request, _("Programme lines created."))
            return redirect("programme:setup")
        if levels_form.is_valid():
            services.describe_levels(region=region, texts=levels_form.cleaned_data, user=request.user)  # fmt: skip
            messages.success(request, _("Level descriptions saved."))
            return redirect("programme:setup")
    except ValidationError as error:
        add_service_errors(levels_form, error)
    return render(request, "programme/setup.html", {
        "programme": programme, "template_form": template_form, "levels_form": levels_form,
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_manage_programme(request.user, region):
        raise PermissionDenied
    line = access.line_for_user(request.user, region, pk) if pk else None
    form = LineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        services.save_line(region=region, line=line, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Line saved."))
        return redirect("programme:setup")
    return render(request, "programme/form.html", {
        "form": form, "title": line.title if line else _("Add a line"),
        "back": reverse("programme:setup"),
        "delete": reverse("programme:line-delete", args=[line.pk]) if line else None,
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def ambition_edit(request: HttpRequest, code: str, line: int) -> HttpResponse:
    region = region_for_user(request.user)
    place = access.municipality_for_user(request.user, region, code)
    if not access.can_edit_municipality(request.user, place):
        raise PermissionDenied
    the_line = region.programme_lines.filter(pk=line).first()  # type: ignore[attr-defined]
    if the_line is None:
        raise PermissionDenied
    current = Ambition.objects.filter(municipality=place, line=the_line).first()
    instance = current or Ambition(municipality=place, line=the_line)
    form = AmbitionForm(request.POST or None, instance=instance, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_ambition(municipality=place, line=the_line, data=form.cleaned_data, user=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ambition saved."))
            return redirect("programme:municipality", code=place.code)
    return render(request, "programme/form.html", {
        "form": form, "title": f"{place.name}: {the_line}",
        "back": reverse("programme:municipality", args=[place.code]),
        "delete": reverse("programme:ambition-delete", args=[place.code, the_line.pk]) if current else None,
    })  # fmt: skip


def _activity_place(activity: Activity) -> str:
    """Where an activity is shown: its municipality's page, or the matrix for the region's."""
    if activity.municipality is None:
        return reverse("programme:matrix")
    return reverse("programme:municipality", args=[activity.municipality.code])


@staff_view
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_add_activities(request.user, region):
        raise PermissionDenied
    activity = access.activity_for_user(request.user, region, pk) if pk else None
    return edit_placed(
        request, region=region, record=activity, form_class=ActivityForm,
        save=lambda data: services.save_activity(region=region, activity=activity, data=data, user=request.user),
        saved=_("Activity saved."), done=_activity_place,
        title=activity.title if activity else _("Add an activity"),
        back=reverse("programme:matrix"), delete="programme:activity-delete",
    )  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    activity = access.activity_for_user(request.user, region, pk)
    return remove_placed(
        request, remove=lambda: services.delete_activity(activity=activity, user=request.user),
        removed=_("Activity removed."), done=_activity_place(activity),
        template="programme/activity_delete.html", context={"activity": activity},
    )  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    line = access.line_for_user(request.user, region, pk)
    refused = False
    if request.method == "POST":
        try:
            services.delete_line(line=line, user=request.user)
        except ValidationError:
            refused = True
        else:
            messages.success(request, _("Line removed."))
            return redirect("programme:setup")
    activities, ambitions = services.line_contents(line)
    return render(request, "programme/line_delete.html", {
        "line": line,
        "refusal": services.line_refusal(activities, ambitions) if activities or ambitions else "",
        "activities": line.activities.select_related("municipality"),  # type: ignore[attr-defined]
        "ambitions": line.ambitions.select_related("municipality"),  # type: ignore[attr-defined]
    }, status=409 if refused else 200)  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def ambition_delete(request: HttpRequest, code: str, line: int) -> HttpResponse:
    region = region_for_user(request.user)
    place = access.municipality_for_user(request.user, region, code)
    ambition = access.ambition_for_user(request.user, place, line)
    if request.method == "POST":
        services.delete_ambition(ambition=ambition, user=request.user)
        messages.success(request, _("Ambition removed."))
        return redirect("programme:municipality", code=place.code)
    return render(request, "programme/ambition_delete.html", {"ambition": ambition})
