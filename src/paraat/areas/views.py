from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.access import municipality_ids
from paraat.accounts.decorators import staff_view
from paraat.areas import access, maps, services, tasks
from paraat.areas.constants import AreaKind
from paraat.areas.forms import ImportForm, MapForm
from paraat.areas.models import Area
from paraat.core.lists import own_first
from paraat.geo import geojson
from paraat.geo.readers import ReadError


def _map_choice(request: HttpRequest, kinds: list[str]) -> tuple[str, str]:
    form = MapForm(request.GET or None)
    kind = form.data.get("kind") if form.is_bound and form.is_valid() else ""
    metric = form.data.get("metric") if form.is_bound and form.is_valid() else ""
    default_kind = (
        AreaKind.WIJK if AreaKind.WIJK in kinds else (kinds[0] if kinds else AreaKind.WIJK)
    )
    return (kind or default_kind), (metric or maps.SHARE)


@staff_view
def region_view(request: HttpRequest) -> HttpResponse:
    region = access.region_for_user(request.user)
    # A municipal officer's own municipalities first.
    municipalities = own_first(
        region.municipalities.annotate(area_count=Count("areas")),
        municipality_ids(request.user),
        key=lambda m: m.pk,
    )
    kinds = Area.objects.in_region(region).kinds_present()
    kind, metric = _map_choice(request, kinds)
    areas = list(
        Area.objects.in_region(region).of_kind(kind).select_related("municipality__region")
    )
    title = _("Map of %(region)s: %(metric)s per area") % {
        "region": region.name,
        "metric": maps.metric_label(metric),
    }
    context = {
        "region": region,
        "municipalities": municipalities,
        "totals": region.municipalities.aggregate(
            population=Sum("population"), age_65_plus=Sum("age_65_plus")
        ),
        "map": maps.choropleth(
            areas,
            metric=metric,
            title=title,
            extent=region,
            outlines=municipalities,
        ),
        "map_form": MapForm(initial={"kind": kind, "metric": metric}),
        "kind": kind,
        "metric": metric,
        "kinds": kinds,
        "can_import": access.can_import_areas(request.user, region),
    }
    return render(request, "areas/region.html", context)


@staff_view
def municipality_view(request: HttpRequest, code: str) -> HttpResponse:
    municipality = access.municipality_for_user(request.user, code)
    kinds = Area.objects.in_municipality(municipality).kinds_present()
    kind, metric = _map_choice(request, kinds)
    areas = list(
        Area.objects.in_municipality(municipality)
        .of_kind(kind)
        .select_related("municipality__region")
    )
    title = _("Map of %(municipality)s: %(metric)s per area") % {
        "municipality": municipality.name,
        "metric": maps.metric_label(metric),
    }
    context = {
        "municipality": municipality,
        "areas": areas,
        "map": maps.choropleth(areas, metric=metric, title=title, extent=municipality),
        "map_form": MapForm(initial={"kind": kind, "metric": metric}),
        "kind": kind,
        "can_edit": access.can_edit_municipality(request.user, municipality),
    }
    return render(request, "areas/municipality.html", context)


@staff_view
def area_view(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    area = Area.objects.select_related("municipality__region").filter(kind=kind, code=code).first()
    if area is None:
        raise Http404
    if not access.can_view_municipality(request.user, area.municipality):
        raise PermissionDenied
    title = _("Location of %(area)s in %(municipality)s") % {
        "area": str(area),
        "municipality": area.municipality.name,
    }
    siblings = list(
        Area.objects.in_municipality(area.municipality)
        .of_kind(kind)
        .select_related("municipality__region")
    )
    context = {"area": area, "map_svg": maps.highlight(siblings, selected=area, title=title)}
    return render(request, "areas/area.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    region = access.region_for_user(request.user)
    if not access.can_import_areas(request.user, region):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.PARAAT_IMPORT_BACKGROUND_MB * 1024 * 1024:
            job = tasks.start_import(
                upload=upload,
                region=region,
                user=request.user,
                kind=form.cleaned_data["kind"] or None,
                crs=int(form.cleaned_data["crs"]) if form.cleaned_data["crs"] else None,
                year=form.cleaned_data["population_year"],
            )
            return redirect("job", job.pk)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(upload.name).name
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                result = services.import_areas(
                    path=path,
                    region=region,
                    kind=form.cleaned_data["kind"] or None,
                    crs=int(form.cleaned_data["crs"]) if form.cleaned_data["crs"] else None,
                    population_year=form.cleaned_data["population_year"],
                )
            except ReadError as error:
                problems = error.problems
            else:
                messages.success(request, result.summary())
                for warning in result.warnings:
                    messages.warning(request, str(warning))
                return redirect("areas:region")
    return render(
        request,
        "areas/import.html",
        {"form": form, "problems": problems, "region": region},
        status=400 if problems else 200,
    )


@staff_view
def areas_geojson(request: HttpRequest) -> JsonResponse:
    """GeoJSON of the region's areas of one kind, with small counts suppressed."""
    region = access.region_for_user(request.user)
    kind = request.GET.get("kind", AreaKind.WIJK)
    if kind not in AreaKind.values:
        return JsonResponse({"error": _("unknown kind %(kind)s") % {"kind": kind}}, status=400)
    features = [
        geojson.feature(
            a.geometry,
            {
                "code": a.code,
                "name": a.name,
                "kind": a.kind,
                "municipality": a.municipality.code,
                **a.population_shown(),
            },
            a.code,
        )
        for a in Area.objects.in_region(region).of_kind(kind).select_related("municipality__region")
    ]
    return JsonResponse(geojson.feature_collection(features))
