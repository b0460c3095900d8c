"""The council report of a municipality and the board's report: drafted, edited, downloaded."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.programme import access, documents, report
from paraat.programme.forms import ReportForm
from paraat.programme.overview import Programme

FORMATS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        documents.to_docx,
    ),  # fmt: skip
    "pdf": ("application/pdf", documents.to_pdf),
}


def _respond(request: HttpRequest, draft: report.Draft, stem: str) -> HttpResponse:
    form = ReportForm(request.POST or None, initial={"title": draft.title, **draft.texts})
    wanted = request.POST.get("format")
    if request.method == "POST" and form.is_valid() and wanted in FORMATS:
        content_type, render_file = FORMATS[wanted]
        response = HttpResponse(render_file(draft.edited(form.cleaned_data)), content_type=content_type)  # fmt: skip
        response["Content-Disposition"] = f'attachment; filename="{stem}.{wanted}"'
        return response
    return render(request, "programme/report.html", {"form": form, "draft": draft})


@staff_view
@require_http_methods(["GET", "POST"])
def municipality_report(request: HttpRequest, code: str) -> HttpResponse:
    region = region_for_user(request.user)
    place = access.municipality_for_user(request.user, region, code)
    if not access.can_edit_municipality(request.user, place):
        raise PermissionDenied
    draft = report.municipality_draft(Programme(region), place)
    return _respond(request, draft, f"raadsinformatiebericht-{slugify(place.name)}")


@staff_view
@require_http_methods(["GET", "POST"])
def region_report(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_manage_programme(request.user, region):
        raise PermissionDenied
    draft = report.region_draft(Programme(region))
    return _respond(request, draft, f"voortgang-programma-{slugify(region.code)}")
