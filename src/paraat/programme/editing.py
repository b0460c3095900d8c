"""The edit and remove flow that activities, critical processes and trainings share.

Each is a record placed in one municipality or in the region as a whole: the form offers the
municipalities the user may edit, the chosen place is checked against the user's rights once
more, a service stores it and its own errors land on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from paraat.core.forms import add_service_errors
from paraat.programme import access
from paraat.programme.forms import PlacedForm
from paraat.supportpoints.access import editable_municipality_ids


def edit_placed(
    request: HttpRequest,
    *,
    region: Any,
    record: Model | None,
    form_class: type[PlacedForm],
    save: Callable[[dict[str, Any]], Model],
    saved: str,
    done: Callable[[Any], str],
    title: str,
    back: str,
    delete: str,
) -> HttpResponse:
    """The form page of a new (``record`` None) or existing record.

    ``save`` stores the cleaned data and returns the record, ``done`` says where to go after it,
    ``saved`` is the message then; ``delete`` names the URL of the record's remove page.
    """
    initial = {"municipality": request.GET.get("municipality")} if record is None else None
    form = form_class(
        request.POST or None, instance=record, initial=initial, region=region,
        municipality_ids=editable_municipality_ids(request.user, region),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        if not access.can_edit_place(request.user, region, form.cleaned_data["municipality"]):
            raise PermissionDenied
        try:
            stored = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect(done(stored))
    return render(request, "programme/form.html", {
        "form": form, "title": title, "back": back,
        "delete": reverse(delete, args=[record.pk]) if record is not None else None,
    })  # fmt: skip


def remove_placed(
    request: HttpRequest,
    *,
    remove: Callable[[], None],
    removed: str,
    done: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The page that asks before a record is removed (``template`` with ``context``), and the
    removal on POST, after which the user goes to ``done`` with the message ``removed``."""
    if request.method == "POST":
        remove()
        messages.success(request, removed)
        return redirect(done)
    return render(request, template, context)
