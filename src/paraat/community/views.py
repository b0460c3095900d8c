"""Staff pages of the community app: volunteers, their import, a point's roster and call-outs.
Each view parses input, checks access, calls one service and renders."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.community import access, callouts, importers, presenters, roster, services
from paraat.community.forms import (
    AssignForm,
    CalloutForm,
    ImportForm,
    ShiftForm,
    SpontaneousForm,
    VolunteerForm,
)
from paraat.core.forms import add_service_errors
from paraat.geo.readers import ReadError
from paraat.supportpoints import access as points_access
from paraat.supportpoints.models import SupportPoint

PAGE_SIZE = 50


def _point(request: HttpRequest, code: str) -> SupportPoint:
    point = points_access.point_for_user(request.user, region_for_user(request.user), code)
    if not access.can_run_roster(request.user, point):
        raise PermissionDenied
    return point


@staff_view
def volunteer_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_volunteers(request.user, region):
        raise PermissionDenied
    volunteers = access.visible_volunteers(request.user, region).for_list()
    page = Paginator(volunteers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/volunteer_list.html",
        {
            "page": page,
            "region": region,
            "can_import": access.can_import_volunteers(request.user, region),
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def volunteer_create(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_import_volunteers(request.user, region):
        raise PermissionDenied
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.register_volunteer(
                region=region,
                data=form.to_data(),
                within=points_access.editable_municipality_ids(request.user, region),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Volunteer registered."))
            return redirect("community:volunteer", pk=volunteer.pk)
    return render(
        request, "community/volunteer_form.html", {"form": form}, status=400 if form.errors else 200
    )


@staff_view
@require_http_methods(["GET", "POST"])
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    volunteer = access.volunteer_for_user(request.user, region, pk)
    can_manage = access.can_manage_volunteers_in(request.user, volunteer.municipality)
    points = points_access.visible_points(request.user, region).for_list()
    form = AssignForm(
        request.POST or None, points=points, initial={"points": volunteer.points.all()}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            services.assign_points(volunteer=volunteer, points=form.cleaned_data["points"])
            messages.success(request, _("Points saved."))
            return redirect("community:volunteer", pk=volunteer.pk)
    services.log_view(volunteer=volunteer, note="volunteer page")
    return render(
        request,
        "community/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "view": presenters.volunteer_view(volunteer),
            "form": form,
            "can_manage": can_manage,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def volunteer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    volunteer = access.volunteer_for_user(request.user, region, pk)
    if not access.can_manage_volunteers_in(request.user, volunteer.municipality):
        raise PermissionDenied
    form = VolunteerForm(request.POST or None, initial=presenters.form_initial(volunteer))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_volunteer(volunteer=volunteer, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Volunteer saved."))
            return redirect("community:volunteer", pk=volunteer.pk)
    services.log_view(volunteer=volunteer, note="volunteer edit form")
    return render(
        request,
        "community/volunteer_form.html",
        {"form": form, "volunteer": volunteer},
        status=400 if form.errors else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def volunteer_import(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_import_volunteers(request.user, region):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(upload.read())
            try:
                result = importers.import_volunteers(
                    path=path, region=region, display_name=upload.name
                )
            except ReadError as error:
                problems = error.problems
            else:
                messages.success(
                    request, _("%(n)s volunteers imported.") % {"n": result["created"]}
                )
                return redirect("community:volunteers")
    return render(
        request,
        "community/import.html",
        {"form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def point_roster(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request, code)
    incident = roster.current_incident(point)
    volunteers = point.volunteers.active().order_by("name")
    shift_form = ShiftForm(request.POST or None, volunteers=volunteers, prefix="shift")
    if request.method == "POST":
        if incident is None:
            raise Http404("no open incident")
        if shift_form.is_valid():
            try:
                services.add_shift(incident=incident, point=point, **shift_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(shift_form, error)
            else:
                messages.success(request, _("Shift added."))
                return redirect("community:roster", code=point.code)
    context = presenters.roster_context(request.user, point, incident)
    services.log_views(volunteers=context["shown"], note=f"roster {point.code}")
    return render(
        request,
        "community/roster.html",
        {
            **context,
            "shift_form": shift_form,
            "callout_form": CalloutForm(prefix="callout"),
            "spontaneous_form": SpontaneousForm(prefix="spont"),
        },
        status=400 if shift_form.errors else 200,
    )


@staff_view
@require_POST
def callout_create(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request, code)
    incident = roster.current_incident(point)
    form = CalloutForm(request.POST, prefix="callout")
    if incident is None or not form.is_valid():
        messages.error(
            request, _("A call-out needs an open incident or exercise and a valid form.")
        )
        return redirect("community:roster", code=point.code)
    try:
        callout = callouts.start_callout(
            incident=incident, point=point, created_by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
        return redirect("community:roster", code=point.code)
    return redirect("community:callout", pk=callout.pk)


@staff_view
@require_POST
def spontaneous(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request, code)
    incident = roster.current_incident(point)
    form = SpontaneousForm(request.POST, prefix="spont")
    if incident is None or not form.is_valid():
        messages.error(
            request,
            _("Registering needs an open incident or exercise and a name, phone and postcode."),
        )
        return redirect("community:roster", code=point.code)
    try:
        services.record_spontaneous(point=point, incident=incident, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, _("Volunteer registered and on duty."))
    return redirect("community:roster", code=point.code)


@staff_view
@require_http_methods(["GET", "POST"])
def callout_detail(request: HttpRequest, pk: int) -> HttpResponse:
    callout = access.callout_for_user(request.user, region_for_user(request.user), pk)
    if request.method == "POST":
        callouts.close_callout(callout=callout)
        messages.success(request, _("Call-out closed."))
        return redirect("community:callout", pk=callout.pk)
    context = presenters.callout_context(request.user, callout)
    services.log_views(volunteers=context["shown"], note=f"call-out {callout.pk}")
    return render(request, "community/callout.html", context)
