"""Support point pages: the registry, a point's page and edit forms, readiness, the norm profile
and inspections. Each view parses input, checks access, calls one service and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.access import municipality_ids
from paraat.accounts.decorators import staff_view
from paraat.areas import geocode
from paraat.areas.access import municipality_for_user, region_for_user
from paraat.areas.models import Municipality
from paraat.core.forms import add_service_errors
from paraat.core.lists import own_first
from paraat.supportpoints import access, presenters, services
from paraat.supportpoints.constants import Tier
from paraat.supportpoints.forms import (
    CommsForm,
    ContactForm,
    EnergyForm,
    InspectionForm,
    NormProfileForm,
    PointFilterForm,
    PointForm,
    ServicesForm,
)
from paraat.supportpoints.models import SupportPoint

PAGE_SIZE = 50


def _point(user: Any, code: str, check: Callable[[Any, SupportPoint], bool]) -> SupportPoint:
    point = access.point_for_user(user, region_for_user(user), code)
    if not check(user, point):
        raise PermissionDenied
    return point


def _detail(point: SupportPoint, anchor: str = "") -> str:
    return reverse("supportpoints:detail", args=[point.code]) + (f"#{anchor}" if anchor else "")


def _form_page(
    request: HttpRequest, template: str, form: forms.Form, **context: Any
) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


# Registry and point page ---------------------------------------------------------------------


@staff_view
def point_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    own = municipality_ids(request.user)  # a municipal officer's lists start with her own
    municipalities = own_first(Municipality.objects.in_region(region), own, key=lambda m: m.pk)
    form = PointFilterForm(request.GET or None, municipalities=municipalities)
    points = form.apply(access.visible_points(request.user, region)).for_list(own)
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    title = _("Support points of %(region)s by tier and norm result") % {"region": region.name}
    context = {
        "region": region,
        "form": form,
        "page": page,
        "rows": presenters.list_rows(page),
        "map_svg": presenters.points_map(
            points if form.map_shows_candidates() else points.exclude(tier=Tier.CANDIDATE),
            municipalities,
            title=title,
        ),
        "hidden_candidates": 0
        if form.map_shows_candidates()
        else points.filter(tier=Tier.CANDIDATE).count(),
        "legend": presenters.map_legend(),
        "can_register": access.can_register_points(request.user, region),
        "can_edit_norm": access.can_edit_norm_profile(request.user, region),
    }
    return render(request, "supportpoints/point_list.html", context)


@staff_view
def point_detail(request: HttpRequest, code: str) -> HttpResponse:
    point = access.point_for_user(request.user, region_for_user(request.user), code)
    show_contacts = access.can_view_contacts(request.user, point)
    if show_contacts:
        services.log_contact_view(point=point, purpose="point page")
    context = presenters.point_page(
        point, show_contacts=show_contacts, can_edit=access.can_edit_point(request.user, point)
    )
    return render(request, "supportpoints/point_detail.html", context)


# Editing a point -----------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def point_create(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_register_points(request.user, region):
        raise PermissionDenied
    allowed = access.editable_municipality_ids(request.user, region)
    title = _("Register a support point")
    if "locate" in request.POST:
        form = PointForm(_located(request, region), region=region, allowed=allowed)
        return _form_page(request, "supportpoints/edit_form.html", form, title=title, locate=True)
    form = PointForm(request.POST or None, region=region, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            point = services.save_point(
                region=region,
                data=form.point_data(),
                coordination_code=form.cleaned_data["coordination_point"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Support point %(code)s registered.") % {"code": point.code}
            )
            _say_where_found(request, form)
            return redirect(_detail(point))
    return _form_page(request, "supportpoints/edit_form.html", form, title=title, locate=True)


def _located(request: HttpRequest, region: Any) -> Any:
    """The form's data with the location found from its address ("Find the location" pressed),
    and a message that says from where, or that nothing was found."""
    data = request.POST.copy()
    found = geocode.locate(
        region, postcode=data.get("postcode", ""), house_number=data.get("house_number", "")
    )
    if found is None:
        messages.error(
            request,
            _(
                "No location found for this postcode and house number: give the latitude and longitude."
            ),
        )
        return data
    # As the person would type them: "51,765432" in Dutch.
    data["lat"], data["lon"] = (formats.number_format(v, 6) for v in (found.lat, found.lon))
    messages.info(
        request,
        _("Location of %(found)s filled in from %(source)s: check it, then save.")
        % {"found": found.label, "source": found.source.label},
    )
    return data


def _say_where_found(request: HttpRequest, form: PointForm) -> None:
    if form.located is not None:
        messages.info(
            request,
            _("The location was taken from %(source)s (%(found)s); check it on the point's page.")
            % {"source": form.located.source.label, "found": form.located.label},
        )


@staff_view
@require_http_methods(["GET", "POST"])
def point_edit(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    allowed = access.editable_municipality_ids(request.user, point.region)
    title = _("Edit %(point)s") % {"point": point}
    if "locate" in request.POST:
        data = _located(request, point.region)
        form = PointForm(data, region=point.region, allowed=allowed, point=point)
        return _form_page(
            request, "supportpoints/edit_form.html", form, point=point, title=title, locate=True
        )
    form = PointForm(request.POST or None, region=point.region, allowed=allowed, point=point)
    if request.method == "POST" and form.is_valid():
        try:
            point = services.save_point(
                region=point.region,
                point=point,
                data=form.point_data(),
                coordination_code=form.cleaned_data["coordination_point"],
            )
        except ValidationError as error:
            point.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            _say_where_found(request, form)
            return redirect(_detail(point))
    return _form_page(
        request, "supportpoints/edit_form.html", form, point=point, title=title, locate=True
    )


@staff_view
@require_http_methods(["GET", "POST"])
def energy_edit(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    form = EnergyForm(request.POST or None, point=point)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_point(region=point.region, point=point, data=form.cleaned_data)
        except ValidationError as error:
            point.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("Energy saved."))
            return redirect(_detail(point, "energy"))
    title = _("Energy of %(point)s") % {"point": point}
    return _form_page(request, "supportpoints/edit_form.html", form, point=point, title=title)


@staff_view
@require_http_methods(["GET", "POST"])
def services_edit(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    form = ServicesForm(request.POST or None, point=point)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_services(point=point, services=form.matrix(), replace=True)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Services saved."))
            return redirect(_detail(point, "services"))
    return _form_page(request, "supportpoints/services_form.html", form, point=point)


@staff_view
@require_http_methods(["GET", "POST"])
def comms_edit(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    form = CommsForm(request.POST or None, point=point)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_comms(point=point, kinds=form.kinds(), details=form.details())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Communication means saved."))
            return redirect(_detail(point, "comms"))
    return _form_page(request, "supportpoints/comms_form.html", form, point=point)


@staff_view
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_contacts)
    contact = get_object_or_404(point.contacts, pk=pk) if pk is not None else None
    form = ContactForm(request.POST or None, contact=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(point=point, data=form.cleaned_data, contact=contact)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Contact saved."))
            return redirect(_detail(point, "contacts"))
    if contact is not None and request.method == "GET":
        services.log_contact_view(point=point, purpose="contact form")
    title = _("Edit contact") if contact else _("Add a contact")
    return _form_page(
        request, "supportpoints/edit_form.html", form, point=point, contact=contact, title=title
    )


@staff_view
@require_POST
def contact_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_contacts)
    services.remove_contact(contact=get_object_or_404(point.contacts, pk=pk))
    messages.success(request, _("Contact removed."))
    return redirect(_detail(point, "contacts"))


# Inspections ---------------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def inspect(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    tier = Tier.LOCAL if point.tier == Tier.CANDIDATE else point.tier
    rules = [r for r in services.current_rules(point.region)[1] if tier in r.tiers]
    form = InspectionForm(request.POST or None, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_inspection(
                point=point,
                visited_on=form.cleaned_data["visited_on"],
                inspector=request.user,
                checklist=form.checklist(),
                findings=form.cleaned_data["findings"],
                tasks=form.tasks(),
                generator_tested=form.cleaned_data["generator_tested"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Inspection recorded."))
            return redirect(_detail(point, "inspections"))
    return _form_page(request, "supportpoints/inspection_form.html", form, point=point)


@staff_view
@require_POST
def task_done(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    point = _point(request.user, code, access.can_edit_point)
    task = services.complete_task(task=get_object_or_404(point.tasks, pk=pk))
    messages.success(request, _("Task done: %(task)s") % {"task": task.description})
    return redirect(_detail(point, "tasks"))


# Readiness and the norm profile --------------------------------------------------------------


@staff_view
def readiness(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_points(request.user, region):
        raise PermissionDenied
    rows, total = presenters.region_readiness(region, municipality_ids(request.user))
    context = {
        "region": region,
        "rows": rows,
        "total": total,
        "residents_per_point": presenters.RESIDENTS_PER_POINT,
    }
    return render(request, "supportpoints/readiness.html", context)


@staff_view
def readiness_municipality(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_for_user(request.user, code)
    if not access.can_view_points(request.user, municipality.region):
        raise PermissionDenied
    summary, rows = presenters.municipality_readiness(municipality)
    context = {
        "municipality": municipality,
        "summary": summary,
        "rows": rows,
        "residents_per_point": presenters.RESIDENTS_PER_POINT,
    }
    return render(request, "supportpoints/readiness_municipality.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def norm_profile(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    can_edit = access.can_edit_norm_profile(request.user, region)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    current, rows, versions = presenters.norm_rules(region)
    form = NormProfileForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.save_norm_profile(
                region=region, rules=form.rules(), note=form.cleaned_data["note"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Version %(n)s saved.") % {"n": profile.version})
            return redirect("supportpoints:norm")
    context = {"current": current, "rows": rows, "versions": versions, "can_edit": can_edit}
    return _form_page(request, "supportpoints/norm_profile.html", form, **context)
