"""Who may see and change volunteers, rosters and call-outs. One condition per line.

Contact details are for those who need them: the region coordinator, officers of the volunteer's
municipality, and during an open incident the lead of a point she is assigned to.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.areas.models import Municipality, Region
from paraat.community.models import Callout, Partner, Volunteer, VolunteerQuerySet
from paraat.operations import access as operations_access
from paraat.operations.models import Incident
from paraat.supportpoints import access as points_access
from paraat.supportpoints.models import SupportPoint


def can_view_volunteers(user: AnyUser, region: Region) -> bool:
    """The list (without contact details): coordinators and officers."""
    if not points_access.can_view_points(user, region):
        return False
    return bool(user.is_superuser or user.role in (Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER))


def can_manage_volunteers_in(user: AnyUser, municipality: Municipality) -> bool:
    """Register, correct, assign and import: coordinators, and officers in their municipalities."""
    return points_access.can_edit_in_municipality(user, municipality)


def can_import_volunteers(user: AnyUser, region: Region) -> bool:
    return points_access.can_register_points(user, region)


def visible_volunteers(user: AnyUser, region: Region) -> VolunteerQuerySet:
    if not can_view_volunteers(user, region):
        return Volunteer.objects.none()
    allowed = points_access.editable_municipality_ids(user, region)
    volunteers = Volunteer.objects.in_region(region)
    return volunteers if allowed is None else volunteers.in_municipalities(allowed)


def leads_during_incident(user: AnyUser, volunteer: Volunteer) -> bool:
    """A point lead of one of her points while an incident or exercise is open."""
    if not points_access.can_view_points(user, volunteer.region):
        return False
    if user.role != Role.POINT_LEAD:
        return False
    open_incidents = Incident.objects.in_region(volunteer.region).open()
    if not open_incidents.exists():
        return False
    if volunteer.points.filter(leads=user).exists():
        return True
    if volunteer.shifts.filter(point__leads=user, incident__in=open_incidents).exists():
        return True
    return volunteer.asks.filter(
        callout__point__leads=user, callout__incident__in=open_incidents
    ).exists()


def can_view_contacts(user: AnyUser, volunteer: Volunteer) -> bool:
    if can_manage_volunteers_in(user, volunteer.municipality):
        return True
    return leads_during_incident(user, volunteer)


def volunteer_for_user(user: AnyUser, region: Region, pk: int) -> Volunteer:
    volunteer = Volunteer.objects.select_related("municipality", "region").filter(pk=pk).first()
    if volunteer is None or volunteer.region_id != region.pk:
        raise Http404("no such volunteer")
    if not can_view_contacts(user, volunteer):
        raise PermissionDenied
    return volunteer


def can_run_roster(user: AnyUser, point: SupportPoint) -> bool:
    """Shifts, call-outs and spontaneous volunteers: whoever reports for the point."""
    return points_access.can_report_for_point(user, point)


def callout_for_user(user: AnyUser, region: Region, pk: int) -> Callout:
    callout = Callout.objects.select_related("point__region", "incident").filter(pk=pk).first()
    if callout is None or callout.point.region_id != region.pk:
        raise Http404("no such call-out")
    if not can_run_roster(user, callout.point):
        raise PermissionDenied
    return callout


def can_view_initiatives(user: AnyUser, region: Region) -> bool:
    """Everyone with a role in the region sees approved initiatives (not their contacts)."""
    return points_access.can_view_points(user, region)


def can_manage_initiatives_in(user: AnyUser, municipality: Municipality) -> bool:
    """Register, approve and see contacts: coordinators, and officers in their municipalities."""
    return points_access.can_edit_in_municipality(user, municipality)


def can_register_initiatives(user: AnyUser, region: Region) -> bool:
    return points_access.can_register_points(user, region)


def can_view_partners(user: AnyUser, region: Region) -> bool:
    """Everyone with a role in the region sees its partners and their 24/7 numbers and radio
    channels (organisations' numbers, not people's)."""
    return points_access.can_view_points(user, region)


def can_register_partners(user: AnyUser, region: Region) -> bool:
    """Coordinators (for the region or a municipality) and officers (for their municipalities)."""
    return points_access.can_register_points(user, region)


def can_manage_partners_in(
    user: AnyUser, region: Region, municipality: Municipality | None
) -> bool:
    """A partner of one municipality: its officers and the coordinators; of the whole region
    (no municipality): the coordinators."""
    if municipality is not None:
        return points_access.can_edit_in_municipality(user, municipality)
    if not points_access.can_view_points(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_manage_partner(user: AnyUser, partner: Partner) -> bool:
    return can_manage_partners_in(user, partner.region, partner.municipality)


def can_view_partner_contacts(user: AnyUser, partner: Partner) -> bool:
    """Contact persons are personal data: those who manage the partner, and a crisis operator
    while an incident or exercise of the region is open (he must reach the liaison)."""
    if can_manage_partner(user, partner):
        return True
    if not points_access.can_view_points(user, partner.region):
        return False
    if user.role != Role.CRISIS_OPERATOR:
        return False
    return Incident.objects.in_region(partner.region).open().exists()


def partner_for_user(user: AnyUser, region: Region, pk: int) -> Partner:
    partner = Partner.objects.select_related("municipality", "region").filter(pk=pk).first()
    if partner is None or partner.region_id != region.pk:
        raise Http404("no such partner")
    if not can_view_partners(user, region):
        raise PermissionDenied
    return partner


def can_hand_over_requests(user: AnyUser, incident: Incident) -> bool:
    """Handing a help request to an initiative or to volunteers is handling it (the crisis team)."""
    return operations_access.can_handle_requests(user, incident)
