"""Vital and care partners: the region's list, a partner's page with its contacts (logged when
shown) and its power-dependent clients per area (suppressed), and the forms that change them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from paraat.accounts.access import AnyUser
from paraat.accounts.decorators import staff_view
from paraat.areas.access import region_for_user
from paraat.areas.models import Municipality, Region
from paraat.community import access, partners
from paraat.community.constants import PartnerKind
from paraat.community.forms import PartnerContactForm, PartnerForm, PowerDependentForm
from paraat.community.initiatives import areas_by_code
from paraat.community.models import Partner, PartnerContact, PowerDependentClients
from paraat.core.forms import add_service_errors
from paraat.supportpoints import access as points_access


def _municipalities(user: AnyUser, region: Region) -> object:
    allowed = points_access.editable_municipality_ids(user, region)
    found = Municipality.objects.in_region(region).order_by("name")
    return found if allowed is None else found.for_ids(allowed)


def _managed(request: HttpRequest, pk: int) -> Partner:
    partner = access.partner_for_user(request.user, region_for_user(request.user), pk)
    if not access.can_manage_partner(request.user, partner):
        raise PermissionDenied
    return partner


@staff_view
def partner_list(request: HttpRequest) -> HttpResponse:
    region = region_for_user(request.user)
    if not access.can_view_partners(request.user, region):
        raise PermissionDenied
    return render(request, "community/partner_list.html", {
        "region": region, "partners": list(Partner.objects.in_region(region).for_list()),
        "today": timezone.localdate(),
        "can_register": access.can_register_partners(request.user, region),
    })  # fmt: skip


@staff_view
@require_http_methods(["GET", "POST"])
def partner_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = region_for_user(request.user)
    partner = _managed(request, pk) if pk is not None else None
    if partner is None and not access.can_register_partners(request.user, region):
        raise PermissionDenied
    initial = (
        {f: getattr(partner, f) for f in (*partners.FIELDS, "municipality")} if partner else {}
    )
    form = PartnerForm(
        request.POST or None, initial=initial, municipalities=_municipalities(request.user, region)
    )
    if request.method == "POST" and form.is_valid():
        if not access.can_manage_partners_in(
            request.user, region, form.cleaned_data["municipality"]
        ):
            form.add_error(
                "municipality", _("Only the region coordinator records region-wide partners.")
            )
        else:
            try:
                if partner is None:
                    partner = partners.register_partner(region=region, data=form.to_data())
                else:
                    partners.update_partner(partner=partner, data=form.to_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Partner saved."))
                return redirect("community:partner", pk=partner.pk)
    return render(
        request,
        "community/partner_form.html",
        {"form": form, "partner": partner},
        status=400 if form.errors else 200,
    )


@staff_view
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access.partner_for_user(request.user, region_for_user(request.user), pk)
    can_manage = access.can_manage_partner(request.user, partner)
    contacts = []
    if access.can_view_partner_contacts(request.user, partner):
        contacts = list(partner.contacts.all())
        partners.log_contact_views(contacts=contacts, note=f"partner {partner.pk}")
    clients = None
    if can_manage and partner.kind == PartnerKind.CARE:
        clients = partners.power_dependent_rows(
            PowerDependentClients.objects.filter(partner=partner), partner.region.small_count_limit
        )
    return render(request, "community/partner_detail.html", {
        "partner": partner, "can_manage": can_manage, "contacts": contacts,
        "can_see_contacts": access.can_view_partner_contacts(request.user, partner),
        "overdue": partner.review_overdue(timezone.localdate()), "clients": clients,
        "contact_form": PartnerContactForm(prefix="contact"),
        "clients_form": PowerDependentForm(prefix="clients"),
    })  # fmt: skip


@staff_view
@require_POST
def partner_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _managed(request, pk)
    form = PartnerContactForm(request.POST, prefix="contact")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        partners.add_contact(partner=partner, data=form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, _("Contact saved."))
    return redirect("community:partner", pk=partner.pk)


@staff_view
@require_POST
def partner_contact_remove(request: HttpRequest, pk: int, contact_id: int) -> HttpResponse:
    partner = _managed(request, pk)
    partners.remove_contact(contact=get_object_or_404(PartnerContact, pk=contact_id, partner=partner))  # fmt: skip
    messages.success(request, _("Contact removed."))
    return redirect("community:partner", pk=partner.pk)


@staff_view
@require_POST
def partner_clients(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _managed(request, pk)
    form = PowerDependentForm(request.POST, prefix="clients")
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        found, unknown = areas_by_code(partner.region, [form.cleaned_data["area_code"].strip().upper()])  # fmt: skip
        if unknown:
            raise ValidationError({"area_code": _("Unknown area: %s") % ", ".join(unknown)})
        partners.record_power_dependent(
            partner=partner, area=found[0], dependency=form.cleaned_data["dependency"],
            count=form.cleaned_data["count"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, _("Count saved."))
    return redirect("community:partner", pk=partner.pk)
