"""Every change to an alert goes through here: write, submit, approve, publish, update, cancel,
import. Each function checks the rule that protects the public (two people, references, a valid
CAP document) itself, so no view or command can skip it."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.alerts import access, cap, document, geometry, nearby
from paraat.alerts.constants import (
    TEMPLATE_POINTS,
    AlertState,
    CapStatus,
    Certainty,
    MsgType,
    Origin,
    ResponseType,
    Urgency,
)
from paraat.alerts.models import Alert
from paraat.areas.models import Area, Municipality, Region
from paraat.core import uploads
from paraat.core.audit import acting_as

log = logging.getLogger(__name__)

TEXT_FIELDS = (
    "event",
    "category",
    "response_type",
    "urgency",
    "severity",
    "certainty",
    "effective",
    "expires",
    "web",
    "status",
    "risk",
    "headline_nl",
    "description_nl",
    "instruction_nl",
    "headline_en",
    "description_en",
    "instruction_en",
    "area_desc",
)
CANCEL_TEXT = {
    "nl": ("Ingetrokken: {headline}", "Deze waarschuwing is ingetrokken. Het gevaar is voorbij."),
    "en": ("Cancelled: {headline}", "This alert has been cancelled. The danger has passed."),
}


def _public_changed() -> None:
    """Tell the resident pages to rebuild after commit (when that app is installed)."""
    try:
        from paraat.publicinfo import services as public_services
    except ImportError:  # pragma: no cover
        return
    public_services.public_state_changed()


def _resolve_area(
    region: Region, municipality_codes: list[str], area_codes: list[str], drawn: str
) -> tuple[list[Municipality], list[Area], dict[str, Any] | None, set[int]]:
    municipalities = list(
        Municipality.objects.in_region(region).filter(code__in=municipality_codes)
    )
    unknown = sorted(set(municipality_codes) - {m.code for m in municipalities})
    if unknown:
        raise ValidationError(
            {
                "municipalities": _("Unknown municipality code: %(codes)s")
                % {"codes": ", ".join(unknown)}
            }
        )
    areas = list(Area.objects.in_region(region).filter(code__in=area_codes))
    unknown = sorted(set(area_codes) - {a.code for a in areas})
    if unknown:
        raise ValidationError(
            {"areas": _("Unknown area code: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    polygon = None
    scope = {m.pk for m in municipalities} | {a.municipality_id for a in areas}
    if drawn.strip():
        try:
            shape = geometry.parse_drawn(drawn)
        except geometry.AreaError as error:
            raise ValidationError(
                {"polygon": _("The drawn area cannot be used: %(reason)s") % {"reason": error}}
            ) from error
        polygon = geometry.to_geojson(shape)
        for municipality in Municipality.objects.in_region(region):
            if geometry.from_geojson(municipality.geometry).intersects(shape):
                scope.add(municipality.pk)
        if not scope:
            raise ValidationError({"polygon": _("The drawn area lies outside the region.")})
    if not scope:
        raise ValidationError(
            {
                "municipalities": _(
                    "Choose at least one municipality, district or postcode area, or draw an area."
                )
            }
        )
    return municipalities, areas, polygon, scope


def _check_times(data: dict[str, Any]) -> None:
    effective, expires = data.get("effective"), data.get("expires")
    if effective and expires and expires <= effective:
        raise ValidationError({"expires": _("The end must be after the start.")})


@transaction.atomic
def save_alert(
    *,
    region: Region,
    user: Any,
    data: dict[str, Any],
    municipality_codes: list[str],
    area_codes: list[str],
    drawn: str = "",
    alert: Alert | None = None,
) -> Alert:
    """Write a new alert, or change one not yet published.

    Whoever changes the content becomes one of its authors, so the second person can never be
    someone who wrote any of it; every change sends the alert back to draft for a new approval.
    Saving without a change leaves the alert (and its approval) as it was.
    """
    municipalities, areas, polygon, scope = _resolve_area(
        region, municipality_codes, area_codes, drawn
    )
    if not access.can_author_for(user, region, scope):
        raise PermissionDenied
    _check_times(data)
    if alert is None:
        alert = Alert(
            region=region,
            origin=Origin.OWN,
            identifier=document.new_identifier(region),
            sender=document.sender_for(region),
            author=user,
        )
    else:
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if not access.can_edit_alert(user, alert):
            raise PermissionDenied
    before = _content(alert) if alert.pk else None
    for name in TEXT_FIELDS:
        if name in data:
            setattr(alert, name, data[name] if data[name] is not None else "")
    alert.effective = data.get("effective") or None
    alert.expires = data.get("expires") or None
    alert.polygon = polygon
    alert.scope_municipality_ids = sorted(scope)
    alert_pk = alert.pk
    after = _content(alert, municipalities=municipalities, areas=areas)
    if before is not None and before == after:
        return Alert.objects.get(pk=alert_pk)
    alert.state = AlertState.DRAFT
    alert.approved_by = None
    alert.approved_at = None
    alert.submitted_at = None
    with acting_as(user):
        alert.save()
        alert.municipalities.set(municipalities)
        alert.areas.set(areas)
        alert.editors.add(user)
    return alert


def _content(
    alert: Alert,
    *,
    municipalities: list[Municipality] | None = None,
    areas: list[Area] | None = None,
) -> dict[str, Any]:
    """What residents would read: every text field, the times and the area."""
    content: dict[str, Any] = {name: getattr(alert, name) for name in TEXT_FIELDS}
    content["polygon"] = alert.polygon
    content["scope"] = sorted(alert.scope_municipality_ids)
    if municipalities is None:
        municipalities = list(alert.municipalities.all())
    if areas is None:
        areas = list(alert.areas.all())
    content["municipalities"] = sorted(m.pk for m in municipalities)
    content["areas"] = sorted(a.pk for a in areas)
    return content


def _locked(alert: Alert) -> Alert:
    return Alert.objects.select_for_update().select_related("region").get(pk=alert.pk)


@transaction.atomic
def submit(*, alert: Alert, user: Any) -> Alert:
    """The author is done: another person must now approve it."""
    alert = _locked(alert)
    if not access.can_submit(user, alert):
        raise PermissionDenied
    alert.state = AlertState.PENDING
    alert.submitted_at = timezone.now()
    with acting_as(user):
        alert.save()
    return alert


@transaction.atomic
def approve(*, alert: Alert, user: Any) -> Alert:
    """The second person agrees; no one who wrote or changed the alert can approve it."""
    alert = _locked(alert)
    if alert.has_editor(user):
        raise PermissionDenied(_("You cannot approve an alert you wrote or changed yourself."))
    if not access.can_approve(user, alert):
        raise PermissionDenied
    alert.state = AlertState.APPROVED
    alert.approved_by = user
    alert.approved_at = timezone.now()
    with acting_as(user):
        alert.save()
    return alert


@transaction.atomic
def send_back(*, alert: Alert, user: Any) -> Alert:
    """The reviewer does not agree: the alert goes back to its author as a draft."""
    alert = _locked(alert)
    if not access.can_approve(user, alert):
        raise PermissionDenied
    alert.state = AlertState.DRAFT
    alert.submitted_at = None
    with acting_as(user):
        alert.save()
    return alert


@transaction.atomic
def publish(*, alert: Alert, user: Any, now: dt.datetime | None = None) -> Alert:
    """Send an approved alert: fix its sending time and CAP document, and end what it replaces.

    The document must pass the official schema and the platform's rules, or nothing changes.
    """
    alert = _locked(alert)
    if not access.can_publish(user, alert):
        raise PermissionDenied
    if alert.approved_by_id is None or alert.has_editor(alert.approved_by):
        raise PermissionDenied(_("An alert needs the approval of a second person."))
    now = now or timezone.now()
    original = None
    if alert.msg_type in (MsgType.UPDATE, MsgType.CANCEL):
        if alert.original_id is None or not alert.references:
            raise ValidationError(_("An update or cancellation must refer to the original alert."))
        original = Alert.objects.select_for_update().get(pk=alert.original_id)
        if original.state != AlertState.PUBLISHED:
            raise ValidationError(
                _("The original alert is no longer in force (%(state)s).")
                % {"state": original.get_state_display()}
            )
    xml = document.build(alert, sent=now)
    report = cap.check(xml)
    if not report.ok:
        raise ValidationError(
            _("The CAP document is not valid: %(problems)s")
            % {"problems": "; ".join(str(p) for p in report.problems)}
        )
    alert.sent = document.local(now)
    alert.cap_xml = xml
    alert.state = AlertState.PUBLISHED
    alert.published_by = user
    with acting_as(user):
        alert.save()
        if original is not None:
            original.state = (
                AlertState.CANCELLED if alert.msg_type == MsgType.CANCEL else AlertState.REPLACED
            )
            original.ended_at = now
            original.save()
    _public_changed()
    return alert


@transaction.atomic
def start_follow_up(*, original: Alert, user: Any, msg_type: str) -> Alert:
    """A draft Update or Cancel of a published alert, referring to it (and to what it replaced)."""
    original = Alert.objects.select_for_update().get(pk=original.pk)
    if msg_type not in (MsgType.UPDATE, MsgType.CANCEL):
        raise ValueError(msg_type)
    if not access.can_follow_up(user, original):
        raise PermissionDenied
    alert = Alert(
        region=original.region,
        origin=Origin.OWN,
        identifier=document.new_identifier(original.region),
        sender=original.sender,
        author=user,
        msg_type=msg_type,
        original=original,
        references=document.references_for(original),
        scope_municipality_ids=original.scope_municipality_ids,
        polygon=original.polygon,
    )
    for name in TEXT_FIELDS:
        setattr(alert, name, getattr(original, name))
    if msg_type == MsgType.UPDATE:
        _refresh_points(alert, original)
    if msg_type == MsgType.CANCEL:
        for language, (headline, description) in CANCEL_TEXT.items():
            old = original.text(language, "headline")
            setattr(alert, f"headline_{language}", headline.format(headline=old)[:160])
            setattr(alert, f"description_{language}", description)
            setattr(alert, f"instruction_{language}", "")
        alert.urgency = Urgency.PAST
        alert.certainty = Certainty.OBSERVED
        alert.response_type = ResponseType.ALL_CLEAR
    with acting_as(user):
        alert.save()
        alert.municipalities.set(original.municipalities.all())
        alert.areas.set(original.areas.all())
        alert.editors.add(user)
    return alert


def _refresh_points(alert: Alert, original: Alert) -> None:
    """An Update names the points that are open now, not those of the time the alert was written.

    The states are read from ``operations.state`` (real incidents only), for every municipality
    and area the alert covers.
    """
    from paraat.alerts import presenters, presets

    places = presenters.places_of_alert(original)
    if not places:
        return
    groups = nearby.nearest_per_place(original.region, places, limit=TEMPLATE_POINTS)
    for language in ("nl", "en"):
        name = f"instruction_{language}"
        text = presets.places_text(groups, language)
        setattr(alert, name, presets.refresh_points(getattr(alert, name), text))


# Import of external CAP alerts -------------------------------------------------------------------


def _pick(alert: cap.Alert, language: str) -> cap.Info | None:
    return alert.info_for(language) or (alert.infos[0] if alert.infos else None)


@transaction.atomic
def import_external(*, region: Region, user: Any, data: bytes, name: str) -> Alert:
    """Store another organisation's CAP 1.2 alert to show in the list, marked as external.

    Documents that are not CAP 1.2 or fail the official schema are refused with the reason;
    breaches of the platform's stricter rules are kept as warnings.
    """
    if not access.can_import(user, region):
        raise PermissionDenied
    report = cap.check(data, max_bytes=uploads.max_bytes("cap"))
    if not report.schema_valid or report.alert is None:
        reasons = "; ".join(str(p) for p in report.problems[:5]) or _("unknown reason")
        raise ValidationError(
            _("%(name)s is refused: %(reasons)s") % {"name": name, "reasons": reasons}
        )
    message = report.alert
    if Alert.objects.filter(identifier=message.identifier).exists():
        raise ValidationError(
            _("%(name)s: alert %(identifier)s is already here.")
            % {"name": name, "identifier": message.identifier}
        )
    nl, en = _pick(message, "nl"), _pick(message, "en")
    first = nl or en
    alert = Alert(
        region=region,
        origin=Origin.EXTERNAL,
        state=AlertState.PUBLISHED,
        identifier=message.identifier[:200],
        sender=message.sender[:200],
        sent=message.sent,
        status=message.status or CapStatus.ACTUAL,
        msg_type=message.msg_type,
        references=" ".join(str(ref) for ref in message.references),
        cap_xml=data,
        warnings=[str(p) for p in report.problems],
        author=user,
    )
    if first is not None:
        alert.event = first.event[:120]
        alert.category = first.categories[0] if first.categories else ""
        alert.response_type = first.response_types[0] if first.response_types else ""
        alert.urgency, alert.severity = first.urgency, first.severity
        alert.certainty = first.certainty
        alert.effective, alert.expires = first.effective, first.expires
        alert.web = first.web[:200]
        names = [area.area_desc for area in first.areas]
        alert.area_desc = "; ".join(names)[:500]
    for language, info in (("nl", nl), ("en", en)):
        if info is None:
            continue
        headline = info.headline or info.event or message.identifier
        setattr(alert, f"headline_{language}", headline[:160])
        setattr(alert, f"description_{language}", info.description)
        setattr(alert, f"instruction_{language}", info.instruction)
    if not alert.headline_nl:
        alert.headline_nl = f"{message.msg_type} {message.identifier}"[:160]
    with acting_as(user):
        alert.save()
    return alert
