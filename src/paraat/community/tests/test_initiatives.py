from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from paraat.community import initiatives
from paraat.community.constants import InitiativeState
from paraat.community.models import Initiative
from paraat.testing import factories
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _form(cast, **extra):
    return {"name": "Buurtnetwerk Oss-Oost", "kind": "network", "municipality": cast.oss.pk,
            "contact_name": "Henk de Wit", "contact_phone": "0612121212", "offers": ["people", "check_neighbours"],
            "reachable": "dag en nacht", "area_codes": "WK082801", **extra}  # fmt: skip


@pytest.fixture
def district(cast):
    return factories.AreaFactory(municipality=cast.oss, code="WK082801", name="Oss-Oost")


def test_it_waits_for_an_officer_before_showing_a_public_registration(client, cast, district):
    response = client.post(f"/community/initiatives/propose/{cast.region.code}/", _form(cast))
    assert response.status_code == 200
    initiative = Initiative.objects.get()
    assert initiative.state == InitiativeState.PENDING
    assert list(initiative.areas.all()) == [district]
    assert log_in(client, "kees", PASSWORD)
    assert "Buurtnetwerk" not in client.get("/community/initiatives/").content.decode()
    assert client.get(f"/community/initiatives/{initiative.pk}/").status_code == 404
    client.logout()
    assert log_in(client, "vera", PASSWORD)  # Vught may not decide for Oss
    assert (
        client.post(
            f"/community/initiatives/{initiative.pk}/review/", {"decision": "approve"}
        ).status_code
        == 403
    )
    client.logout()
    assert log_in(client, "olaf", PASSWORD)
    assert "Buurtnetwerk" in client.get("/community/initiatives/").content.decode()  # pending, his
    client.post(f"/community/initiatives/{initiative.pk}/review/", {"decision": "approve"})
    assert Initiative.objects.get().state == InitiativeState.APPROVED
    client.logout()
    assert log_in(client, "kees", PASSWORD)
    page = client.get("/community/initiatives/").content.decode()
    assert "Buurtnetwerk Oss-Oost" in page and "Henk de Wit" not in page


def test_it_names_the_unknown_area_in_the_public_form(client, cast):
    response = client.post(
        f"/community/initiatives/propose/{cast.region.code}/", _form(cast, area_codes="WK999999")
    )
    assert response.status_code == 400
    assert "WK999999" in response.content.decode()
    assert not Initiative.objects.exists()


def test_it_accepts_a_drawn_polygon_and_refuses_a_line(cast):
    square = {
        "type": "Polygon",
        "coordinates": [[[5.5, 51.7], [5.6, 51.7], [5.6, 51.8], [5.5, 51.7]]],
    }
    data = {"name": "Voedselbank", "kind": "food_bank", "municipality": cast.oss, "contact_name": "X", "contact_email": "x@example.nl"}  # fmt: skip
    made = initiatives.register_initiative(
        region=cast.region, data={**data, "geometry": square}, approved_by=cast.olaf
    )
    assert made.state == InitiativeState.APPROVED and made.geometry["type"] == "Polygon"
    with pytest.raises(ValidationError) as error:
        initiatives.register_initiative(region=cast.region, data={**data, "geometry": {"type": "LineString", "coordinates": [[5.5, 51.7], [5.6, 51.7]]}})  # fmt: skip
    assert "geometry" in error.value.message_dict


def test_it_keeps_contact_details_out_of_the_audit_trail(cast):
    from paraat.core.models import AuditEntry

    initiatives.register_initiative(
        region=cast.region,
        data={
            "name": "Kerk",
            "kind": "church",
            "municipality": cast.oss,
            "contact_name": "Ds. Jansen",
            "contact_phone": "0613131313",
        },  # fmt: skip
    )
    entry = AuditEntry.objects.get(model="community.initiative")
    assert "Jansen" not in str(entry.after) and "0613131313" not in str(entry.after)


def test_it_imports_initiatives_all_or_nothing(cast, district, tmp_path):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = tmp_path / "initiatieven.csv"
    path.write_text(
        "naam;soort;gemeente;contactpersoon;telefoon;aanbod;gebieden\n"
        "Repair Café Oss;repair_cafe;GM0828;Piet;0611;space,generator;WK082801\n"
        "Sportclub;sports_club;Oss;Ans;0622;space;\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_initiatives", str(path), "--region", "VR21", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"ok": True, "created": 2}
    assert set(Initiative.objects.values_list("state", flat=True)) == {InitiativeState.APPROVED}
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "naam;soort;gemeente;contactpersoon;telefoon\nX;church;Nergens;Y;06\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_initiatives", str(bad), "--region", "VR21", stdout=StringIO())
    assert "fout.csv, rij 2, veld 'gemeente'" in str(error.value)
    assert Initiative.objects.count() == 2


def test_it_hands_a_help_request_to_an_approved_initiative(cast):
    from paraat.operations.constants import Need, RequestStatus
    from paraat.operations.models import HelpRequest
    from paraat.operations.services import create_help_request
    from paraat.operations.tests.factories import make_scene

    scene = make_scene(cast)
    request = create_help_request(
        incident=scene.incident,
        point=scene.a,
        kind=Need.OTHER,
        description="Boodschappen",
        user=cast.cas,
    )
    food = initiatives.register_initiative(
        region=cast.region,
        data={
            "name": "Voedselbank Oss",
            "kind": "food_bank",
            "municipality": cast.oss,
            "contact_name": "X",
            "contact_phone": "06",
        },  # fmt: skip
    )
    with pytest.raises(ValidationError):
        initiatives.hand_over_request(request=request, initiative=food, user=cast.cas)
    initiatives.review_initiative(initiative=food, approve=True, user=cast.olaf)
    initiatives.hand_over_request(request=request, initiative=food, user=cast.cas)
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.status == RequestStatus.ASSIGNED
    assert request.assigned_to.startswith("Voedselbank Oss")
