"""Alert pages: list, write from a template, edit, approve, publish, update, cancel, preview,
import; and the public CAP documents and Atom feed. Each view checks access, calls one service
and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from paraat.accounts.decorators import staff_view
from paraat.alerts import access, document, presenters, presets, public, services
from paraat.alerts.constants import MsgType
from paraat.alerts.forms import AlertForm, ImportForm, TemplateForm
from paraat.alerts.models import Alert
from paraat.areas.access import region_for_user
from paraat.areas.models import Municipality, Region
from paraat.core.forms import add_service_errors

PAGE_SIZE = 50


def _alert(request: HttpRequest, pk: int) -> Alert:
    return access.alert_for_user(request.user, region_for_user(request.user), pk)


def _errors(form: Any, error: ValidationError) -> None:
    add_service_errors(form, error, {"areas": "area_codes"})


def _choosable(request: HttpRequest, region: Region) -> list[Municipality]:
    """The municipalities this user may write alerts for (officers: their own)."""
    allowed = access.authorable_municipality_ids(request.user, region)
    found = Municipality.objects.in_region(region)
    return list(found if allowed is None else found.for_ids(allowed))


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "alerts/alert_form.html", {"form": form, **context}, status=status)


@staff_view
def alert_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_alerts(request.user, region):
        raise PermissionDenied
    alerts = access.visible_alerts(request.user, region).for_list()
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "region": region,
        "page": page,
        "can_author": access.can_author(request.user, region),
        "can_import": access.can_import(request.user, region),
    }
    return render(request, "alerts/alert_list.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def alert_create(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_author(request.user, region):
        raise PermissionDenied
    municipalities = _choosable(request, region)
    if "risk" not in request.GET and request.method == "GET":
        chooser = TemplateForm(municipalities=municipalities)
        return render(request, "alerts/template_form.html", {"form": chooser})
    chosen = TemplateForm(request.GET, municipalities=municipalities)
    if not chosen.is_valid():
        return render(request, "alerts/template_form.html", {"form": chosen}, status=400)
    codes, areas = chosen.municipality_codes(), chosen.area_code_list()
    effective, expires = presets.default_times()
    initial = {
        **presets.fill(
            region, chosen.cleaned_data["risk"], places=presenters.places_of(region, codes, areas)
        ),
        "effective": effective,
        "expires": expires,
        "municipalities": codes,
        "area_codes": " ".join(areas),
    }
    form = AlertForm(request.POST or None, initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, region=region)
    return _form_page(request, form, title=_("New alert"))


def _save(
    request: HttpRequest, form: AlertForm, *, region: Region, alert: Alert | None = None
) -> HttpResponse:
    try:
        saved = services.save_alert(
            region=region,
            user=request.user,
            data=form.alert_data(),
            municipality_codes=form.municipality_codes(),
            area_codes=form.area_code_list(),
            drawn=form.cleaned_data.get("polygon", ""),
            alert=alert,
        )
    except ValidationError as error:
        _errors(form, error)
        return _form_page(request, form, title=_("Edit alert"), alert=alert)
    except PermissionDenied:
        form.add_error(None, _("You may only write alerts for areas in your own municipalities."))
        return _form_page(request, form, title=_("Edit alert"), alert=alert)
    messages.success(request, _("Alert saved as a draft."))
    return redirect("alerts:detail", pk=saved.pk)


@staff_view
@require_http_methods(["GET", "POST"])
def alert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    if not access.can_edit_alert(request.user, alert):
        raise PermissionDenied
    municipalities = _choosable(request, alert.region)
    initial = presenters.form_initial(alert)
    form = AlertForm(request.POST or None, initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        return _save(request, form, region=alert.region, alert=alert)
    return _form_page(request, form, title=_("Edit alert"), alert=alert)


@staff_view
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    user = request.user
    context = {
        "alert": alert,
        "areas": document.area_names(alert),
        "followups": alert.followups.order_by("created_at"),
        "can_edit": access.can_edit_alert(user, alert),
        "can_submit": access.can_submit(user, alert),
        "can_approve": access.can_approve(user, alert),
        "own_pending": alert.state == "pending" and alert.author_id == user.pk,
        "can_publish": access.can_publish(user, alert),
        "can_follow_up": access.can_follow_up(user, alert),
    }
    return render(request, "alerts/alert_detail.html", context)


ACTIONS = {
    "submit": (
        services.submit,
        gettext_lazy("Sent for approval. Another person must now approve it."),
    ),
    "approve": (services.approve, gettext_lazy("Alert approved. It can now be published.")),
    "send-back": (services.send_back, gettext_lazy("Alert sent back to its author.")),
    "publish": (services.publish, gettext_lazy("Alert published.")),
}


@staff_view
@require_POST
def alert_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    alert = _alert(request, pk)
    if action not in ACTIONS:
        raise Http404("no such action")
    service, done = ACTIONS[action]
    try:
        service(alert=alert, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect("alerts:detail", pk=alert.pk)


@staff_view
@require_POST
def alert_follow_up(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    alert = _alert(request, pk)
    msg_type = {"update": MsgType.UPDATE, "cancel": MsgType.CANCEL}.get(kind)
    if msg_type is None:
        raise Http404("no such follow-up")
    draft = services.start_follow_up(original=alert, user=request.user, msg_type=msg_type)
    messages.success(request, _("Draft made. Check it, then send it for approval."))
    return redirect("alerts:edit", pk=draft.pk)


@staff_view
def alert_preview(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(request, pk)
    return render(
        request, "alerts/alert_preview.html", {"alert": alert, "preview": presenters.preview(alert)}
    )


@staff_view
@require_http_methods(["GET", "POST"])
def alert_import(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_import(request.user, region):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            alert = services.import_external(
                region=region, user=request.user, data=upload.read(), name=upload.name
            )
        except ValidationError as error:
            form.add_error("document", error.messages)
        else:
            messages.success(request, _("External alert imported."))
            return redirect("alerts:detail", pk=alert.pk)
    status = 400 if form.errors else 200
    return render(request, "alerts/import_form.html", {"form": form}, status=status)


# Public, no login --------------------------------------------------------------------------------


def _public_region(request: HttpRequest) -> Region:
    """``?region=CODE``, else the installation's first region."""
    code = request.GET.get("region", "")
    region = (Region.objects.filter(code=code) if code else Region.objects.order_by("pk")).first()
    if region is None:
        raise Http404("no region")
    return region


@require_GET
def public_feed(request: HttpRequest) -> HttpResponse:
    region = _public_region(request)
    base_url = request.build_absolute_uri(reverse("alerts:cap", args=["x"]))[: -len("x")]
    body = public.atom_feed(
        region, base_url=base_url, self_url=request.build_absolute_uri(reverse("alerts:feed"))
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@staff_view
@require_GET
def exercise_feed(request: HttpRequest) -> HttpResponse:
    """Exercise and Test alerts, for staff only: they never reach the public feed."""
    region = region_for_user(request.user)
    if not access.can_view_alerts(request.user, region):
        raise PermissionDenied
    base_url = request.build_absolute_uri(reverse("alerts:exercise-cap", args=["x"]))[: -len("x")]
    body = public.atom_feed(
        region,
        base_url=base_url,
        self_url=request.build_absolute_uri(reverse("alerts:exercise-feed")),
        exercise=True,
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@staff_view
@require_GET
def exercise_cap(request: HttpRequest, name: str) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_alerts(request.user, region):
        raise PermissionDenied
    body = public.cap_document(region, name, exercise=True)
    if body is None:
        raise Http404("no such CAP document")
    return HttpResponse(body, content_type="application/cap+xml; charset=utf-8")


@require_GET
def public_cap(request: HttpRequest, name: str) -> HttpResponse:
    body = public.cap_document(_public_region(request), name)
    if body is None:
        raise Http404("no such CAP document")
    return HttpResponse(body, content_type="application/cap+xml; charset=utf-8")
