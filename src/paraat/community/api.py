"""Partners API under /api/v1/partners/: read-only, same rules as the pages. Contact persons
appear only for those who may see them, and each view is logged; power-dependent clients only
as suppressed counts per area."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiDenied
from rest_framework.request import Request
from rest_framework.response import Response

from paraat.areas.api import AppUser
from paraat.areas.models import Region
from paraat.community import access, partners, presenters
from paraat.community.constants import PartnerKind
from paraat.community.models import Partner, PowerDependentClients


class PartnerSerializer(serializers.Serializer):
    """A partner as `paraat partners --json` prints it."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        user = self.context["request"].user
        return partner_for_reader(user, instance)


def partner_for_reader(user: Any, partner: Partner) -> dict[str, Any]:
    contacts = None
    if access.can_view_partner_contacts(user, partner):
        contacts = list(partner.contacts.all())
        partners.log_contact_views(contacts=contacts, note=f"api partner {partner.pk}")
    clients = None
    if partner.kind == PartnerKind.CARE and access.can_manage_partner(user, partner):
        clients = partners.power_dependent_rows(
            PowerDependentClients.objects.filter(partner=partner), partner.region.small_count_limit
        )
    return presenters.partner_document(partner, contacts=contacts, clients=clients)


def _region(request: Request) -> Region:
    region = getattr(request.user, "region", None)
    if region is None or not access.can_view_partners(request.user, region):
        raise ApiDenied()
    return region


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    """Vital and care partners of the user's region; `power-dependent` gives the clients who
    depend on power at home per area, summed over care partners, small counts hidden."""

    queryset = Partner.objects.none()
    serializer_class = PartnerSerializer
    permission_classes = [AppUser]

    def get_queryset(self) -> Any:
        return Partner.objects.in_region(_region(self.request)).for_list().select_related("region")

    def get_object(self) -> Partner:
        found = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404("no such partner")
        return found

    @action(detail=False, url_path="power-dependent")
    def power_dependent(self, request: Request) -> Response:
        return Response({"areas": partners.power_dependent_in_region(_region(request))})


def register(router: Any) -> None:
    router.register("partners", PartnerViewSet, basename="partner")
