"""The import and export page: upload a file of points (or polling places), download the registry."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Region
from paraat.geo.readers import ReadError
from paraat.supportpoints import access, exchange, osm, polling
from paraat.supportpoints.forms_exchange import PointExportForm, PointImportForm

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "osm": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}


@staff_view
@require_http_methods(["GET", "POST"])
def exchange_page(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_points(request.user, region):
        raise PermissionDenied
    can_import = access.can_register_points(request.user, region)
    if request.method == "POST" and not can_import:
        raise PermissionDenied
    polling_allowed = access.can_import_polling_places(request.user, region)
    form = PointImportForm(
        request.POST or None, request.FILES or None, polling_allowed=polling_allowed
    )
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            result = _import(request, form, region)
        except ReadError as error:
            problems = error.problems
        else:
            messages.success(request, _("%(created)s points added, %(updated)s updated.") % result)
            for note in result.get("skipped", [])[:50]:
                messages.info(request, note)
            return redirect("supportpoints:exchange")
    context = {
        "region": region,
        "form": form if can_import else None,
        "problems": problems,
        "export_form": PointExportForm(contacts_allowed=can_import),
    }
    return render(request, "supportpoints/exchange.html", context, status=400 if problems else 200)


def _import(request: HttpRequest, form: PointImportForm, region: Region) -> dict[str, Any]:
    """Save the upload under its own name (the problems name it) and import it."""
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        if form.cleaned_data.get("polling_places"):
            return polling.import_polling_places(path=path, region=region)
        allowed = access.editable_municipality_ids(request.user, region)
        return dict(
            exchange.import_points(path=path, region=region, allowed_municipalities=allowed)
        )


@staff_view
def export_download(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_points(request.user, region):
        raise PermissionDenied
    can_contacts = access.can_register_points(request.user, region)
    form = PointExportForm(request.GET, contacts_allowed=can_contacts)
    if not form.is_valid():
        return redirect("supportpoints:exchange")
    kind = form.cleaned_data["format"]
    with_contacts = bool(form.cleaned_data.get("contacts")) and kind != "osm"
    points = (
        access.exportable_points(request.user, region, with_contacts=with_contacts)
        .for_list()
        .prefetch_related("services", "comms", "contacts")
    )
    name = f"noodsteunpunten-{region.code.lower()}.{'geojson' if kind == 'osm' else kind}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if kind == "osm":
            osm.export_osm(points, path)
        else:
            exchange.export_points(points, path, include_contacts=with_contacts)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
