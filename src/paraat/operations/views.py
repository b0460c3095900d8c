from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.core.forms import add_service_errors
from paraat.operations import access, metrics, picture, radio, services, sitrep
from paraat.operations.constants import Channel, Phase, RequestStatus
from paraat.operations.forms import (
    ActivateForm,
    AssignForm,
    ChecklistForm,
    DoneForm,
    IncidentForm,
    LineForm,
    LogForm,
    PhaseForm,
    RelayForm,
    RelayOutcomeForm,
    RequestForm,
    StatusForm,
)
from paraat.operations.models import Activation, EmergencyRelay, HelpRequest, Incident, LogEntry


def _say(request: HttpRequest, incident: Incident, text: str, error: bool = False) -> None:
    """A message on an exercise says so, like every page and export of it."""
    if incident.is_exercise:
        text = f"{_('EXERCISE')}: {text}"
    (messages.error if error else messages.success)(request, text)


@staff_view
@require_http_methods(["GET", "POST"])
def incident_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    incidents = access.incidents_for(request.user, region).order_by("-started_at")
    can_manage = access.can_manage_incidents(request.user, region)
    form = IncidentForm(request.POST or None, region=region)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            incident = services.create_incident(
                region=region,
                title=data["title"],
                kind=data["kind"],
                is_exercise=data["is_exercise"],
                municipalities=data["municipalities"],
                user=request.user,
            )
            return redirect("operations:incident", pk=incident.pk)
    if not access.can_open_incident_list(request.user, region):
        raise PermissionDenied
    return render(
        request,
        "operations/incident_list.html",
        {"incidents": incidents, "form": form, "can_manage": can_manage},
    )


@staff_view
def incident_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_operations(request.user, incident.region):
        return redirect("operations:report", pk=incident.pk)
    # A closed incident shows its points as they were when it closed, and nothing to act on.
    closed = incident.phase == Phase.CLOSED
    scope = access.picture_municipality_ids(request.user, incident.region)
    if request.GET.get("fragment") and not closed:
        # The page's own refresh polls: the picture shared by every screen, a few seconds old
        # at most. Opening the page (after an action too) builds it fresh.
        view = picture.shared(incident, municipality_ids=scope)
    else:
        view = picture.build(
            incident, incident.closed_at if closed else None, municipality_ids=scope
        )
    group = "municipality" if request.GET.get("group") == "municipality" else "coordination_point"
    context = {
        "incident": incident,
        "closed": closed,
        "view": view,
        "groups": view.grouped(group),
        "group": group,
        "map_svg": picture.map_svg(view),
        "understaffed": [] if closed else picture.staffing_shortfalls(incident, view.now),
        "phase_form": PhaseForm(initial={"phase": incident.phase}),
        "activate_form": None
        if closed
        else ActivateForm(
            candidates=services.points_in_area(incident).exclude(activations__incident=incident)
        ),
        "can_manage": access.can_manage_incidents(request.user, incident.region),
        # The logbook is region-wide: not for a municipal officer's scope.
        "log": LogEntry.objects.filter(incident=incident).order_by("-created_at")[:10]
        if access.can_view_region_picture(request.user, incident.region)
        else [],
        "injects": incident.injects.all()[:50] if incident.is_exercise else [],
    }
    template = (
        "operations/_picture.html" if request.GET.get("fragment") else "operations/incident.html"
    )
    return render(request, template, context)


@staff_view
@require_POST
def activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    form = ActivateForm(request.POST, candidates=services.points_in_area(incident))
    if not form.is_valid():
        _say(request, incident, _("Choose points from the incident's area."), error=True)
        return redirect("operations:incident", pk=pk)
    try:
        made = services.activate(
            incident=incident, user=request.user, points=form.cleaned_data["points"] or None
        )
    except ValidationError as error:
        _say(request, incident, " ".join(sum(error.message_dict.values(), [])), error=True)
        return redirect("operations:incident", pk=pk)
    _say(
        request,
        incident,
        _("%(n)s points activated. Nobody has been notified: inform the points yourself.")
        % {"n": len(made)},
    )
    return redirect("operations:incident", pk=pk)


@staff_view
@require_POST
def phase_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.set_phase(
                incident=incident, phase=form.cleaned_data["phase"], user=request.user
            )
        except ValidationError as error:
            _say(request, incident, " ".join(sum(error.message_dict.values(), [])), error=True)
    return redirect("operations:incident", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The point lead's phone form; with JavaScript it keeps the report on the phone until sent."""
    incident = access.incident_for_user(request.user, pk)
    # A post reads the one point it names (one query); the list of every reportable point (500
    # in a large incident) only when the form is shown, or when the posted point is refused.
    posted = None
    if request.method == "POST":
        posted = access.reportable_point(request.user, incident, request.POST.get("point", ""))
    points = [posted] if posted is not None else access.reportable_points(request.user, incident)
    if not points:
        raise PermissionDenied
    choices = [(p.code, f"{p.code} {p.name}") for p in points]
    form = StatusForm(request.POST or None, points=choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("point")
        point = next(p for p in points if p.code == code)
        try:
            report, created = services.record_status(
                incident=incident, point=point, channel=Channel.WEB, reporter=request.user, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _say(
                request,
                incident,
                _("Report received.") if created else _("This report had already been received."),
            )
            return redirect("operations:report", pk=pk)
    if posted is not None:  # shown again with its errors: every point to choose from
        form.fields["point"].choices = [  # type: ignore[attr-defined]
            (p.code, f"{p.code} {p.name}") for p in access.reportable_points(request.user, incident)
        ]
    return render(
        request,
        "operations/report.html",
        {"incident": incident, "form": form},
        status=400 if form.errors else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    points = access.reportable_points(request.user, incident)
    can_handle = access.can_handle_requests(request.user, incident)
    form = RequestForm(
        request.POST or None,
        points=[(p.code, f"{p.code} {p.name}") for p in points],
        for_crisis_team=can_handle,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        point = next((p for p in points if p.code == data["point"]), None)
        try:
            services.create_help_request(
                incident=incident,
                kind=data["kind"],
                description=data["description"],
                priority=data["priority"],
                point=point,
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _say(request, incident, _("Help request sent to the crisis team."))
            return redirect("operations:requests", pk=pk)
    requests = access.visible_requests(request.user, incident, points).select_related(
        "point", "claimed_by"
    )
    return render(
        request,
        "operations/requests.html",
        {
            "incident": incident,
            "form": form if can_handle or points else None,
            "requests": requests,
            "status_open": RequestStatus.OPEN,
            "can_handle": can_handle,
            "assign_form": AssignForm(),
            "done_form": DoneForm(),
        },
        status=400 if form.errors else 200,
    )


@staff_view
@require_POST
def request_action(request: HttpRequest, pk: int, request_id: int, step: str) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_handle_requests(request.user, incident):
        raise PermissionDenied
    help_request = get_object_or_404(HelpRequest, pk=request_id, incident=incident)
    try:
        if step == "claim":
            services.claim_request(request=help_request, user=request.user)
        elif step == "assign":
            services.assign_request(
                request=help_request,
                assignee=request.POST.get("assigned_to", ""),
                user=request.user,
            )
        elif step in ("done", "cancel"):
            services.complete_request(
                request=help_request,
                user=request.user,
                outcome=request.POST.get("outcome", ""),
                cancelled=step == "cancel",
            )
    except ValidationError as error:
        _say(request, incident, " ".join(sum(error.message_dict.values(), [])), error=True)
    return redirect("operations:requests", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def log_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_region_picture(request.user, incident.region):
        raise PermissionDenied
    form = LogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        corrects = LogEntry.objects.filter(
            incident=incident, pk=request.POST.get("corrects") or 0
        ).first()
        if corrects is not None:
            services.correct_log_entry(
                entry=corrects, text=form.cleaned_data["text"], author=request.user
            )
        else:
            services.log(
                incident=incident,
                text=form.cleaned_data["text"],
                author=request.user,
                highlight=form.cleaned_data["highlight"],
            )
        return redirect("operations:log", pk=pk)
    entries = (
        LogEntry.objects.filter(incident=incident)
        .select_related("point", "corrects")
        .order_by("-created_at", "-pk")
    )
    return render(
        request, "operations/log.html", {"incident": incident, "form": form, "entries": entries}
    )


@staff_view
@require_http_methods(["GET", "POST"])
def relay_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    points = access.reportable_points(request.user, incident)
    if not points:
        raise PermissionDenied
    form = RelayForm(request.POST or None, points=[(p.code, f"{p.code} {p.name}") for p in points])
    if request.method == "POST" and form.is_valid():
        point = next(p for p in points if p.code == form.cleaned_data["point"])
        services.relay_emergency_report(
            incident=incident, point=point, summary=form.cleaned_data["summary"], user=request.user
        )
        _say(
            request,
            incident,
            _("Emergency report logged. Pass it on to the coordination point at once."),
        )
        return redirect("operations:relay", pk=pk)
    return render(
        request,
        "operations/relay.html",
        {
            "incident": incident,
            "form": form,
            "relays": services.show_relays(
                relays=access.visible_relays(request.user, incident, points),
                user=request.user,
                purpose=f"relayed reports of incident {incident.pk}",
            ),
            "can_handle": access.can_handle_requests(request.user, incident),
        },
    )


@staff_view
def sitrep_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_region_picture(request.user, incident.region):
        raise PermissionDenied
    report = sitrep.build(incident)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(sitrep.pdf(report), content_type="application/pdf")
        prefix = "oefening-" if incident.is_exercise else ""
        response["Content-Disposition"] = f'inline; filename="{prefix}sitrep-{incident.pk}.pdf"'
        return response
    return render(
        request,
        "operations/sitrep.html",
        {"incident": incident, "report": report, "doc": sitrep.content(report)},
    )


@staff_view
def metrics_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_region_picture(request.user, incident.region):
        raise PermissionDenied
    result = metrics.compute(incident)
    context = {
        "incident": incident,
        "metrics": result,
        "highlights": picture.highlights(incident, 50),
    }
    return render(request, "operations/metrics.html", context)


@staff_view
@require_POST
def deliver_injects_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    try:
        delivered = services.deliver_due_injects(incident=incident)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _say(
            request, incident, _("%(n)s injects delivered to the logbook.") % {"n": len(delivered)}
        )
    return redirect("operations:incident", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def line_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An operator keys in a line read out over the radio, reads it back in words, and stores it
    once the point lead has confirmed; a refused line says what is wrong, not what is right."""
    from paraat.operations.statusline import StatusLineError

    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    form = LineForm(request.POST or None)
    refusal = readback = None
    if request.method == "POST" and form.is_valid():
        line = form.cleaned_data["line"]
        try:
            if not form.cleaned_data["confirmed"]:
                parsed, point = services.read_line(incident=incident, line=line)
                readback = radio.readback(parsed, point)
                form = LineForm(initial={"line": parsed.line, "confirmed": True})
            else:
                report, created = services.record_line(
                    incident=incident, line=line, reporter=request.user
                )
        except StatusLineError as error:
            refusal = error
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if readback is None:
                _say(
                    request,
                    incident,
                    (
                        _("Stored: %(code)s %(state)s.")
                        if created
                        else _("This line had already been stored: %(code)s %(state)s.")
                    )
                    % {"code": report.point.code, "state": report.get_state_display()},
                )
                return redirect("operations:line", pk=pk)
    status = 400 if refusal or form.errors else 200
    return render(
        request,
        "operations/line.html",
        {"incident": incident, "form": form, "refusal": refusal, "readback": readback},
        status=status,
    )


@staff_view
def card_view(request: HttpRequest, code: str) -> HttpResponse:
    """The printable instruction card of a point: how to make the radio line with a pencil."""
    from paraat.supportpoints import access as point_access

    point = point_access.point_for_user(request.user, region_for_user(request.user), code)
    return render(request, "operations/card.html", radio.card(point))


@staff_view
@require_http_methods(["GET", "POST"])
def checklist_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The opening checklist of every point the user may report for; one tick per POST."""
    incident = access.incident_for_user(request.user, pk)
    points = access.reportable_points(request.user, incident)
    if not points:
        raise PermissionDenied
    activations = list(
        Activation.objects.filter(incident=incident, point__in=points)
        .select_related("point")
        .order_by("point__code")
    )
    form = ChecklistForm(request.POST or None, activations=activations)
    if request.method == "POST" and form.is_valid():
        try:
            services.tick_checklist(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _say(request, incident, " ".join(sum(error.message_dict.values(), [])), error=True)
        return redirect(f"{request.path}#point-{form.cleaned_data['activation'].point.code}")
    return render(
        request,
        "operations/checklist.html",
        {"incident": incident, "activations": activations},
        status=400 if form.errors else 200,
    )


@staff_view
@require_POST
def relay_outcome_view(request: HttpRequest, pk: int, relay_id: int) -> HttpResponse:
    """Crisis staff write down what became of a relayed emergency report."""
    incident = access.incident_for_user(request.user, pk)
    if not access.can_handle_requests(request.user, incident):
        raise PermissionDenied
    relay = get_object_or_404(EmergencyRelay, pk=relay_id, incident=incident)
    form = RelayOutcomeForm(request.POST)
    if form.is_valid():
        services.record_relay_outcome(
            relay=relay, outcome=form.cleaned_data["outcome"], user=request.user
        )
    else:
        _say(request, incident, _("Write the outcome."), error=True)
    return redirect("operations:relay", pk=pk)
