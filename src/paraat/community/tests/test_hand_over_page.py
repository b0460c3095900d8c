"""The crisis team hands a help request to an initiative or to volunteers from the requests page;
a point lead cannot, another region sees nothing, and a closed request stays closed."""

from __future__ import annotations

import pytest

from paraat.community import initiatives
from paraat.community.models import Callout
from paraat.community.tests.factories import make_volunteer
from paraat.operations.constants import Need, RequestStatus
from paraat.operations.services import complete_request, create_help_request
from paraat.operations.tests.factories import make_scene
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    return make_scene(cast)


@pytest.fixture
def help_request(scene, cast):
    return create_help_request(
        incident=scene.incident, point=scene.hub, kind=Need.OTHER, description="Boodschappen",
        user=cast.cas,
    )  # fmt: skip


def _url(scene, help_request):
    return f"/community/incidents/{scene.incident.pk}/requests/{help_request.pk}/hand-over/"


def _food_bank(cast):
    food = initiatives.register_initiative(
        region=cast.region,
        data={"name": "Voedselbank Oss", "kind": "food_bank", "municipality": cast.oss,
              "contact_name": "X", "contact_phone": "06"},
    )  # fmt: skip
    initiatives.review_initiative(initiative=food, approve=True, user=cast.olaf)
    return food


def test_it_links_each_open_request_to_its_hand_over_page(client, scene, cast, help_request):
    assert log_in(client, "cas", PASSWORD)
    page = client.get(f"/operations/{scene.incident.pk}/requests/").content.decode()
    assert _url(scene, help_request) in page


def test_it_hands_a_request_to_an_approved_initiative(client, scene, cast, help_request):
    food = _food_bank(cast)
    assert log_in(client, "cas", PASSWORD)
    assert "Voedselbank Oss" in client.get(_url(scene, help_request)).content.decode()
    answer = client.post(
        _url(scene, help_request), {"to": "initiative", "init-initiative": food.pk}
    )
    assert answer.status_code == 302
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.ASSIGNED
    assert "Voedselbank Oss" in help_request.assigned_to


def test_it_calls_out_volunteers_for_a_request(client, scene, cast, help_request):
    make_volunteer(cast, "Near", dx=100)
    assert log_in(client, "cas", PASSWORD)
    answer = client.post(
        _url(scene, help_request),
        {"to": "volunteers", "vol-point": scene.hub.code, "vol-skill": "first_aid",
         "vol-needed": 1, "vol-radius_m": 2_000, "vol-wait_minutes": 10},
    )  # fmt: skip
    callout = Callout.objects.get(help_request=help_request)
    assert answer.status_code == 302 and answer["Location"] == f"/community/callouts/{callout.pk}/"
    assert [a.volunteer.name for a in callout.asks.all()] == ["Near"]
    assert callout.wait_minutes == 10
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.ASSIGNED


def test_it_names_the_field_when_the_call_out_form_is_wrong(client, scene, cast, help_request):
    assert log_in(client, "cas", PASSWORD)
    answer = client.post(
        _url(scene, help_request),
        {"to": "volunteers", "vol-point": scene.hub.code, "vol-skill": "first_aid",
         "vol-needed": 0, "vol-radius_m": 2_000, "vol-wait_minutes": 10},
    )  # fmt: skip
    assert answer.status_code == 400
    assert 'id="id_vol-needed_error"' in answer.content.decode()
    assert not Callout.objects.exists()


def test_it_refuses_to_hand_over_a_closed_request(client, scene, cast, help_request):
    food = _food_bank(cast)
    complete_request(request=help_request, user=cast.cas, outcome="geregeld")
    assert log_in(client, "cas", PASSWORD)
    page = client.get(_url(scene, help_request)).content.decode()
    assert 'name="to"' not in page
    client.post(_url(scene, help_request), {"to": "initiative", "init-initiative": food.pk})
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.DONE


def test_it_keeps_the_page_from_point_leads_and_other_regions(client, scene, cast, help_request):
    assert log_in(client, "pim", PASSWORD)
    assert client.get(_url(scene, help_request)).status_code == 403
    assert log_in(client, "xander", PASSWORD)
    other = client.get(_url(scene, help_request))
    assert other.status_code == 403 and "Boodschappen" not in other.content.decode()
