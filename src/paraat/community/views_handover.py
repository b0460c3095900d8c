"""Hand a help request to a citizen initiative or to volunteers (through a call-out).

Both go through operations' own claim workflow (assigned, later done), so the help request's page
and the logbook tell the same story as for any other assignee.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.community import access, callouts, initiatives
from paraat.community.forms import InitiativeHandOverForm, VolunteerHandOverForm
from paraat.community.models import Initiative
from paraat.core.forms import add_service_errors
from paraat.operations import access as operations_access
from paraat.operations.constants import RequestStatus
from paraat.operations.models import HelpRequest

CLOSED = (RequestStatus.DONE, RequestStatus.CANCELLED)


@staff_view
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    incident = operations_access.incident_for_user(request.user, pk)
    if not access.can_hand_over_requests(request.user, incident):
        raise PermissionDenied
    help_request = get_object_or_404(
        HelpRequest.objects.select_related("point", "incident"), pk=request_id, incident=incident
    )
    choices = Initiative.objects.in_region(incident.region).approved().order_by("name")
    points = [
        (a.point.code, f"{a.point.code} {a.point.name}")
        for a in incident.activations.select_related("point").order_by("point__code")
    ]
    chosen = request.POST.get("to", "") if request.method == "POST" else ""
    to_initiative = InitiativeHandOverForm(
        request.POST if chosen == "initiative" else None, initiatives=choices, prefix="init"
    )
    to_volunteers = VolunteerHandOverForm(
        request.POST if chosen == "volunteers" else None,
        points=points,
        prefix="vol",
        initial={"point": help_request.point.code if help_request.point else ""},
    )
    if help_request.status in CLOSED and request.method == "POST":
        messages.error(request, _("This help request is closed and can no longer be handed over."))
        return redirect("operations:requests", pk=incident.pk)
    if chosen == "initiative" and to_initiative.is_valid():
        try:
            initiatives.hand_over_request(
                request=help_request,
                initiative=to_initiative.cleaned_data["initiative"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(to_initiative, error)
        else:
            messages.success(request, _("Help request handed to the initiative."))
            return redirect("operations:requests", pk=incident.pk)
    if chosen == "volunteers" and to_volunteers.is_valid():
        data = dict(to_volunteers.cleaned_data)
        point = next(a.point for a in incident.activations.all() if a.point.code == data["point"])
        try:
            callout = callouts.hand_over_to_volunteers(
                request=help_request,
                point=point,
                skill=data["skill"],
                needed=data["needed"],
                radius_m=data["radius_m"],
                wait_minutes=data["wait_minutes"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(to_volunteers, error)
        else:
            messages.success(request, _("Help request handed to volunteers: the call-out runs."))
            return redirect("community:callout", pk=callout.pk)
    failed = bool(to_initiative.errors or to_volunteers.errors)
    return render(
        request,
        "community/hand_over.html",
        {
            "incident": incident,
            "help_request": help_request,
            "closed": help_request.status in CLOSED,
            "to_initiative": to_initiative,
            "to_volunteers": to_volunteers,
            "has_initiatives": choices.exists(),
        },
        status=400 if failed else 200,
    )
