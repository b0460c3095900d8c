"""The capped, geo-targeted call-out: nearest first, only the able and available, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paraat.community import callouts, roster
from paraat.community.constants import AskState, CalloutState
from paraat.community.models import Ask, Certificate, PointStaffing, Shift
from paraat.community.tests.factories import make_volunteer
from paraat.operations.tests.factories import make_scene
from paraat.testing.logins import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    return make_scene(cast)


def _start(scene, **kwargs):
    options = {"skill": "first_aid", "needed": 3, "radius_m": 2_000, **kwargs}
    return callouts.start_callout(incident=scene.incident, point=scene.hub, **options)


def _names(callout):
    return [a.volunteer.name for a in callout.asks.select_related("volunteer").order_by("order")]


def test_it_asks_the_nearest_able_volunteers_first(scene, cast):
    make_volunteer(cast, "Far", dx=1_900)
    make_volunteer(cast, "Near", dx=100)
    make_volunteer(cast, "Mid", dx=0, dy=-900)
    make_volunteer(cast, "Outside", dx=2_500)
    make_volunteer(cast, "Expired", dx=50, certified=False)
    make_volunteer(cast, "Driver", dx=50, skills=("driving",))
    make_volunteer(cast, "Away", dx=60, away=[[timezone.localdate().isoformat()] * 2])
    make_volunteer(cast, "Busy", dx=70, availability=[])
    callout = _start(scene)
    assert _names(callout) == ["Near", "Mid", "Far"]
    assert [a.distance_m for a in callout.asks.order_by("order")] == [100, 900, 1_900]


def test_it_caps_the_ring_at_three_times_the_number_needed(scene, cast):
    for n in range(10):
        make_volunteer(cast, f"V{n}", dx=100 * (n + 1))
    callout = _start(scene, needed=2)
    assert _names(callout) == [f"V{n}" for n in range(6)]


def test_it_stops_at_the_cap_and_tells_the_rest_they_are_not_needed(
    scene, cast, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        make_volunteer(cast, f"V{n}", dx=100 * (n + 1))
    with django_capture_on_commit_callbacks(execute=True):
        callout = _start(scene)
    assert len(mailoutbox) == 5
    asks = list(callout.asks.order_by("order"))
    assert callouts.answer(ask=asks[4], accept=False) == AskState.DECLINED
    for ask in asks[:3]:
        with django_capture_on_commit_callbacks(execute=True):
            assert callouts.answer(ask=ask, accept=True) == AskState.ACCEPTED
    callout.refresh_from_db()
    assert (callout.state, callout.accepted_count) == (CalloutState.FILLED, 3)
    assert Ask.objects.get(pk=asks[3].pk).state == AskState.NOT_NEEDED
    assert mailoutbox[-1].to == ["v3@example.nl"] and "nodig" in mailoutbox[-1].subject
    assert callouts.answer(ask=asks[3], accept=True) == AskState.NOT_NEEDED
    assert callouts.answer(ask=asks[0], accept=False) == AskState.ACCEPTED  # single use
    assert Shift.objects.filter(callout=callout).count() == 3


def test_it_widens_the_radius_when_too_few_answer_and_never_asks_twice(scene, cast):
    make_volunteer(cast, "Near", dx=500)
    make_volunteer(cast, "Ring2", dx=3_000)
    make_volunteer(cast, "Ring3", dx=5_500)
    start = timezone.now()
    callout = _start(scene, needed=2, max_radius_m=6_000, step_m=2_000, wait_minutes=10, now=start)
    assert _names(callout) == ["Near"]
    assert callouts.advance_callouts(now=start + dt.timedelta(minutes=5)) == []
    callouts.advance_callouts(now=start + dt.timedelta(minutes=11))
    assert _names(callout) == ["Near", "Ring2"]
    callouts.advance_callouts(now=start + dt.timedelta(minutes=22))
    callouts.advance_callouts(now=start + dt.timedelta(minutes=33))
    callout.refresh_from_db()
    assert _names(callout) == ["Near", "Ring2", "Ring3"]
    assert callout.radius_m == 6_000
    assert list(callout.asks.values_list("ring", flat=True).order_by("order")) == [1, 2, 3]


def test_it_ignores_volunteers_of_other_regions_and_unconfirmed_ones(scene, cast):
    from paraat.community import services
    from paraat.community.tests.factories import postcode_at

    services.self_register(
        region=cast.region,
        data={"name": "Pending", "email": "p@example.nl", "postcode": postcode_at(cast, 10), "skills": ["driving"]},
        consent=True,
    )  # fmt: skip
    make_volunteer(cast, "Driver", dx=20, skills=("driving",))
    assert _names(_start(scene, skill="driving")) == ["Driver"]


def test_it_shows_points_that_fall_below_minimum_staff(scene, cast):
    volunteer = make_volunteer(cast, "Anna")
    now = timezone.now()
    Shift.objects.create(incident=scene.incident, point=scene.a, volunteer=volunteer, starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=3))  # fmt: skip
    Shift.objects.create(incident=scene.incident, point=scene.a, volunteer=volunteer, starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=20))  # fmt: skip
    PointStaffing.objects.create(point=scene.b, minimum_staff=1)
    short = {s.point_code: s for s in roster.understaffed_points(scene.incident, now=now)}
    assert "CP-OSS" not in short  # no roster at all: nothing known, nothing claimed
    assert short["OSS-01"].at == now + dt.timedelta(hours=3)
    assert short["OSS-01"].on_duty == 1
    assert short["OSS-02"].at == now and short["OSS-02"].on_duty == 0


def test_it_keeps_expired_certificates_out_of_a_call_out(scene, cast):
    v = make_volunteer(cast, "Anna", dx=10)
    Certificate.objects.filter(volunteer=v).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert _names(_start(scene)) == []


def test_it_puts_understaffed_points_on_the_operational_picture(scene, cast, client):
    from paraat.testing.personas import PASSWORD

    PointStaffing.objects.create(point=scene.a, minimum_staff=2)
    assert log_in(client, "cas", PASSWORD)
    page = client.get(f"/operations/{scene.incident.pk}/").content.decode()
    assert "OSS-01" in page.split('id="understaffed-heading"')[1].split("</section>")[0]


def test_it_gives_up_when_the_widest_ring_has_nobody_left_to_ask(scene, cast):
    make_volunteer(cast, "Near", dx=500)
    start = timezone.now()
    callout = _start(scene, needed=2, max_radius_m=4_000, step_m=2_000, wait_minutes=10, now=start)
    ask = callout.asks.get()
    callouts.advance_callouts(now=start + dt.timedelta(minutes=11))  # ring 2: nobody new
    callout.refresh_from_db()
    assert (callout.radius_m, callout.state) == (4_000, CalloutState.OPEN)
    callouts.advance_callouts(now=start + dt.timedelta(minutes=22))
    callout.refresh_from_db()
    assert callout.state == CalloutState.OPEN  # "Near" may still answer
    assert callouts.answer(ask=ask, accept=False) == AskState.DECLINED
    callouts.advance_callouts(now=start + dt.timedelta(minutes=33))
    callout.refresh_from_db()
    assert callout.state == CalloutState.EXHAUSTED


def test_it_tells_an_early_ring_that_answers_late_it_is_not_needed(scene, cast):
    make_volunteer(cast, "Near", dx=500)
    for n in range(2):
        make_volunteer(cast, f"Ring2-{n}", dx=3_000 + 100 * n)
    start = timezone.now()
    callout = _start(scene, needed=2, max_radius_m=4_000, step_m=2_000, wait_minutes=10, now=start)
    callouts.advance_callouts(now=start + dt.timedelta(minutes=11))
    asks = {a.volunteer.name: a for a in callout.asks.select_related("volunteer")}
    assert set(asks) == {"Near", "Ring2-0", "Ring2-1"}
    assert callouts.answer(ask=asks["Ring2-0"], accept=True) == AskState.ACCEPTED
    assert callouts.answer(ask=asks["Ring2-1"], accept=True) == AskState.ACCEPTED
    assert Ask.objects.get(pk=asks["Near"].pk).state == AskState.NOT_NEEDED
    assert callouts.answer(ask=asks["Near"], accept=True) == AskState.NOT_NEEDED
    assert not Shift.objects.filter(volunteer=asks["Near"].volunteer).exists()


def test_it_hands_a_help_request_to_volunteers_through_a_call_out(scene, cast):
    from paraat.operations.constants import RequestStatus
    from paraat.operations.services import claim_request, complete_request, create_help_request

    make_volunteer(cast, "Near", dx=100)
    request = create_help_request(
        incident=scene.incident, kind="transport", description="Oxygen to a flat", user=cast.cas
    )
    claim_request(request=request, user=cast.cas)
    callout = callouts.hand_over_to_volunteers(
        request=request, point=scene.hub, skill="first_aid", needed=1, radius_m=2_000, user=cast.cas
    )
    request.refresh_from_db()
    assert callout.help_request == request and _names(callout) == ["Near"]
    assert request.status == RequestStatus.ASSIGNED and f"#{callout.pk}" in request.assigned_to
    complete_request(request=request, user=cast.cas, outcome="brought")
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    with pytest.raises(ValidationError):  # a done request cannot be handed over again
        callouts.hand_over_to_volunteers(
            request=request, point=scene.hub, skill="first_aid", needed=1, radius_m=2_000
        )
