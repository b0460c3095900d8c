"""Pages without login: self-registration, e-mail confirmation, a volunteer's own data, and the
answer page behind each call-out link. Nothing changes on GET (mail scanners open links)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from paraat.areas.models import Region
from paraat.community import callouts, links, presenters, services
from paraat.community.forms import SelfRegistrationForm, VolunteerForm
from paraat.core.forms import add_service_errors


def join_default(request: HttpRequest) -> HttpResponse:
    from paraat.publicinfo.snapshot import public_region

    region = public_region()
    if region is None:
        raise Http404("no region")
    return redirect("community:join", region=region.code)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, region: str) -> HttpResponse:
    target = get_object_or_404(Region, code__iexact=region)
    form = SelfRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        consent = bool(form.cleaned_data["consent"])
        try:
            services.self_register(region=target, data=data, consent=consent)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "community/join_sent.html", {"region": target})
    return render(
        request,
        "community/join.html",
        {"form": form, "region": target},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = links.volunteer_from_confirm_token(token)
    if volunteer is None:
        return render(request, "community/link_invalid.html", status=404)
    if request.method == "POST":
        services.confirm_volunteer(volunteer=volunteer)
        return render(request, "community/confirmed.html")
    return render(request, "community/confirm.html", {"token": token})


@require_http_methods(["GET", "POST"])
def me(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = links.volunteer_from_token(token)
    if volunteer is None:
        return render(request, "community/link_invalid.html", status=404)
    form = VolunteerForm(request.POST or None, initial=presenters.form_initial(volunteer))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_volunteer(volunteer=volunteer, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("community:me", token=token)
    return render(
        request,
        "community/me.html",
        {"form": form, "token": token, "data": presenters.export(volunteer)},
        status=400 if form.errors else 200,
    )


def me_export(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = links.volunteer_from_token(token)
    if volunteer is None:
        return render(request, "community/link_invalid.html", status=404)
    body = json.dumps(presenters.export(volunteer), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="paraat-vrijwilliger.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def me_erase(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = links.volunteer_from_token(token)
    if volunteer is None:
        return render(request, "community/link_invalid.html", status=404)
    if request.POST.get("confirm") != "yes":
        return redirect("community:me", token=token)
    services.erase_volunteer(volunteer=volunteer)
    return render(request, "community/erased.html")


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    ask = links.ask_from_token(token)
    if ask is None:
        return render(request, "community/link_invalid.html", status=404)
    state = ask.state
    if request.method == "POST":
        state = callouts.answer(ask=ask, accept=request.POST.get("answer") == "yes")
    return render(
        request,
        "community/answer.html",
        {
            "ask": ask,
            "callout": ask.callout,
            "state": state,
            "token": token,
            "skill": presenters.skill_labels([ask.callout.skill])[0],
        },
    )
