from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Region
from paraat.cascades import access, areas, engine, presenters, runs, services
from paraat.cascades.constants import CONTENT_TYPES, ChartFormat
from paraat.cascades.forms import FiguresForm, InjectForm, TimelineForm
from paraat.cascades.models import RegionalFigures
from paraat.core.forms import add_service_errors
from paraat.programme import register


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _settings(request: HttpRequest) -> tuple[TimelineForm, runs.RunSettings]:
    form = TimelineForm.from_query(request.GET)
    return form, form.settings() if form.is_valid() else runs.RunSettings()


def _region(request: HttpRequest) -> Region:
    region = region_for_user(request.user)
    access.require(access.can_view_timeline(request.user, region))
    return region


def timeline_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    """Everything the timeline and print pages show, for the settings in the query string."""
    form, settings = _settings(request)
    lang = _lang()
    try:
        prepared = runs.prepare(region, settings)
        result = runs.simulate(prepared)
    except engine.ScenarioError as error:
        messages.error(request, _("This combination cannot be simulated: %(e)s") % {"e": error})
        settings = runs.RunSettings()
        prepared = runs.prepare(region, settings)
        result = runs.simulate(prepared)
    names = {p.code: p.name for p in prepared.points}
    context: dict[str, Any] = {
        "form": form,
        "settings": settings,
        "query": presenters.query(settings),
        "result": result,
        "title": result.scenario.title(lang),
        "weather_label": result.weather.label_nl if lang == "nl" else result.weather.label_en,
        "chart": runs.inline_svg(prepared, lang, "chart-caption"),
        "decisions": presenters.decision_rows(result, settings, lang, names),
        "tables": [
            engine.timeline_table(result, lang=lang),
            engine.effects_table(result, lang=lang),
            engine.figures_table(result, lang=lang),
        ],
        "figures": RegionalFigures.objects.for_region(region),
        "partner_sources": presenters.partner_source_rows(result, prepared.override, lang),
        "power_dependent": presenters.power_dependent(result, region),
        "point_count": len(prepared.points),
        "critical_processes": register.affected_in_region(region),
        **_area_context(region, result, lang),
        "can_edit_figures": access.can_edit_figures(request.user, region),
    }
    if settings.measures:
        base = runs.prepare(region, settings.without_measures())
        comparison = engine.compare(runs.simulate(base), result)
        service_rows, decision_rows = presenters.comparison_rows(comparison, lang)
        context.update(
            baseline_chart=runs.inline_svg(base, lang, "baseline-caption"),
            baseline_query=presenters.query(settings, measures=[]),
            service_changes=service_rows,
            decision_changes=decision_rows,
        )
    return context


def _area_context(region: Region, result: engine.Result, lang: str) -> dict[str, Any]:
    """The outage clock per area: which areas lose their noodsteunpunt when."""
    found = areas.clocks(region, result)
    horizon = result.scenario.horizon_hours
    names = found.served.municipalities
    return {
        "area_clocks": found,
        "municipality_rows": presenters.area_rows(found.municipalities, horizon, lang, names),
        "area_rows": presenters.area_rows(found.areas, horizon, lang, names),
        "area_lanes": presenters.area_lanes(found.municipalities, found.areas, horizon, lang),
    }


@staff_view
def timeline_view(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    context = timeline_context(request, region)
    incidents = access.exercise_incidents(request.user, region)
    context["inject_form"] = (
        InjectForm(incidents=incidents)
        if access.can_schedule_injects(request.user, region)
        else None
    )
    context["has_exercises"] = incidents.exists()
    return render(request, "cascades/timeline.html", context)


@staff_view
def print_view(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    return render(request, "cascades/print.html", timeline_context(request, region))


@staff_view
def chart_view(request: HttpRequest, fmt: str) -> HttpResponse:
    region = _region(request)
    if fmt not in ChartFormat.values:
        raise Http404("no such format")
    _, settings = _settings(request)
    try:
        prepared = runs.prepare(region, settings)
        data = runs.chart(prepared, fmt, _lang())
    except engine.ScenarioError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=CONTENT_TYPES[ChartFormat(fmt)])
    name = f"tijdlijn-{settings.scenario}{'-' + '-'.join(settings.measures) if settings.measures else ''}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_view
@require_http_methods(["GET", "POST"])
def figures_view(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    access.require(access.can_edit_figures(request.user, region))
    instance = RegionalFigures.objects.for_region(region) or RegionalFigures(region=region)
    form = FiguresForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_regional_figures(
                region=region,
                data=form.figure_data(),
                user=request.user,
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error, {"extra": "extra_text"})
        else:
            messages.success(request, _("Partner figures saved. The timeline uses them now."))
            return redirect("cascades:timeline")
    return render(request, "cascades/figures.html", {"form": form, "figures": instance})


@staff_view
@require_POST
def injects_view(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    access.require(access.can_schedule_injects(request.user, region))
    form = InjectForm(request.POST, incidents=access.exercise_incidents(request.user, region))
    settings_form = TimelineForm.from_query(request.POST)
    if not form.is_valid() or not settings_form.is_valid():
        messages.error(request, _("Choose an open exercise to add the injects to."))
        return redirect("cascades:timeline")
    result = runs.run(region, settings_form.settings())
    incident = form.cleaned_data["incident"]
    try:
        made = services.schedule_timeline_injects(
            incident=incident, result=result, user=request.user, lang=_lang()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cascades:timeline")
    messages.success(
        request, _("%(n)s injects planned in %(title)s.") % {"n": len(made), "title": incident}
    )
    return redirect("operations:incident", pk=incident.pk)
