"""The state changes: two-person approval, officers' areas, updates and cancels, imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from paraat.accounts.constants import Role
from paraat.alerts import public, services
from paraat.alerts.constants import AlertState, CapStatus, MsgType, Origin
from paraat.alerts.tests import factories
from paraat.core.models import AuditEntry
from paraat.testing.factories import UserFactory
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

DATA = Path(__file__).with_name("data")
IN_OSS = "POLYGON((5.50 51.76, 5.52 51.76, 5.52 51.77, 5.50 51.77, 5.50 51.76))"
FAR_AWAY = (
    '{"type": "Polygon", "coordinates": [[[4.0, 52.0], [4.1, 52.0], [4.1, 52.1], [4.0, 52.0]]]}'
)


def test_it_does_not_let_the_author_approve_their_own_alert(cast: Cast) -> None:
    alert = factories.draft(cast, author=cast.rianne)
    alert = services.submit(alert=alert, user=cast.rianne)
    with pytest.raises(PermissionDenied):
        services.approve(alert=alert, user=cast.rianne)
    alert.refresh_from_db()
    assert alert.state == AlertState.PENDING


def test_it_lets_a_crisis_operator_approve_a_coordinators_alert(cast: Cast) -> None:
    alert = factories.approved(cast, author=cast.rianne, approver=cast.cas)
    assert alert.state == AlertState.APPROVED
    assert alert.approved_by == cast.cas


@pytest.mark.parametrize("who", ["olaf", "vera", "kees", "pim", "xander"])
def test_it_lets_only_coordinators_and_crisis_operators_approve(cast: Cast, who: str) -> None:
    alert = services.submit(alert=factories.draft(cast), user=cast.rianne)
    with pytest.raises(PermissionDenied):
        services.approve(alert=alert, user=getattr(cast, who))


def test_it_refuses_to_publish_without_approval(cast: Cast) -> None:
    alert = factories.draft(cast)
    with pytest.raises(PermissionDenied):
        services.publish(alert=alert, user=cast.rianne)
    pending = services.submit(alert=alert, user=cast.rianne)
    with pytest.raises(PermissionDenied):
        services.publish(alert=pending, user=cast.rianne)
    assert public.current_alerts(cast.region) == []


def test_it_needs_approval_again_after_an_edit(cast: Cast) -> None:
    alert = factories.approved(cast)
    edited = services.save_alert(
        region=cast.region,
        user=cast.rianne,
        data=factories.alert_data(headline_nl="Nieuwe kop"),
        municipality_codes=["GM0828"],
        area_codes=[],
        alert=alert,
    )
    assert edited.state == AlertState.DRAFT
    assert edited.approved_by is None
    with pytest.raises(PermissionDenied):
        services.publish(alert=edited, user=cast.rianne)


def test_it_lets_an_officer_write_for_their_own_municipality_only(cast: Cast) -> None:
    alert = factories.draft(cast, author=cast.olaf, municipalities=("GM0828",))
    assert alert.author == cast.olaf
    with pytest.raises(PermissionDenied):
        factories.draft(cast, author=cast.olaf, municipalities=("GM0865",))
    with pytest.raises(PermissionDenied):
        factories.draft(cast, author=cast.olaf, municipalities=("GM0828", "GM0865"))


def test_it_scopes_a_drawn_area_to_the_municipalities_it_touches(cast: Cast) -> None:
    alert = factories.draft(cast, author=cast.olaf, municipalities=(), drawn=IN_OSS)
    assert alert.scope_municipality_ids == [cast.oss.pk]
    with pytest.raises(PermissionDenied):
        factories.draft(cast, author=cast.vera, municipalities=(), drawn=IN_OSS)


def test_it_publishes_an_officers_alert_after_a_second_person_approves(cast: Cast) -> None:
    alert = factories.published(cast, author=cast.olaf, approver=cast.rianne)
    assert alert.state == AlertState.PUBLISHED
    assert alert.approved_by == cast.rianne and alert.author == cast.olaf


@pytest.mark.parametrize("who", ["kees", "pim", "xander"])
def test_it_does_not_let_readers_or_outsiders_write(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        factories.draft(cast, author=getattr(cast, who))


def test_it_names_unknown_codes_and_bad_areas(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, municipalities=("GM9999",))
    assert "GM9999" in str(error.value.message_dict["municipalities"])
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, municipalities=(), areas=("WK000001",))
    assert "WK000001" in str(error.value.message_dict["areas"])
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, municipalities=(), drawn="POLYGON((1 2, 3")
    assert "polygon" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, municipalities=(), drawn=FAR_AWAY)
    assert "buiten de regio" in str(error.value.message_dict["polygon"])
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, municipalities=())
    assert "municipalities" in error.value.message_dict


def test_it_wants_the_end_after_the_start(cast: Cast) -> None:
    data = factories.alert_data()
    with pytest.raises(ValidationError) as error:
        factories.draft(cast, expires=data["effective"])
    assert "expires" in error.value.message_dict


def test_it_replaces_the_original_when_an_update_is_published(cast: Cast) -> None:
    original = factories.published(cast, status=CapStatus.EXERCISE)
    draft = services.start_follow_up(original=original, user=cast.cas, msg_type=MsgType.UPDATE)
    assert draft.status == CapStatus.EXERCISE
    assert draft.original == original
    assert original.identifier in draft.references
    original.refresh_from_db()
    assert original.state == AlertState.PUBLISHED  # until the update is out
    factories.approve_it(draft, author=cast.cas, approver=cast.rianne)
    services.publish(alert=draft, user=cast.cas)
    original.refresh_from_db()
    assert original.state == AlertState.REPLACED
    with pytest.raises(PermissionDenied):
        services.start_follow_up(original=original, user=cast.rianne, msg_type=MsgType.UPDATE)


def test_it_cancels_the_original_with_a_cancel_message(cast: Cast) -> None:
    original = factories.published(cast)
    cancel = factories.follow_up(cast, original, MsgType.CANCEL)
    original.refresh_from_db()
    assert original.state == AlertState.CANCELLED
    assert cancel.headline_nl.startswith("Ingetrokken: ")
    assert cancel.response_type == "AllClear"
    with pytest.raises(PermissionDenied):
        services.start_follow_up(original=cancel, user=cast.rianne, msg_type=MsgType.UPDATE)


def test_it_refuses_an_update_whose_original_has_ended(cast: Cast) -> None:
    original = factories.published(cast)
    update = services.start_follow_up(original=original, user=cast.rianne, msg_type=MsgType.UPDATE)
    factories.approve_it(update, author=cast.rianne, approver=cast.cas)
    factories.follow_up(cast, original, MsgType.CANCEL)
    with pytest.raises(ValidationError, match="geldt niet meer"):
        services.publish(alert=update, user=cast.rianne)


def test_it_records_every_change_in_the_audit_trail(cast: Cast) -> None:
    alert = factories.published(cast)
    entries = AuditEntry.objects.filter(model="alerts.alert", object_pk=str(alert.pk))
    assert {e.actor_label for e in entries} >= {"rianne", "cas"}
    assert entries.count() >= 4


def test_it_imports_a_real_alert_as_external(cast: Cast) -> None:
    data = (DATA / "real" / "ca_eccc_2012_weather.cap").read_bytes()
    alert = services.import_external(region=cast.region, user=cast.cas, data=data, name="ca.cap")
    assert alert.origin == Origin.EXTERNAL
    assert alert.msg_type == "Update"
    assert alert.headline_en
    assert bytes(alert.cap_xml) == data
    assert public.current_alerts(cast.region) == []
    with pytest.raises(ValidationError, match="staat er al"):
        services.import_external(region=cast.region, user=cast.cas, data=data, name="ca.cap")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("us_nws_2014_wind_advisory_cap11.cap", "CAP 1.1"),
        ("se_krisinformation_2018_not_schema_valid.cap", "schema"),
    ],
)
def test_it_refuses_to_import_other_versions_and_invalid_alerts(
    cast: Cast, name: str, reason: str
) -> None:
    data = (DATA / "refused" / name).read_bytes()
    with pytest.raises(ValidationError) as error:
        services.import_external(region=cast.region, user=cast.cas, data=data, name=name)
    assert name in error.value.messages[0] and reason in error.value.messages[0]


def test_it_does_not_let_officers_import(cast: Cast) -> None:
    data = (DATA / "spec" / "cap12_appendix_a2.xml").read_bytes()
    with pytest.raises(PermissionDenied):
        services.import_external(region=cast.region, user=cast.olaf, data=data, name="a2.xml")


def test_it_does_not_let_a_reviewer_approve_an_alert_they_changed(cast: Cast) -> None:
    """Issue 11: a coordinator turned an operator's submitted draft into an evacuation order and
    approved it alone. Whoever changes the content becomes an author and cannot approve it."""
    alert = services.submit(alert=factories.draft(cast, author=cast.cas), user=cast.cas)
    changed = services.save_alert(
        region=cast.region,
        user=cast.rianne,
        data=factories.alert_data(headline_nl="EVACUEER NU", severity="Extreme"),
        municipality_codes=["GM0828"],
        area_codes=[],
        alert=alert,
    )
    assert changed.state == AlertState.DRAFT
    assert set(changed.editors.all()) == {cast.cas, cast.rianne}
    changed = services.submit(alert=changed, user=cast.rianne)
    for author in (cast.rianne, cast.cas):
        with pytest.raises(PermissionDenied):
            services.approve(alert=changed, user=author)
    changed.refresh_from_db()
    assert changed.state == AlertState.PENDING
    with pytest.raises(PermissionDenied):
        services.publish(alert=changed, user=cast.rianne)
    assert public.current_alerts(cast.region) == []

    third = UserFactory(username="derde", role=Role.CRISIS_OPERATOR, region=cast.region)
    approved = services.approve(alert=changed, user=third)
    assert services.publish(alert=approved, user=cast.rianne).state == AlertState.PUBLISHED


def test_it_sends_an_approved_alert_back_when_anyone_changes_it(cast: Cast) -> None:
    alert = factories.approved(cast, author=cast.rianne, approver=cast.cas)
    changed = services.save_alert(
        region=cast.region,
        user=cast.cas,
        data=factories.alert_data(severity="Extreme"),
        municipality_codes=["GM0828"],
        area_codes=[],
        alert=alert,
    )
    assert changed.state == AlertState.DRAFT and changed.approved_by is None
    with pytest.raises(PermissionDenied):
        services.publish(alert=changed, user=cast.rianne)


def test_it_keeps_the_approval_when_a_save_changes_nothing(cast: Cast) -> None:
    alert = factories.approved(cast, author=cast.rianne, approver=cast.cas)
    same = services.save_alert(
        region=cast.region,
        user=cast.cas,
        data=factories.alert_data(effective=alert.effective, expires=alert.expires),
        municipality_codes=["GM0828"],
        area_codes=[],
        alert=alert,
    )
    assert same.state == AlertState.APPROVED and same.approved_by == cast.cas
    assert list(same.editors.all()) == [cast.rianne]


def test_it_names_the_points_open_now_in_an_update_and_ignores_exercises(cast: Cast) -> None:
    from paraat.alerts import presenters, presets
    from paraat.alerts.tests.factories import follow_up, published
    from paraat.operations import services as operations
    from paraat.operations.constants import Channel, IncidentKind, PointState
    from paraat.operations.tests.factories import make_point
    from paraat.supportpoints.constants import Tier

    make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    first, second = make_point(cast, "OSS-01", dx=300), make_point(cast, "OSS-02", dx=600)
    places = presenters.places_of(cast.region, ["GM0828"], [])
    written = presets.fill(cast.region, "power_outage", places=places)
    original = published(
        cast, instruction_nl=written["instruction_nl"], instruction_en=written["instruction_en"]
    )
    assert "Punt OSS-01" in original.instruction_nl

    def incident(exercise: bool) -> object:
        made = operations.create_incident(
            region=cast.region, title="Stroom", kind=IncidentKind.POWER_OUTAGE,
            is_exercise=exercise, municipalities=[cast.oss], user=cast.cas,
        )  # fmt: skip
        operations.activate(incident=made, user=cast.cas)
        return made

    exercise = incident(True)
    operations.record_status(
        incident=exercise, point=second, idempotency_key="ex", state=PointState.CLOSED,
        channel=Channel.API,
    )  # fmt: skip
    real = incident(False)
    operations.record_status(
        incident=real, point=first, idempotency_key="real", state=PointState.FULL,
        channel=Channel.API,
    )  # fmt: skip
    update = follow_up(cast, original)
    for text in (update.instruction_nl, update.instruction_en):
        assert "Punt OSS-01" not in text  # full in the real incident
        assert "Punt OSS-02" in text  # closed only in the exercise
    assert update.instruction_nl.startswith("- Kijk of uw buren")  # the advice stays
    assert update.instruction_nl.count("Noodsteunpunten dichtbij:") == 1
