"""Resident pages (no login, no database query per request) and the editors' advice pages.

Public views answer from the in-memory snapshot; pages are rendered once per snapshot version and
served with Cache-Control (a short max-age, stale-if-error) and an ETag, which the reverse proxy
of the production setup honours (deploy/nginx-paraat.conf, docs/public-site.md).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from paraat.accounts.decorators import staff_view
from paraat.areas import logo
from paraat.areas.access import region_for_user
from paraat.core.forms import add_service_errors
from paraat.publicinfo import (
    access,
    bridge,
    data,
    links,
    pages,
    posters,
    services,
    snapshot,
    tasks,
)
from paraat.publicinfo.constants import Risk
from paraat.publicinfo.forms import AdviceForm, ContactsForm, advice_warnings
from paraat.publicinfo.models import ActionAdvice

# Seconds a browser or the proxy may reuse a page before asking again (with its ETag). With the
# snapshot's 1 s lag, a point's new state is on every public page within 5 s (docs/public-site.md).
PAGE_AGE = 3
STATIC_AGE = 3600
STALE_IF_ERROR = 86_400


def _respond(
    request: HttpRequest,
    body: bytes,
    *,
    tag: str,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    max_age: int = PAGE_AGE,
    language: str | None = None,
) -> HttpResponse:
    etag = f'"{tag}"'
    if status == 200 and request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type, status=status)
    # No stale-while-revalidate: nginx would then serve an expired copy while it renews it.
    response["Cache-Control"] = f"public, max-age={max_age}, stale-if-error={STALE_IF_ERROR}"
    response["ETag"] = etag
    if language:
        response["Content-Language"] = language
    return response


def _snap(region: str) -> snapshot.Snapshot:
    """The snapshot of /public/<region>/ (or of /public/ when ``region`` is empty); a code that
    names no region is a 404, so one region's pages never answer under another's code."""
    if region and region not in snapshot.regions():
        raise Http404("no such region")
    return snapshot.current(region)


def _page(
    request: HttpRequest,
    name: str,
    lang: str,
    region: str = "",
    status: int = 200,
    **kwargs: Any,
) -> HttpResponse:
    snap = _snap(region)
    body = pages.page(name, snap, links.Site(lang, region=region), **kwargs)
    tag = f"{snap.version}-{region}-{lang}-{name}-{'-'.join(str(v) for v in kwargs.values())}"
    return _respond(request, body, tag=tag, status=status, language=lang)


@require_GET
def home(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    if not region and snapshot.several_regions():
        return _regions(request, lang)
    return _page(request, "home", lang, region)


def _regions(request: HttpRequest, lang: str) -> HttpResponse:
    """/public/ of an installation with several regions: which region is yours?"""
    shown = [r for r in snapshot.regions().values() if r.points]
    body = pages.regions_page(shown, lang)
    tag = "regions-" + lang + "-" + "-".join(r.code for r in shown)
    return _respond(request, body, tag=tag, language=lang)


@require_GET
def lookup(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    """The postcode form (GET, works without JavaScript): on to the postcode's own page."""
    raw = request.GET.get("postcode", "")
    parsed = pages.parse_postcode(raw)
    snap = _snap(region)
    site = links.Site(lang, region=region)
    if parsed is None:
        error = _("Enter a postcode of 4 digits, for example 5211.")
        body = pages.uncached_page("home", snap, site, error=error, value=raw[:10])
        return _respond(request, body, tag="invalid", status=400, language=lang)
    if pages.find_area(snap, raw) is None:
        body = pages.uncached_page("not_found", snap, site, value=parsed[1] or parsed[0])
        return _respond(request, body, tag="unknown", status=404, language=lang)
    response = HttpResponseRedirect(site.page(f"postcode/{parsed[1] or parsed[0]}/"))
    response["Cache-Control"] = f"public, max-age={PAGE_AGE}"
    return response


@require_GET
def postcode(request: HttpRequest, lang: str, code: str, region: str = "") -> HttpResponse:
    snap = _snap(region)
    normalised = code.upper().replace(" ", "")
    if pages.find_area(snap, normalised) is None:
        site = links.Site(lang, region=region)
        body = pages.uncached_page("not_found", snap, site, value=normalised[:10])
        return _respond(request, body, tag="unknown", status=404, language=lang)
    return _page(request, "postcode", lang, region, code=normalised)


@require_GET
def near(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    """Lookup by coordinates ("use my location"); not stored, not shared with caches."""
    snap = _snap(region)
    site = links.Site(lang, region=region)
    try:
        lat = round(float(request.GET.get("lat", "")), 4)
        lon = round(float(request.GET.get("lon", "")), 4)
    except ValueError:
        lat = lon = float("nan")
    if not (50.0 <= lat <= 54.0 and 3.0 <= lon <= 7.5):
        error = _("We could not use your location. Enter your postcode instead.")
        body = pages.uncached_page("home", snap, site, error=error)
        return _respond(request, body, tag="invalid", status=400, language=lang)
    body = pages.uncached_page("near", snap, site, lon=lon, lat=lat)
    response = HttpResponse(body)
    response["Cache-Control"] = f"private, max-age={PAGE_AGE}"
    response["Content-Language"] = lang
    return response


@require_GET
def postcodes(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    return _page(request, "postcodes", lang, region)


@require_GET
def checklist(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    return _page(request, "checklist", lang, region)


@require_GET
def advice_index(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    return _page(request, "advice", lang, region)


@require_GET
def advice_risk(request: HttpRequest, lang: str, risk: str, region: str = "") -> HttpResponse:
    if risk not in Risk.values:
        raise Http404("no such risk")
    return _page(request, "advice_risk", lang, region, risk=risk)


@require_GET
def about(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    return _page(request, "about", lang, region)


@require_GET
def offline(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    return _page(request, "offline", lang, region)


# Posters and data ----------------------------------------------------------------------------


def _pdf(
    request: HttpRequest, snap: snapshot.Snapshot, key: tuple[Any, ...], make: Any, name: str
) -> HttpResponse:
    body = links.cached((*key, snap.places.region_code, snap.version), lambda: make(snap))
    response = _respond(
        request,
        body,
        tag=f"{snap.version}-{'-'.join(map(str, key))}",
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def area_poster(
    request: HttpRequest, lang: str, kind: str, code: str, region: str = ""
) -> HttpResponse:
    snap = _snap(region)
    area = snap.area(kind, code.upper())
    if area is None:
        raise Http404("no such area")
    return _pdf(
        request,
        snap,
        ("area-poster", lang, kind, area.code),
        lambda snap: posters.area_poster(snap, area, lang),
        f"noodsteunpunten-{area.code}.pdf",
    )


@require_GET
def point_poster(request: HttpRequest, lang: str, code: str, region: str = "") -> HttpResponse:
    snap = _snap(region)
    found = [p for p in snap.places.points if p.code == code.upper()]
    if not found:
        raise Http404("no such point")
    site = links.Site(lang, region=region)
    url = request.build_absolute_uri(site.page(pages.point_page(found[0])))
    return _pdf(
        request,
        snap,
        ("point-poster", lang, found[0].code, url),
        lambda snap: posters.point_poster(snap, found[0], lang, url=url),
        f"noodsteunpunt-{found[0].code}.pdf",
    )


@require_GET
def region_logo(request: HttpRequest, region: str) -> HttpResponse:
    """The region's logo (areas.logo) as uploaded on its settings page; 404 when it has none."""
    snap = _snap(region)
    found = logo.path(snap.places.logo)
    if found is None:
        raise Http404("no logo")
    return _respond(
        request,
        found.read_bytes(),
        tag=f"logo-{found.stem}",
        content_type=logo.content_type(found.name),
        max_age=STATIC_AGE,
    )


def _json(request: HttpRequest, data: Any, tag: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return _respond(request, body, tag=tag, content_type="application/json")


@require_GET
def points_json(request: HttpRequest, region: str = "") -> HttpResponse:
    snap = _snap(region)
    return _json(request, data.points_data(snap), f"{snap.version}-points")


@require_GET
def postcode_json(request: HttpRequest, code: str, region: str = "") -> HttpResponse:
    snap = _snap(region)
    area = pages.find_area(snap, code)
    if area is None:
        raise Http404("no such postcode")
    return _json(request, data.postcode_data(snap, area), f"{snap.version}-{area.code}")


@require_GET
def postcodes_json(request: HttpRequest, region: str = "") -> HttpResponse:
    snap = _snap(region)
    return _json(request, data.postcode_index(snap), f"{snap.version}-postcodes")


@require_GET
def cap_document(request: HttpRequest, name: str, region: str = "") -> HttpResponse:
    """One alert as CAP 1.2 XML, as the alerts app made it (kept in the snapshot)."""
    snap = _snap(region)
    body = snap.situation.cap.get(name)
    if body is None and snap.situation.alerts_enabled:
        # Not in force any more (replaced, cancelled, expired): the address keeps answering,
        # since later alerts reference it. Only this rare miss reads the database.
        body = bridge.cap_document(snapshot.region_of(snap), name)
    if body is None:
        raise Http404("no such CAP document")
    return _respond(
        request,
        body,
        tag=f"{snap.version}-cap-{name}",
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def alerts_feed(request: HttpRequest, region: str = "") -> HttpResponse:
    """Atom feed of the alerts in force, each entry linking its CAP document."""
    snap = _snap(region)
    if not snap.situation.alerts_enabled:
        raise Http404("alerts are not available")
    base_url = request.build_absolute_uri(links.live_root(region) + "cap/")
    body = links.cached(
        ("feed", snap.version, base_url),
        lambda: bridge.atom_feed(snapshot.region_of(snap), base_url=base_url) or b"",
    )
    if not body:
        raise Http404("no feed")
    return _respond(
        request,
        body,
        tag=f"{snap.version}-feed",
        content_type="application/atom+xml; charset=utf-8",
    )


@require_GET
def manifest(request: HttpRequest, lang: str, region: str = "") -> HttpResponse:
    snap = _snap(region)
    body = data.manifest(snap, links.Site(lang, region=region))
    return _respond(
        request,
        body,
        tag=f"manifest-{snap.places.region_code}-{lang}",
        content_type="application/manifest+json",
        language=lang,
        max_age=STATIC_AGE,
    )


@require_GET
def service_worker(request: HttpRequest, region: str = "") -> HttpResponse:
    if region and region not in snapshot.regions():
        raise Http404("no such region")
    body = data.service_worker(links.Site("nl", region=region))
    response = _respond(
        request,
        body,
        tag=f"sw-2-{region}",
        content_type="text/javascript; charset=utf-8",
        max_age=0,
    )
    response["Cache-Control"] = "no-cache"
    return response


# Editors ---------------------------------------------------------------------------------------


@staff_view
def advice_overview(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_editor(request.user, region):
        raise PermissionDenied
    services.ensure_advice(region=region)
    rows = [
        {"advice": advice, "warnings": advice_warnings(advice.title, advice.body, advice.language)}
        for advice in ActionAdvice.objects.in_region(region).for_overview()
    ]
    return render(
        request,
        "publicinfo/editor/advice_list.html",
        {
            "region": region,
            "rows": rows,
            "with_warnings": sum(1 for row in rows if row["warnings"]),
            "can_edit": access.can_edit_advice(request.user, region),
            "can_export": access.can_export(request.user, region),
        },
    )


@staff_view
@require_http_methods(["POST"])
def export_start(request: HttpRequest) -> HttpResponse:
    """Start the static export of the public site in the worker; the job page offers the zip."""
    region = region_for_user(request.user)
    if not access.can_export(request.user, region):
        raise PermissionDenied
    job = tasks.start_export(region=region, user=request.user)
    return redirect("job", pk=job.pk)


@staff_view
@require_http_methods(["GET", "POST"])
def advice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_edit_advice(request.user, region):
        raise PermissionDenied
    advice = get_object_or_404(ActionAdvice, pk=pk, region=region)
    form = AdviceForm(request.POST or None, instance=advice)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_advice(
                advice=advice,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The text is saved. Residents see it within a minute."))
            return redirect("publicinfo:editor-advice")
    return render(
        request,
        "publicinfo/editor/advice_form.html",
        {"form": form, "advice": advice, "warnings": form.warnings()},
        status=400 if form.errors else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def contacts_edit(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_edit_contacts(request.user, region):
        raise PermissionDenied
    form = ContactsForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The numbers are saved."))
            return redirect("publicinfo:editor-advice")
    return render(
        request,
        "publicinfo/editor/contacts_form.html",
        {"form": form, "region": region},
        status=400 if form.errors else 200,
    )
