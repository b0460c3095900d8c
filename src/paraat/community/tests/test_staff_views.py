from __future__ import annotations

import pytest

from paraat.community.models import Volunteer
from paraat.community.tests.factories import make_volunteer, postcode_at
from paraat.core.models import AuditEntry
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert log_in(client, user.username, PASSWORD)
    return client


@pytest.mark.parametrize(
    ("who", "status"), [("rianne", 200), ("olaf", 200), ("pim", 403), ("kees", 403)]
)
def test_it_shows_the_volunteer_list_only_to_coordinators_and_officers(client, cast, who, status):
    _login(client, getattr(cast, who))
    assert client.get("/community/volunteers/").status_code == status


def test_it_lists_volunteers_without_their_names(client, cast):
    make_volunteer(cast, "Zoltan")
    page = _login(client, cast.olaf).get("/community/volunteers/").content.decode()
    assert "#" in page and "Zoltan" not in page


def test_it_logs_every_view_of_a_volunteers_details(client, cast):
    volunteer = make_volunteer(cast, "Anna", phone="0612345678")
    response = _login(client, cast.olaf).get(f"/community/volunteers/{volunteer.pk}/")
    assert "0612345678" in response.content.decode()
    entry = AuditEntry.objects.get(action="view", object_pk=str(volunteer.pk))
    assert entry.actor == cast.olaf


def test_it_keeps_oss_volunteers_from_the_officer_of_vught(client, cast):
    volunteer = make_volunteer(cast, "Anna")
    assert (
        _login(client, cast.vera).get(f"/community/volunteers/{volunteer.pk}/").status_code == 403
    )
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_lets_an_officer_register_and_assign_a_volunteer(client, cast):
    from paraat.operations.tests.factories import make_point

    point = make_point(cast, "OSS-01", parent=None, tier="coordination")
    _login(client, cast.olaf)
    response = client.post("/community/volunteers/new/", {
        "name": "Ingrid", "phone": "0613", "postcode": postcode_at(cast, 0), "organisation": "red_cross",
        "skills": ["first_aid", "driving"], "availability": ["0m"],
    })  # fmt: skip
    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    client.post(f"/community/volunteers/{volunteer.pk}/", {"points": [point.pk]})
    assert list(volunteer.points.all()) == [point]


def test_it_refuses_an_officer_registering_outside_his_municipality(client, cast):
    _login(client, cast.olaf)
    response = client.post("/community/volunteers/new/", {
        "name": "Ingrid", "phone": "0613", "postcode": postcode_at(cast, 0, municipality=cast.vught),
        "organisation": "none",
    })  # fmt: skip
    assert response.status_code == 400
    assert not Volunteer.objects.exists()


def test_it_lists_volunteers_in_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    for n in range(3):
        make_volunteer(cast, f"V{n}")
    _login(client, cast.rianne)
    client.get("/community/volunteers/")  # warm the session and the user
    with django_assert_num_queries(6) as first:
        client.get("/community/volunteers/")
    for n in range(3, 8):
        make_volunteer(cast, f"V{n}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/community/volunteers/")
