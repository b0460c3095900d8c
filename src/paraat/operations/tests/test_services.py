"""Operations services: activation, exactly-once status reports, requests and the logbook."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paraat.operations import picture, services
from paraat.operations.constants import Channel, LogKind, Phase, PointState, RequestStatus
from paraat.operations.models import AppendOnlyError, LogEntry, StatusReport
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _report(scene, key: str = "k1", **kwargs):  # type: ignore[no-untyped-def]
    data = {
        "state": PointState.OPEN,
        "channel": Channel.WEB,
        "fuel_hours_left": 20.0,
        "visitors": 12,
    }
    data.update(kwargs)
    return services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key=key, **data
    )


def test_it_activates_every_active_point_in_the_area_only(cast: Cast) -> None:
    scene = make_scene(cast)
    codes = sorted(a.point.code for a in scene.incident.activations.all())
    assert codes == ["CP-OSS", "OSS-01", "OSS-02"]  # not VUG-01: Vught is outside the area
    assert scene.incident.phase == Phase.SCALING_UP
    assert all(set(a.checklist) >= {"keys", "power"} for a in scene.incident.activations.all())


def test_it_stores_a_report_once_however_often_it_is_sent(cast: Cast) -> None:
    scene = make_scene(cast)
    first, created = _report(scene)
    again, created_again = _report(scene)
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert StatusReport.objects.count() == 1
    assert LogEntry.objects.filter(kind=LogKind.STATUS).count() == 1


def test_it_refuses_the_same_key_with_a_different_body_and_names_the_stored_report(
    cast: Cast,
) -> None:
    scene = make_scene(cast)
    first, _created = _report(scene, state=PointState.OPEN)
    with pytest.raises(services.IdempotencyConflict) as conflict:
        _report(scene, state=PointState.CLOSED)
    assert conflict.value.report == first
    assert "idempotency_key" in conflict.value.message_dict
    assert list(StatusReport.objects.values_list("state", flat=True)) == [PointState.OPEN]


def test_it_refuses_a_report_dated_long_before_the_incident(cast: Cast) -> None:
    scene = make_scene(cast)
    year_one = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as error:
        _report(scene, reported_at=year_one)
    assert "reported_at" in error.value.message_dict
    assert "02-01-0001" in error.value.message_dict["reported_at"][0]
    a_day_early = scene.incident.started_at - dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        _report(scene, key="k2", reported_at=a_day_early)
    an_hour_early = scene.incident.started_at - dt.timedelta(hours=1)
    assert _report(scene, key="k3", reported_at=an_hour_early)[1] is True
    assert StatusReport.objects.count() == 1


def test_it_refuses_a_key_reused_for_another_point(cast: Cast) -> None:
    scene = make_scene(cast)
    _report(scene)
    with pytest.raises(ValidationError, match="al gebruikt"):
        services.record_status(
            incident=scene.incident,
            point=scene.b,
            idempotency_key="k1",
            state=PointState.OPEN,
            channel=Channel.API,
        )


def test_it_refuses_reports_from_points_that_are_not_activated(cast: Cast) -> None:
    scene = make_scene(cast)
    with pytest.raises(ValidationError) as error:
        services.record_status(
            incident=scene.incident,
            point=scene.vught,
            idempotency_key="v",
            state=PointState.OPEN,
            channel=Channel.API,
        )
    assert "point" in error.value.message_dict


def test_it_counts_fuel_down_and_marks_old_reports_stale(cast: Cast) -> None:
    scene = make_scene(cast)
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    report, _ = _report(scene, reported_at=two_hours_ago, fuel_hours_left=10.0)
    now = two_hours_ago + dt.timedelta(hours=2)
    assert report.fuel_hours_now(now) == pytest.approx(8.0, abs=0.1)
    assert report.is_stale(now) is True
    assert report.is_stale(two_hours_ago + dt.timedelta(minutes=30)) is False


def test_it_builds_the_picture_from_the_latest_report_per_point(
    cast: Cast, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    scene = make_scene(cast)
    _report(
        scene,
        key="old",
        state=PointState.OPEN,
        reported_at=timezone.now() - dt.timedelta(minutes=20),
    )
    _report(scene, key="new", state=PointState.FULL, fuel_hours_left=5.0, needs=["fuel"])
    services.create_help_request(
        incident=scene.incident,
        kind="fuel",
        description="Diesel nodig",
        point=scene.a,
        user=cast.cas,
    )
    with django_assert_max_num_queries(4):
        view = picture.build(scene.incident)
    rows = {row.point.code: row for row in view.rows}
    assert rows["OSS-01"].state == PointState.FULL and rows["OSS-01"].open_requests == 1
    assert rows["OSS-02"].state == "unknown" and not rows["OSS-02"].stale  # no report yet
    assert [r.point.code for r in view.fuel_low_rows] == ["OSS-01"]
    assert view.counts()["full"] == 1 and view.counts()["unknown"] == 2


def test_it_keeps_the_logbook_append_only_and_corrects_with_a_new_entry(cast: Cast) -> None:
    scene = make_scene(cast)
    entry = services.log(incident=scene.incident, text="Aggregaat OSS-01 draait", author=cast.cas)
    entry.text = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    correction = services.correct_log_entry(
        entry=entry, text="Aggregaat OSS-02 draait, niet OSS-01", author=cast.cas
    )
    assert correction.corrects == entry and correction.kind == LogKind.CORRECTION
    assert LogEntry.objects.get(pk=entry.pk).text == "Aggregaat OSS-01 draait"


def test_it_moves_a_help_request_through_claim_assign_done(cast: Cast) -> None:
    scene = make_scene(cast)
    request = services.create_help_request(
        incident=scene.incident,
        kind="drinking_water",
        description="200 liter",
        point=scene.a,
        user=cast.pim,
    )
    services.claim_request(request=request, user=cast.cas)
    services.assign_request(request=request, assignee="Brandweer Oss", user=cast.cas)
    services.complete_request(request=request, user=cast.cas, outcome="Geleverd om 14:10")
    request.refresh_from_db()
    assert (request.status, request.claimed_by, request.assigned_to) == (
        RequestStatus.DONE,
        cast.cas,
        "Brandweer Oss",
    )
    with pytest.raises(ValidationError):
        services.claim_request(request=request, user=cast.cas)
    texts = list(LogEntry.objects.filter(kind=LogKind.REQUEST).values_list("text", flat=True))
    assert len(texts) == 4 and "afgerond" in texts[-1]


def test_it_logs_relayed_emergency_reports_with_their_outcome(cast: Cast) -> None:
    scene = make_scene(cast)
    relay = services.relay_emergency_report(
        incident=scene.incident, point=scene.a, summary="Man onwel, Kerkstraat 4", user=cast.pim
    )
    services.record_relay_outcome(relay=relay, outcome="Ambulance ter plaatse 10:42", user=cast.cas)
    assert LogEntry.objects.filter(kind=LogKind.RELAY).count() == 2


def test_it_closes_an_incident_and_refuses_reports_after(cast: Cast) -> None:
    scene = make_scene(cast)
    services.set_phase(incident=scene.incident, phase=Phase.CLOSED, user=cast.cas)
    with pytest.raises(ValidationError):
        _report(scene, key="late")
    with pytest.raises(ValidationError):
        services.set_phase(incident=scene.incident, phase=Phase.OPERATIONAL, user=cast.cas)


def test_it_turns_litres_into_hours_with_the_points_consumption(cast: Cast) -> None:
    scene = make_scene(cast)
    with pytest.raises(ValidationError) as error:
        _report(scene, key="l0", fuel_hours_left=None, fuel_litres_left=100.0)
    assert "fuel_litres_left" in error.value.message_dict  # no consumption registered yet
    type(scene.a).objects.filter(pk=scene.a.pk).update(fuel_consumption_lph=8.0)
    scene.a.refresh_from_db()
    report, _ = _report(scene, key="l1", fuel_hours_left=None, fuel_litres_left=100.0)
    assert (report.fuel_hours_left, report.fuel_litres_left) == (12.5, 100.0)


def test_it_holds_the_fuel_hours_while_the_point_is_not_on_its_generator(cast: Cast) -> None:
    scene = make_scene(cast)
    three_hours_ago = timezone.now() - dt.timedelta(hours=3)
    on_grid, _ = _report(scene, key="g", reported_at=three_hours_ago, power_source="grid")
    on_generator, _ = _report(scene, key="d", reported_at=three_hours_ago, power_source="generator")
    now = three_hours_ago + dt.timedelta(hours=3)
    assert (on_grid.fuel_hours_now(now), on_generator.fuel_hours_now(now)) == (20.0, 17.0)
    assert on_generator.fuel_hours_now(now + dt.timedelta(hours=30)) == 0.0


def test_it_refuses_bulk_changes_to_the_logbook(cast: Cast) -> None:
    scene = make_scene(cast)
    services.log(incident=scene.incident, text="Start", author=cast.cas)
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(incident=scene.incident).update(text="weg")
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(incident=scene.incident).delete()
    cast.cas.delete()  # a deleted account is unlinked; the name written in the entry stays
    assert LogEntry.objects.filter(author=None, author_name="cas").exists()


def test_it_writes_every_status_change_activation_and_request_to_the_logbook(cast: Cast) -> None:
    scene = make_scene(cast)
    _report(scene)
    services.set_phase(incident=scene.incident, phase=Phase.OPERATIONAL, user=cast.cas)
    services.create_help_request(
        incident=scene.incident, kind="staff", description="2 mensen", user=cast.cas
    )
    kinds = set(LogEntry.objects.filter(incident=scene.incident).values_list("kind", flat=True))
    assert {LogKind.PHASE, LogKind.ACTIVATION, LogKind.STATUS, LogKind.REQUEST} <= kinds
