from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.areas.access import region_for_user
from paraat.core.decorators import staff_view
from paraat.operations import access, metrics, picture, services, sitrep
from paraat.operations.constants import Channel
from paraat.operations.forms import (
    AssignForm,
    DoneForm,
    IncidentForm,
    LineForm,
    LogForm,
    PhaseForm,
    RelayForm,
    RequestForm,
    StatusForm,
)
from paraat.operations.models import Activation, HelpRequest, Incident, LogEntry
from paraat.supportpoints.models import SupportPoint


def _form_errors(form: Any, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _reportable_points(user: Any, incident: Incident) -> list[SupportPoint]:
    points = [
        a.point
        for a in Activation.objects.filter(incident=incident)
        .select_related("point__municipality", "point__region")
        .order_by("point__code")
    ]
    return [p for p in points if access.can_report(user, incident, p)]


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
    if (
        not incidents.exists()
        and not can_manage
        and not access.can_view_operations(request.user, region)
    ):
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
    view = picture.build(incident)
    group = "municipality" if request.GET.get("group") == "municipality" else "coordination_point"
    context = {
        "incident": incident,
        "view": view,
        "groups": view.grouped(group),
        "group": group,
        "map_svg": picture_map(view),
        "phase_form": PhaseForm(initial={"phase": incident.phase}),
        "can_manage": access.can_manage_incidents(request.user, incident.region),
        "log": LogEntry.objects.filter(incident=incident).order_by("-created_at")[:10],
        "injects": incident.injects.all()[:50] if incident.is_exercise else [],
    }
    template = (
        "operations/_picture.html" if request.GET.get("fragment") else "operations/incident.html"
    )
    return render(request, template, context)


def picture_map(view: picture.Picture) -> str:
    from paraat.geo import svgmap

    colours = {
        "open": "#1a7f37",
        "limited": "#b35900",
        "full": "#8250df",
        "closed": "#a40e26",
        "unknown": "#6e7781",
    }
    markers = [
        svgmap.Marker(
            lon=row.point.lon,
            lat=row.point.lat,
            label=f"{row.point.code} {row.point.name}: {row.state}",
            fill=colours.get(row.state, "#6e7781"),
            symbol="square" if row.point.coordination_point_id is None else "circle",
        )
        for row in view.rows
    ]
    shapes = [
        svgmap.Shape(geometry=m.geometry, label=m.name, fill="#f2f2f2", stroke="#9a9a9a")
        for m in view.incident.municipalities.all()
    ]
    return svgmap.render(
        shapes,
        markers=markers,
        title=_("Points of %(title)s by state") % {"title": view.incident.title},
        width=640,
    )


@staff_view
@require_POST
def activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    made = services.activate(incident=incident, user=request.user)
    messages.success(
        request,
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
            messages.error(request, " ".join(sum(error.message_dict.values(), [])))
    return redirect("operations:incident", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The point lead's phone form; with JavaScript it keeps the report on the phone until sent."""
    incident = access.incident_for_user(request.user, pk)
    points = _reportable_points(request.user, incident)
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
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Report received.") if created else _("This report had already been received."),
            )
            return redirect("operations:report", pk=pk)
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
    points = _reportable_points(request.user, incident)
    form = RequestForm(
        request.POST or None, points=[(p.code, f"{p.code} {p.name}") for p in points]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        point = next((p for p in points if p.code == data["point"]), None)
        if point is None and not access.can_handle_requests(request.user, incident):
            raise PermissionDenied
        services.create_help_request(
            incident=incident,
            kind=data["kind"],
            description=data["description"],
            priority=data["priority"],
            point=point,
            user=request.user,
        )
        return redirect("operations:requests", pk=pk)
    requests = (
        HelpRequest.objects.filter(incident=incident)
        .select_related("point", "claimed_by")
        .order_by("status", "-created_at")
    )
    return render(
        request,
        "operations/requests.html",
        {
            "incident": incident,
            "form": form,
            "requests": requests,
            "can_handle": access.can_handle_requests(request.user, incident),
            "assign_form": AssignForm(),
            "done_form": DoneForm(),
        },
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
        messages.error(request, " ".join(sum(error.message_dict.values(), [])))
    return redirect("operations:requests", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def log_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_operations(request.user, incident.region):
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
    points = _reportable_points(request.user, incident)
    if not points:
        raise PermissionDenied
    form = RelayForm(request.POST or None, points=[(p.code, f"{p.code} {p.name}") for p in points])
    if request.method == "POST" and form.is_valid():
        point = next(p for p in points if p.code == form.cleaned_data["point"])
        services.relay_emergency_report(
            incident=incident, point=point, summary=form.cleaned_data["summary"], user=request.user
        )
        messages.success(
            request, _("Emergency report logged. Pass it on to the coordination point at once.")
        )
        return redirect("operations:relay", pk=pk)
    return render(
        request,
        "operations/relay.html",
        {"incident": incident, "form": form, "relays": incident.relays.select_related("point")},
    )


@staff_view
def sitrep_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_operations(request.user, incident.region):
        raise PermissionDenied
    report = sitrep.build(incident)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(sitrep.pdf(report), content_type="application/pdf")
        prefix = "oefening-" if incident.is_exercise else ""
        response["Content-Disposition"] = f'inline; filename="{prefix}sitrep-{incident.pk}.pdf"'
        return response
    return render(request, "operations/sitrep.html", {"incident": incident, "report": report})


@staff_view
def metrics_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_view_operations(request.user, incident.region):
        raise PermissionDenied
    result = metrics.compute(incident)
    context = {
        "incident": incident,
        "metrics": result,
        "requests": HelpRequest.objects.filter(incident=incident),
        "highlights": picture.highlights(incident, 50),
    }
    return render(request, "operations/metrics.html", context)


@staff_view
@require_POST
def deliver_injects_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    delivered = services.deliver_due_injects(incident=incident)
    messages.success(request, _("%(n)s injects delivered to the logbook.") % {"n": len(delivered)})
    return redirect("operations:incident", pk=pk)


@staff_view
@require_http_methods(["GET", "POST"])
def line_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An operator keys in a line read out over the radio; a wrong character is refused with the reason."""
    from paraat.operations.statusline import StatusLineError

    incident = access.incident_for_user(request.user, pk)
    if not access.can_manage_incidents(request.user, incident.region):
        raise PermissionDenied
    form = LineForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            report, created = services.record_line(
                incident=incident, line=form.cleaned_data["line"], reporter=request.user
            )
        except StatusLineError as error:
            refusal = error
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
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
        {"incident": incident, "form": form, "refusal": refusal},
        status=status,
    )
