"""Citizen initiatives: map and table per municipality, the officer's form and review, and the
public registration form (waiting for approval)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Region
from paraat.community import access, initiatives
from paraat.community.forms import InitiativeForm
from paraat.community.models import Initiative
from paraat.core.forms import add_service_errors
from paraat.geo import svgmap


def _map(items: list[Initiative]) -> str:
    shapes = []
    for item in items:
        label = f"{item.name} ({item.get_kind_display()})"
        if item.geometry:
            shapes.append(svgmap.Shape(geometry=item.geometry, label=label, fill="#fdae6b"))
        shapes.extend(
            svgmap.Shape(geometry=a.geometry, label=label, fill="#9ecae1") for a in item.areas.all()
        )
    return svgmap.render(
        shapes, title=_("Areas served by citizen initiatives"),
        basemap_url=settings.PARAAT_BASEMAP_WMS_URL, basemap_layer=settings.PARAAT_BASEMAP_WMS_LAYER,
    )  # fmt: skip


@staff_view
def initiative_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_initiatives(request.user, region):
        raise PermissionDenied
    approved = list(
        Initiative.objects.in_region(region)
        .approved()
        .select_related("municipality")
        .prefetch_related("areas", "points")
    )
    pending = [
        i for i in Initiative.objects.in_region(region).pending().select_related("municipality")
        if access.can_manage_initiatives_in(request.user, i.municipality)
    ]  # fmt: skip
    return render(request, "community/initiative_list.html", {
        "region": region, "initiatives": approved, "pending": pending, "map_svg": _map(approved),
        "can_register": access.can_register_initiatives(request.user, region),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_register_initiatives(request.user, region):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        if not access.can_manage_initiatives_in(request.user, form.cleaned_data["municipality"]):
            raise PermissionDenied
        try:
            initiative = initiatives.register_initiative(
                region=region, data=form.to_data(), approved_by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Initiative registered."))
            return redirect("community:initiative", pk=initiative.pk)
    return render(
        request,
        "community/initiative_form.html",
        {"form": form, "public": False},
        status=400 if form.errors else 200,
    )


@staff_view
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    initiative = get_object_or_404(
        Initiative.objects.select_related("municipality"), pk=pk, region=region
    )
    can_manage = access.can_manage_initiatives_in(request.user, initiative.municipality)
    if initiative.state != "approved" and not can_manage:
        raise Http404("not approved")
    if can_manage:
        from paraat.core import audit
        from paraat.core.constants import AuditAction

        audit.record(action=AuditAction.VIEW, instance=initiative, note="initiative contact")
    return render(
        request,
        "community/initiative_detail.html",
        {"initiative": initiative, "can_manage": can_manage},
    )


@staff_view
@require_POST
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    initiative = get_object_or_404(Initiative, pk=pk, region=region)
    if not access.can_manage_initiatives_in(request.user, initiative.municipality):
        raise PermissionDenied
    initiatives.review_initiative(
        initiative=initiative, approve=request.POST.get("decision") == "approve", user=request.user
    )
    messages.success(request, _("Decision saved."))
    return redirect("community:initiatives")


@require_http_methods(["GET", "POST"])
def initiative_propose(request: HttpRequest, region: str) -> HttpResponse:
    target = get_object_or_404(Region, code__iexact=region)
    form = InitiativeForm(request.POST or None, region=target)
    if request.method == "POST" and form.is_valid():
        try:
            initiatives.register_initiative(region=target, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "community/initiative_sent.html")
    return render(
        request,
        "community/initiative_form.html",
        {"form": form, "public": True, "region": target},
        status=400 if form.errors else 200,
    )
