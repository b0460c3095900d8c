from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paraat.accounts.constants import Role
from paraat.areas.models import Region
from paraat.operations.constants import IncidentKind
from paraat.operations.models import Activation, Incident
from paraat.programme import calendar, demo, exercised, services
from paraat.programme.constants import IndicatorKind, TrainingKind
from paraat.programme.measures import Measures
from paraat.programme.models import TrainingEvent
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast

NOW = timezone.now()


def _held(key: int, kind: str, day: dt.date, places: tuple[int, ...], points: tuple[int, ...],
          roles: tuple[str, ...]) -> exercised.Held:  # fmt: skip
    return exercised.Held(key, kind, day, places, points, roles)


def test_it_tallies_per_point_municipality_and_role_without_django() -> None:
    held = [
        _held(1, "training", dt.date(2026, 3, 1), (10,), (100, 101), ("point_lead",)),
        _held(2, "exercise", dt.date(2026, 6, 1), (10, 11), (101, 200), ("point_lead", "crisis_operator")),
        _held(3, "exercise", dt.date(2026, 9, 1), (), (), ("region_coordinator",)),
        _held(4, "exercise", dt.date(2025, 1, 1), (11,), (200,), ("point_lead",)),
    ]  # fmt: skip
    found = exercised.within(held, dt.date(2025, 12, 2), dt.date(2026, 12, 2))
    assert [h.key for h in found] == [1, 2, 3]
    points = exercised.per_point(found)
    assert (points[101].trainings, points[101].exercises, points[101].last) == (
        1,
        1,
        dt.date(2026, 6, 1),
    )
    assert points[200].total == 1 and 102 not in points
    places = exercised.per_municipality(found)
    assert (places[10].total, places[11].total, places[None].exercises) == (2, 1, 1)
    roles = exercised.per_role(found)
    assert roles["point_lead"].total == 2 and roles["crisis_operator"].last == dt.date(2026, 6, 1)


@pytest.fixture
def scene(cast: Cast) -> dict[str, Any]:
    oss_a = SupportPointFactory(region=cast.region, code="OSS-A")
    oss_b = SupportPointFactory(region=cast.region, code="OSS-B")
    incident = Incident.objects.create(
        region=cast.region, title="Oefening Oss", kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True, started_at=NOW - dt.timedelta(days=10),
    )  # fmt: skip
    incident.municipalities.add(cast.oss)
    Activation.objects.create(
        incident=incident, point=oss_b, activated_at=incident.started_at,
        opened_at=incident.started_at + dt.timedelta(minutes=30),
    )  # fmt: skip

    def save(title: str, municipality: Any, days: int, **extra: Any) -> TrainingEvent:
        data = {"municipality": municipality, "title": title, "kind": TrainingKind.TRAINING,
                "starts_at": NOW + dt.timedelta(days=days), **extra}  # fmt: skip
        return services.save_training(region=cast.region, data=data)

    return {
        "points": (oss_a, oss_b),
        "incident": incident,
        "oss": save("Training Oss", cast.oss, -20, roles=[Role.POINT_LEAD], points=[oss_a]),
        "exercise": save(
            "Oefening Oss",
            cast.oss,
            -10,
            kind=TrainingKind.EXERCISE,
            roles=[Role.CRISIS_OPERATOR, Role.POINT_LEAD],
            incident=incident,
        ),  # fmt: skip
        "old": save("Oude oefening", cast.oss, -400, kind=TrainingKind.EXERCISE, points=[oss_a]),
        "vught": save("Training Vught", cast.vught, 30, roles=[Role.MUNICIPAL_OFFICER]),
        "region": save("Regionale training", None, -5, roles=[Role.REGION_COORDINATOR]),
    }


@pytest.mark.django_db
def test_it_refuses_what_does_not_fit(cast: Cast, scene: dict[str, Any]) -> None:
    base = {"municipality": cast.vught, "title": "X", "starts_at": NOW}
    real = Incident.objects.create(
        region=cast.region, title="Echt", kind=IncidentKind.POWER_OUTAGE, started_at=NOW
    )
    elders = Incident.objects.create(
        region=Region.objects.get(code="VR99"), title="Elders", kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True, started_at=NOW,
    )  # fmt: skip
    wrong: list[dict[str, Any]] = [
        {"kind": TrainingKind.EXERCISE, "incident": real},
        {"kind": TrainingKind.EXERCISE, "incident": elders},
        {"kind": TrainingKind.TRAINING, "incident": scene["incident"]},
        {"roles": ["mayor"]},
        {"points": [scene["points"][0]]},  # a point of Oss on Vught's calendar
        {"ends_at": NOW - dt.timedelta(hours=1)},
    ]
    for extra in wrong:
        with pytest.raises(ValidationError):
            services.save_training(region=cast.region, data={**base, **extra})
    assert not TrainingEvent.objects.filter(title="X").exists()
    saved = services.save_training(
        region=cast.region, data={**base, "roles": [Role.POINT_LEAD, Role.MUNICIPAL_OFFICER]}
    )
    assert saved.roles == [Role.MUNICIPAL_OFFICER, Role.POINT_LEAD]  # in the order of the choices


@pytest.mark.django_db
def test_it_counts_what_was_exercised_in_the_last_12_months(
    cast: Cast, scene: dict[str, Any]
) -> None:
    found = calendar.overview(cast.region)
    points = {row.point.code: row.tally for row in found.points}
    # OSS-A: the Oss training (the 400-day-old exercise is too old); OSS-B: activated in the
    # linked incident. Neither the future Vught training nor the old exercise counts.
    assert points["OSS-A"] is not None and (
        points["OSS-A"].trainings,
        points["OSS-A"].exercises,
    ) == (1, 0)
    assert points["OSS-B"] is not None and (
        points["OSS-B"].trainings,
        points["OSS-B"].exercises,
    ) == (0, 1)
    places = {
        (row.municipality.code if row.municipality else None): row for row in found.municipalities
    }
    oss = places["GM0828"]
    assert oss.tally is not None and (oss.tally.trainings, oss.tally.exercises) == (1, 1)
    assert (oss.points_exercised, oss.points_total) == (2, 2)
    assert places["GM0865"].tally is None  # Vught's training lies ahead
    assert places[None].tally is not None and places[None].tally.trainings == 1
    roles = {row.role: row for row in found.roles}
    assert roles[Role.POINT_LEAD].tally is not None and roles[Role.POINT_LEAD].tally.total == 2
    assert roles[Role.POINT_LEAD].municipalities == ["Oss"]
    assert roles[Role.MUNICIPAL_OFFICER].tally is None


@pytest.mark.django_db
def test_it_counts_calendar_exercises_not_played_in_operations(
    cast: Cast, scene: dict[str, Any]
) -> None:
    services.save_training(region=cast.region, data={
        "municipality": cast.vught, "title": "Tafeloefening", "kind": TrainingKind.EXERCISE,
        "starts_at": timezone.now(),
    })  # fmt: skip
    measures = Measures(cast.region, today=timezone.localdate())
    # The incident (Oss) once, not again for its calendar entry; Vught's table-top exercise.
    assert measures.exercises(cast.oss) == 1
    assert measures.exercises(cast.vught) == 1
    assert IndicatorKind.EXERCISES in IndicatorKind.values


@pytest.mark.django_db
def test_it_shows_the_calendar_with_after_action_figures(
    client: Any, cast: Cast, scene: dict[str, Any]
) -> None:
    assert log_in(client, "kees", PASSWORD)
    body = client.get("/programme/calendar/").content.decode()
    upcoming, past = body.split('id="upcoming"')[1].split('id="past"')
    assert "Training Vught" in upcoming and "Training Oss" not in upcoming
    assert "Training Oss" in past and "Regionale training" in past
    assert "1 of 1 points opened" in past or "1 van 1 punten open" in past
    assert "/programme/calendar/" + str(scene["oss"].pk) not in body  # a viewer edits nothing
    filtered = client.get("/programme/calendar/?municipality=GM0865").content.decode()
    assert "Training Vught" in filtered and "Regionale training" in filtered
    assert "Training Oss" not in filtered
    overview = client.get("/programme/calendar/exercised/").content.decode()
    table = overview[overview.index('id="per-point"') :].split("</table>")[0]
    assert "OSS-A" in table and "OSS-B" in table


@pytest.mark.django_db
def test_it_lets_olaf_keep_the_calendar_of_oss_only(
    client: Any, cast: Cast, scene: dict[str, Any]
) -> None:
    assert log_in(client, "olaf", PASSWORD)
    assert client.get(f"/programme/calendar/{scene['oss'].pk}/").status_code == 200
    assert client.get(f"/programme/calendar/{scene['vught'].pk}/").status_code == 403
    assert client.get(f"/programme/calendar/{scene['region'].pk}/").status_code == 403
    assert client.post(f"/programme/calendar/{scene['vught'].pk}/delete/").status_code == 403
    oss_a = scene["points"][0]
    response = client.post("/programme/calendar/new/", {
        "municipality": cast.oss.pk, "kind": "exercise", "title": "Nieuwe oefening",
        "starts_at": "2027-03-01T19:00", "roles": ["point_lead"], "points": [oss_a.pk],
        "participants": "9", "incident": scene["incident"].pk,
    })  # fmt: skip
    assert response.status_code == 302
    made = TrainingEvent.objects.get(title="Nieuwe oefening")
    assert made.incident == scene["incident"] and list(made.points.all()) == [oss_a]
    for sneaky in ({"municipality": cast.vught.pk}, {}):
        client.post("/programme/calendar/new/", {
            "kind": "training", "title": "Sneaky", "starts_at": "2027-03-01T19:00", **sneaky,
        })  # fmt: skip
    assert not TrainingEvent.objects.filter(title="Sneaky").exists()
    assert client.get(f"/programme/calendar/{made.pk}/delete/").status_code == 200
    assert client.post(f"/programme/calendar/{made.pk}/delete/").status_code == 302
    assert not TrainingEvent.objects.filter(pk=made.pk).exists()
    assert Incident.objects.filter(pk=scene["incident"].pk).exists()


@pytest.mark.django_db
def test_it_lets_the_coordinator_plan_region_wide(
    client: Any, cast: Cast, scene: dict[str, Any]
) -> None:
    assert log_in(client, "rianne", PASSWORD)
    response = client.post(f"/programme/calendar/{scene['region'].pk}/", {
        "kind": "training", "title": "Regionale training", "starts_at": "2026-11-01T10:00",
        "roles": ["region_coordinator", "municipal_officer"], "participants": "30",
    })  # fmt: skip
    assert response.status_code == 302
    saved = TrainingEvent.objects.get(pk=scene["region"].pk)
    assert saved.municipality is None and saved.participants == 30
    assert client.get(f"/programme/calendar/{scene['vught'].pk}/").status_code == 200


@pytest.mark.django_db
def test_it_shows_nothing_of_one_region_to_another(
    client: Any, cast: Cast, scene: dict[str, Any]
) -> None:
    elders = Region.objects.get(code="VR99")
    services.save_training(region=elders, data={"title": "Elders training", "starts_at": NOW})
    assert log_in(client, "xander", PASSWORD)
    body = client.get("/programme/calendar/").content.decode()
    assert (
        "Elders training" in body
        and "Training Oss" not in body
        and "Regionale training" not in body
    )
    overview = client.get("/programme/calendar/exercised/").content.decode()
    assert "OSS-A" not in overview and "Oss" not in overview
    for key in ("oss", "region", "vught"):
        assert client.get(f"/programme/calendar/{scene[key].pk}/").status_code == 404
        assert client.post(f"/programme/calendar/{scene[key].pk}/delete/").status_code == 404
    assert TrainingEvent.objects.in_region(cast.region).count() == 5
    response = client.post("/programme/calendar/new/", {
        "kind": "exercise", "title": "Kaping", "starts_at": "2027-03-01T19:00",
        "incident": scene["incident"].pk, "points": [scene["points"][0].pk],
    })  # fmt: skip
    assert not TrainingEvent.objects.filter(title="Kaping").exists()
    assert response.status_code in (200, 403)


@pytest.mark.django_db
def test_it_loads_an_invented_calendar(cast: Cast) -> None:
    SupportPointFactory(region=cast.region)
    assert demo._calendar(cast.region) and not demo._calendar(cast.region)  # once only
    events = list(TrainingEvent.objects.in_region(cast.region))
    assert events and all(e.is_example and "verzonnen voorbeeld" in e.title for e in events)
    assert SupportPoint.objects.in_region(cast.region).exists()
