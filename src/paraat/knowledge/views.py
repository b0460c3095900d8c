"""The knowledge platform's pages: search list, item, download, adding, changing and removing an
item, attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.knowledge import access, search, services, storage
from paraat.knowledge.constants import CONTENT_TYPES
from paraat.knowledge.forms import AttendanceForm, ItemEditForm, ItemForm, SearchForm
from paraat.knowledge.models import KnowledgeItem

# Refusals that concern the uploaded file: shown at the file field.
FILE_CODES = {"too_large", "type", "encrypted", "zip_bomb", "unreadable", "too_many_pages", "file"}


def _form_errors(form: ItemForm | AttendanceForm, error: ValidationError) -> None:
    field = "file" if error.code in FILE_CODES and "file" in form.fields else None
    for message in error.messages:
        form.add_error(field, message)


@staff_view
def item_list(request: HttpRequest) -> HttpResponse:
    region = access.knowledge_region(request.user)
    if not access.can_view_knowledge(request.user, region):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    items = access.visible_items(request.user, region).select_related("created_by")
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        for name in ("kind", "programme_line", "risk"):
            if form.cleaned_data[name]:
                items = items.filter(**{name: form.cleaned_data[name]})
    return render(request, "knowledge/item_list.html", {
        "form": form, "query": query, "items": search.search(items, query),
        "can_add": access.can_add_items(request.user, region),
    })  # fmt: skip


@staff_view
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_for_user(request.user, pk)
    return render(request, "knowledge/item_detail.html", {
        "item": item, "can_record_attendance": access.can_record_attendance(request.user, item),
        "can_edit": access.can_edit_item(request.user, item),
        "shared_organisations": item.shared_with_organisations.all(),
        "shared_municipalities": item.shared_with_municipalities.all(),
        "attending": item.attending_organisations.all(),
    })  # fmt: skip


@staff_view
def item_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = access.item_for_user(request.user, pk)
    path = storage.read_path(item.file_sha256, item.file_type) if item.has_file else None
    if path is None:
        raise Http404("no file")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=item.file_name,
        content_type=CONTENT_TYPES[item.file_type],  # type: ignore[index]
    )  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    region = access.knowledge_region(request.user)
    if not access.can_add_items(request.user, region):
        raise PermissionDenied
    form = ItemForm(request.POST or None, request.FILES or None, region=region)
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        try:
            item = services.add_item(
                region=region, data=form.to_data(), user=request.user,
                upload=services.Upload(upload.name or "", upload.read()) if upload else None,
                organisations=list(form.cleaned_data["organisations"]),
                municipalities=list(form.cleaned_data["municipalities"]),
            )  # fmt: skip
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Item added to the knowledge platform."))
            return redirect("knowledge:item", pk=item.pk)
    return render(request, "knowledge/item_form.html", {"form": form})


@staff_view
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_to_edit(request.user, pk)
    form = ItemEditForm(
        request.POST or None, initial=ItemEditForm.initial_for(item), region=item.region
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(
                item=item, data=form.to_data(), user=request.user,
                organisations=list(form.cleaned_data["organisations"]),
                municipalities=list(form.cleaned_data["municipalities"]),
            )  # fmt: skip
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Item saved."))
            return redirect("knowledge:item", pk=item.pk)
    return render(request, "knowledge/item_edit.html", {"form": form, "item": item})


@staff_view
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_to_edit(request.user, pk)
    if request.method == "POST":
        services.delete_item(item=item, user=request.user)
        messages.success(request, _("Item removed from the knowledge platform."))
        return redirect("knowledge:list")
    # Only this region's items are told of: that another region holds the same file stays unsaid.
    twins = KnowledgeItem.objects.in_region(item.region).with_file(item.file_sha256)
    return render(request, "knowledge/item_delete.html", {
        "item": item, "file_stays": twins.exclude(pk=item.pk).exists(),
        "attending": item.attending_organisations.all(),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.item_for_user(request.user, pk)
    if not access.can_record_attendance(request.user, item):
        raise PermissionDenied
    initial = {
        "attendee_count": item.attendee_count,
        "organisations": item.attending_organisations.all(),
    }
    form = AttendanceForm(request.POST or None, initial=initial, region=item.region)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(
                item=item, attendee_count=form.cleaned_data["attendee_count"],
                organisations=list(form.cleaned_data["organisations"]),
            )  # fmt: skip
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("knowledge:item", pk=item.pk)
    return render(request, "knowledge/attendance.html", {"form": form, "item": item})
