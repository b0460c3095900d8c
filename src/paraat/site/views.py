from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from paraat.accounts import access
from paraat.accounts.constants import Role
from paraat.accounts.decorators import staff_view
from paraat.core import jobs
from paraat.core.models import AuditEntry
from paraat.site import access as site_access


def home(request: HttpRequest) -> HttpResponse:
    from paraat.areas.models import Region

    if not Region.objects.exists():
        # A fresh install: the first-run setup (opened by `paraat setup-token`).
        return redirect("setup")
    if access.is_active(request.user) and getattr(request.user, "role", "") == Role.PARTNER:
        return redirect("knowledge:list")  # partners have the knowledge platform only
    if access.is_active(request.user):
        return redirect("areas:region")
    return redirect("accounts:login")


def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@staff_view
def audit_trail(request: HttpRequest) -> HttpResponse:
    if not access.can_view_audit(request.user):
        raise PermissionDenied
    entries = AuditEntry.objects.visible_to(request.user).newest_first().select_related("actor")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit.html", {"page": page, "model": model})


@staff_view
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's background jobs (a coordinator: every job of the region), newest first."""
    found = list(site_access.visible_jobs(request.user)[:200])
    running = any(not job.finished for job in found)
    return render(request, "core/jobs.html", {"jobs": found, "running": running})


@staff_view
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """How far a background job is (the page reloads itself every 2 s until it is finished)."""
    job = site_access.job_for(request.user, pk)
    return render(
        request,
        "core/job.html",
        {"job": job, "download": jobs.download_path(job) is not None},
    )


@staff_view
def job_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = site_access.job_for(request.user, pk)
    path = jobs.download_path(job)
    if path is None:
        raise Http404("no file")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
