"""Planning pages: coverage runs with map and tables, what-if and optimisation forms, exports.

Each view checks access (planning.access), calls one service or reads one run, and renders.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Area, Region
from paraat.core.forms import add_service_errors
from paraat.planning import access, explain, exports, presenters, services, tasks
from paraat.planning.forms import CoverageForm, NetworkForm, OptimiseForm, RunForm
from paraat.planning.models import CoverageRun, OptimisationRun
from paraat.supportpoints.models import SupportPoint

RECENT = 20


def _region(request: HttpRequest) -> Region:
    region = region_for_user(request.user)
    if not access.can_read(request.user, region):
        raise PermissionDenied
    return region


def _form_kwargs(request: HttpRequest, region: Region) -> dict[str, Any]:
    user = request.user
    return {
        "municipalities": access.runnable_municipalities(user, region),
        "region_allowed": access.can_run(user, region),
        "networks": access.networks(user, region),
        "area_kinds": Area.objects.in_region(region).kinds_present(),
        "region": region,
    }


@staff_view
def overview(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    coverage_runs = list(access.coverage_runs(request.user, region).for_list()[:RECENT])
    optimisation_runs = list(access.optimisation_runs(request.user, region).for_list()[:RECENT])
    latest = next((r for r in coverage_runs if not r.is_what_if), None)
    context = {
        "region": region,
        "coverage_runs": coverage_runs,
        "optimisation_runs": optimisation_runs,
        "latest": latest,
        "latest_text": explain.for_run(latest) if latest else "",
        "can_run": access.can_run_somewhere(request.user, region),
        "can_import": access.can_import_network(request.user, region),
    }
    return render(request, "planning/overview.html", context)


def _map_context(request: HttpRequest, run: CoverageRun | OptimisationRun) -> dict[str, Any]:
    drawn = presenters.run_map(run, layer=request.GET.get("map", "areas"))
    title = (
        _("Share of residents within reach per area")
        if drawn.layer == "areas"
        else _("Share of residents within reach per block of demand cells")
    )
    return {
        "map_svg": drawn.svg(title),
        "layer": drawn.layer,
        "legend": presenters.legend(),
        "uncovered_fill": presenters.UNCOVERED_FILL,
    }


@staff_view
def coverage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.coverage_run_for(request.user, _region(request), pk)
    figures = run.figures
    context = {
        "run": run,
        "figures": figures,
        "explanation": explain.for_run(run),
        "total_note": explain.run_total_note(run, exports.counted(run)),
        "municipality_names": {m["code"]: m["name"] for m in figures["municipalities"]},
        **_map_context(request, run),
    }
    return render(request, "planning/coverage_detail.html", context)


@staff_view
def optimisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.optimisation_run_for(request.user, _region(request), pk)
    figures = run.figures
    context = {
        "run": run,
        "figures": figures,
        "explanation": explain.for_run(run),
        "total_note": explain.run_total_note(run, exports.counted(run)),
        "municipality_rows": exports.rows_of(run, "municipalities")[1],
        **_map_context(request, run),
    }
    return render(request, "planning/optimisation_detail.html", context)


def _run_view(
    request: HttpRequest, form: RunForm, region: Region, template: str, start: Any
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        if not access.can_run(request.user, region, form.chosen_municipality()):
            raise PermissionDenied
        try:
            run = start(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The run is ready."))
            return redirect(run_url(run))
    return render(
        request, template, {"form": form, "region": region}, status=400 if form.errors else 200
    )


@staff_view
@require_http_methods(["GET", "POST"])
def coverage_new(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    if not access.can_run_somewhere(request.user, region):
        raise PermissionDenied
    points = SupportPoint.objects.in_region(region).active().order_by("code")
    candidates = (
        SupportPoint.objects.in_region(region)
        .candidates()
        .select_related("municipality")
        .order_by("municipality__name", "code")
    )
    form = CoverageForm(
        request.POST or None,
        points=list(points),
        candidates=list(candidates),
        **_form_kwargs(request, region),
    )

    def start(form: CoverageForm) -> CoverageRun:
        return services.run_coverage(
            region=region,
            user=request.user,
            closed=form.cleaned_data["closed"],
            added=form.cleaned_data["added"],
            capacity=form.cleaned_data["capacity"],
            **form.common(),
        )

    return _run_view(request, form, region, "planning/coverage_form.html", start)


@staff_view
@require_http_methods(["GET", "POST"])
def optimise_new(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    if not access.can_run_somewhere(request.user, region):
        raise PermissionDenied
    form = OptimiseForm(request.POST or None, **_form_kwargs(request, region))
    if request.method == "POST" and form.is_valid():
        if not access.can_run(request.user, region, form.chosen_municipality()):
            raise PermissionDenied
        # An optimisation takes up to minutes: the worker runs it, the job page follows it.
        job = tasks.start_optimisation(
            region=region, user=request.user, arguments=form.run_arguments()
        )
        return redirect("job", pk=job.pk)
    return render(
        request,
        "planning/optimise_form.html",
        {"form": form, "region": region},
        status=400 if form.errors else 200,
    )


def run_url(run: CoverageRun | OptimisationRun) -> str:
    from django.urls import reverse

    if isinstance(run, OptimisationRun):
        return reverse("planning:optimisation", args=[run.pk])
    return reverse("planning:coverage", args=[run.pk])


def _any_run(request: HttpRequest, kind: str, pk: int) -> CoverageRun | OptimisationRun:
    region = _region(request)
    if kind == "coverage":
        return access.coverage_run_for(request.user, region, pk)
    if kind == "optimisation":
        return access.optimisation_run_for(request.user, region, pk)
    raise Http404("no such kind")


@staff_view
def export(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    run = _any_run(request, kind, pk)
    stem = f"paraat-{kind}-{run.pk}-{run.created_at:%Y%m%d}"
    if fmt == "csv":
        table = request.GET.get("table", "selected" if kind == "optimisation" else "areas")
        if table not in exports.TABLES:
            raise Http404("no such table")
        response = HttpResponse(
            exports.csv_text(run, table), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}-{table}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.xlsx(run),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    if fmt == "geojson":
        areas = Area.objects.in_region(run.region).of_kind(run.area_kind).only("code", "geometry")
        response = JsonResponse(
            exports.geojson_data(run, list(areas)), content_type="application/geo+json"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.geojson"'
        return response
    if fmt == "gpkg":
        areas = Area.objects.in_region(run.region).of_kind(run.area_kind).only("code", "geometry")
        response = HttpResponse(
            exports.geopackage(run, list(areas)), content_type="application/geopackage+sqlite3"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.gpkg"'
        return response
    if fmt == "pdf":
        response = HttpResponse(exports.pdf(run), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
        return response
    raise Http404("no such format")


@staff_view
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    run = _any_run(request, kind, pk)
    return render(request, "planning/report.html", {**exports.report_context(run), "kind": kind})


@staff_view
@require_http_methods(["GET", "POST"])
def networks(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    can_import = access.can_import_network(request.user, region)
    form = NetworkForm(request.POST or None, request.FILES or None) if can_import else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            suffix = "".join(Path(upload.name).suffixes[-2:]) or ".gpkg"
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                try:
                    services.import_network(
                        region=region, path=path, name=form.cleaned_data["name"], user=request.user
                    )
                except ValidationError as error:
                    form.add_error(
                        "file", [m.replace(path.name, upload.name) for m in error.messages]
                    )
                else:
                    messages.success(request, _("The walking network is ready to use."))
                    return redirect("planning:networks")
    context = {
        "region": region,
        "form": form,
        "networks": list(access.networks(request.user, region)),
    }
    return render(
        request,
        "planning/networks.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )
