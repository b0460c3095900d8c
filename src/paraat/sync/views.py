"""The sync pages: the region's conflict log with a decision per conflict, and this instance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.sync import access, overview, services, tasks
from paraat.sync.forms import ExchangeForm, ResolveForm


@staff_view
@require_http_methods(["GET", "POST"])
def conflicts(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_conflicts(request.user, region):
        raise PermissionDenied
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conflict = access.conflict_for_resolving(
            request.user, region, form.cleaned_data["conflict"]
        )
        take_other = form.cleaned_data["choice"] == ResolveForm.TAKE
        services.resolve_conflict(conflict=conflict, user=request.user, take_other=take_other)
        messages.success(request, _("The conflict is resolved."))
        return redirect("sync:conflicts")
    rows = overview.conflict_rows(access.visible_conflicts(request.user, region))
    return render(request, "sync/conflicts.html", {
        "rows": rows, "can_resolve": access.can_resolve_conflicts(request.user, region),
        "form_error": request.method == "POST",
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def instance(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_instance(request.user, region):
        raise PermissionDenied
    status = overview.status()
    region_peer = next((row.peer for row in status.peers if row.peer.url), None)
    initial = {
        "url": region_peer.url if region_peer else "",
        "coordination_point": region_peer.coordination_point if region_peer else "",
    }
    form = ExchangeForm(request.POST or None, initial=initial)
    has_token = bool(tasks.token())
    if request.method == "POST":
        if not access.can_start_exchange(request.user, region) or not has_token:
            raise PermissionDenied
        if form.is_valid():
            job = tasks.start_exchange(
                url=form.cleaned_data["url"],
                coordination_point=form.cleaned_data["coordination_point"].strip().upper(),
                region=region,
                user=request.user,
            )
            return redirect("job", job.pk)
    return render(request, "sync/instance.html", {
        "status": status, "form": form, "has_token": has_token,
    }, status=400 if form.is_bound and form.errors else 200)  # fmt: skip
