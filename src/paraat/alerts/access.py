"""Who may read, write, approve and publish alerts. One condition per line.

- Region coordinators and crisis operators author alerts for the whole region.
- Municipal officers author alerts whose area lies within their own municipalities.
- Another coordinator or crisis operator approves: never the author nor anyone who changed the
  content (they all become its authors); then it can be published.
- Viewers read; point leads see nothing here; anonymous visitors only get published alerts
  through the public feed and CAP documents.
"""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.alerts.constants import EDITABLE_STATES, AlertState, MsgType, Origin
from paraat.alerts.models import Alert, AlertQuerySet
from paraat.areas.models import Region

REGION_AUTHORS = (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR)
READERS = (Role.REGION_COORDINATOR, Role.CRISIS_OPERATOR, Role.MUNICIPAL_OFFICER, Role.VIEWER)


def can_view_alerts(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_use_app(user):
        return False
    if user.is_superuser:
        return True
    return bool(user.region_id == region.pk and user.role in READERS)


def can_author(user: AnyUser, region: Region) -> TypeGuard[User]:
    """May start a new alert at all (officers then only for their own municipalities)."""
    if not can_view_alerts(user, region):
        return False
    if user.is_superuser or user.role in REGION_AUTHORS:
        return True
    return user.role == Role.MUNICIPAL_OFFICER


def authorable_municipality_ids(user: AnyUser, region: Region) -> set[int] | None:
    """None: every municipality of the region; else the officer's own municipalities."""
    if not can_author(user, region):
        return set()
    if user.is_superuser or user.role in REGION_AUTHORS:
        return None
    return accounts_access.municipality_ids(user)


def can_author_for(user: AnyUser, region: Region, municipality_ids: set[int]) -> bool:
    """May write an alert for an area that touches these municipalities."""
    allowed = authorable_municipality_ids(user, region)
    if allowed is None:
        return can_author(user, region)
    return bool(municipality_ids) and municipality_ids <= allowed


def _may_write(user: AnyUser, alert: Alert) -> bool:
    if alert.origin != Origin.OWN:
        return False
    return can_author_for(user, alert.region, set(alert.scope_municipality_ids))


def can_edit_alert(user: AnyUser, alert: Alert) -> bool:
    return alert.state in EDITABLE_STATES and _may_write(user, alert)


def can_submit(user: AnyUser, alert: Alert) -> bool:
    return alert.state == AlertState.DRAFT and _may_write(user, alert)


def can_approve(user: AnyUser, alert: Alert) -> bool:
    """The second person: a coordinator or crisis operator of the region who did not write or
    change it."""
    if alert.state != AlertState.PENDING or alert.origin != Origin.OWN:
        return False
    if not can_view_alerts(user, alert.region):
        return False
    if alert.has_editor(user):
        return False
    return bool(user.is_superuser or user.role in REGION_AUTHORS)


def can_publish(user: AnyUser, alert: Alert) -> bool:
    if alert.state != AlertState.APPROVED:
        return False
    return _may_write(user, alert) or can_approve_role(user, alert.region)


def can_approve_role(user: AnyUser, region: Region) -> bool:
    if not can_view_alerts(user, region):
        return False
    return bool(user.is_superuser or user.role in REGION_AUTHORS)


def can_follow_up(user: AnyUser, alert: Alert) -> bool:
    """Start an Update or Cancel of a published alert."""
    if alert.state != AlertState.PUBLISHED or alert.msg_type == MsgType.CANCEL:
        return False
    return _may_write(user, alert)


def can_import(user: AnyUser, region: Region) -> bool:
    return can_approve_role(user, region)


def visible_alerts(user: AnyUser, region: Region) -> AlertQuerySet:
    if not can_view_alerts(user, region):
        return Alert.objects.none()
    return Alert.objects.in_region(region)


def alert_for_user(user: AnyUser, region: Region, pk: int) -> Alert:
    alert = (
        Alert.objects.select_related("region", "author", "approved_by", "original")
        .filter(pk=pk)
        .first()
    )
    if alert is None or alert.region_id != region.pk:
        raise Http404("no such alert")
    if not can_view_alerts(user, alert.region):
        raise PermissionDenied
    return alert
