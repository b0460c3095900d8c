"""Vital and care partners: services, access per persona, pages, the API, the command, contacts
as logged personal data and power-dependent clients only as suppressed counts per area."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from paraat.community import partners
from paraat.community.constants import PartnerKind, PowerDependency
from paraat.community.models import Partner, PartnerContact
from paraat.core.models import AuditEntry
from paraat.testing import factories
from paraat.testing.factories import api_key
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user):
    assert log_in(client, user.username, PASSWORD)
    return client


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


def _partner(cast, **extra):
    region = extra.pop("region", cast.region)
    data = {"name": "Waterbedrijf Brabant", "kind": PartnerKind.WATER,
            "control_room_phone": "088-1234567", "radio_channel": "TG 21-3",
            "backup_hours": 72.0, "backup_hours_min": 24.0, "backup_hours_max": 120.0, **extra}  # fmt: skip
    return partners.register_partner(region=region, data=data)


@pytest.fixture
def care(cast):
    partner = _partner(
        cast, name="Thuiszorg Maasland", kind=PartnerKind.CARE, municipality=cast.oss
    )
    partners.add_contact(partner=partner, data={"name": "Ineke Zorg", "phone": "0611112222", "is_liaison": True})  # fmt: skip
    return partner


def test_it_refuses_a_likely_backup_outside_its_bounds(cast):
    with pytest.raises(ValidationError) as error:
        _partner(cast, backup_hours=200.0)
    assert "backup_hours" in error.value.message_dict
    with pytest.raises(ValidationError):
        _partner(cast, municipality=factories.MunicipalityFactory(region=factories.RegionFactory(code="VR77")))  # fmt: skip


def test_it_shows_an_overdue_review(client, cast):
    _partner(cast, agreement="Convenant water 2024",
             agreement_signed_on=dt.date(2024, 1, 1),
             agreement_review_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    page = _login(client, cast.kees).get("/community/partners/").content.decode()
    assert "Waterbedrijf Brabant" in page and "088-1234567" in page
    assert "te laat" in page
    assert Partner.objects.review_overdue(timezone.localdate()).count() == 1


@pytest.mark.parametrize(("who", "status"), [("rianne", 200), ("olaf", 200), ("kees", 403), ("pim", 403)])  # fmt: skip
def test_it_offers_the_form_to_coordinators_and_officers(client, cast, who, status):
    assert _login(client, getattr(cast, who)).get("/community/partners/new/").status_code == status


def test_it_lets_only_the_coordinator_record_a_region_wide_partner(client, cast):
    form = {"name": "Netbeheerder Zuid", "kind": "grid", "municipality": ""}
    assert _login(client, cast.olaf).post("/community/partners/new/", form).status_code == 400
    form["municipality"] = cast.oss.pk
    assert client.post("/community/partners/new/", form).status_code == 302
    client.logout()
    form.update(municipality="", name="Drinkwater regio")
    assert _login(client, cast.rianne).post("/community/partners/new/", form).status_code == 302
    assert Partner.objects.filter(municipality__isnull=True).count() == 1
    entry = AuditEntry.objects.filter(model="community.partner", action="create").first()
    assert entry is not None and entry.actor in (cast.olaf, cast.rianne)


def test_it_keeps_oss_partners_from_the_officer_of_vught(client, cast, care):
    _login(client, cast.vera)
    assert client.get(f"/community/partners/{care.pk}/edit/").status_code == 403
    page = client.get(f"/community/partners/{care.pk}/").content.decode()
    assert "Thuiszorg Maasland" in page and "Ineke Zorg" not in page
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_logs_each_view_of_a_contact_and_keeps_her_out_of_the_trail(client, cast, care):
    page = _login(client, cast.olaf).get(f"/community/partners/{care.pk}/").content.decode()
    assert "Ineke Zorg" in page and "0611112222" in page
    contact = PartnerContact.objects.get()
    viewed = AuditEntry.objects.get(action="view", model="community.partnercontact")
    assert viewed.actor == cast.olaf and viewed.object_pk == str(contact.pk)
    trail = json.dumps(list(AuditEntry.objects.values("before", "after", "object_repr")))
    assert "Ineke" not in trail and "0611112222" not in trail


def test_it_shows_contacts_to_a_crisis_operator_only_during_an_incident(client, cast, care):
    from paraat.operations.tests.factories import make_scene

    _login(client, cast.cas)
    assert "Ineke Zorg" not in client.get(f"/community/partners/{care.pk}/").content.decode()
    make_scene(cast)
    assert "Ineke Zorg" in client.get(f"/community/partners/{care.pk}/").content.decode()


def test_it_adds_and_removes_a_contact_through_the_page(client, cast, care):
    _login(client, cast.olaf)
    client.post(f"/community/partners/{care.pk}/contacts/", {"contact-name": "Bas", "contact-email": "bas@example.invalid"})  # fmt: skip
    added = PartnerContact.objects.get(name="Bas")
    client.post(f"/community/partners/{care.pk}/contacts/{added.pk}/remove/")
    assert not PartnerContact.objects.filter(name="Bas").exists()


def test_it_sums_power_dependent_clients_per_area_and_hides_small_counts(cast, care, settings):
    settings.PARAAT_SMALL_COUNT_THRESHOLD = 10
    big = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5341", name="")
    small = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5342", name="")
    other = _partner(cast, name="Zorggroep Oss", kind=PartnerKind.CARE, municipality=cast.oss)
    partners.record_power_dependent(partner=care, area=big, dependency=PowerDependency.VENTILATION, count=8)  # fmt: skip
    partners.record_power_dependent(partner=other, area=big, dependency=PowerDependency.VENTILATION, count=7)  # fmt: skip
    partners.record_power_dependent(partner=care, area=big, dependency=PowerDependency.OXYGEN, count=20)  # fmt: skip
    partners.record_power_dependent(partner=care, area=small, dependency=PowerDependency.OXYGEN, count=4)  # fmt: skip
    rows = partners.power_dependent_in_region(cast.region)
    assert [r["area"] for r in rows] == ["5341", "5342"]
    assert rows[0]["total"] == 35 and rows[0]["ventilation"] == 15 and rows[0]["oxygen"] == 20
    assert rows[1]["total"] is None and rows[1]["oxygen"] is None and rows[1]["suppressed"]
    # One hidden kind hides all kinds of that area, or the total would give it back.
    partners.record_power_dependent(partner=care, area=big, dependency=PowerDependency.FEEDING_PUMP, count=3)  # fmt: skip
    row = partners.power_dependent_in_region(cast.region)[0]
    assert row["total"] == 38 and row["ventilation"] is None and row["feeding_pump"] is None
    partners.record_power_dependent(partner=care, area=small, dependency=PowerDependency.OXYGEN, count=0)  # fmt: skip
    assert [r["area"] for r in partners.power_dependent_in_region(cast.region)] == ["5341"]


def test_it_records_clients_only_for_care_partners(cast):
    water = _partner(cast)
    area = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5341")
    with pytest.raises(ValidationError):
        partners.record_power_dependent(partner=water, area=area, dependency="oxygen", count=12)


def test_it_records_clients_through_the_page_and_shows_them_suppressed(client, cast, care):
    factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5341", name="")
    _login(client, cast.olaf)
    url = f"/community/partners/{care.pk}/clients/"
    client.post(url, {"clients-area_code": "5341", "clients-dependency": "oxygen", "clients-count": "3"})  # fmt: skip
    page = client.get(f"/community/partners/{care.pk}/").content.decode()
    assert "5341" in page and ">3<" not in page


def test_it_gives_the_api_the_same_rules(cast, care):
    kees = _api(cast.kees).get("/api/v1/partners/").json()
    rows = kees["results"] if isinstance(kees, dict) else kees
    doc = next(p for p in rows if p["name"] == "Thuiszorg Maasland")
    assert "contacts" not in doc and "power_dependent" not in doc
    olaf = _api(cast.olaf).get(f"/api/v1/partners/{care.pk}/").json()
    assert olaf["contacts"][0]["name"] == "Ineke Zorg" and olaf["power_dependent"] == []
    assert AuditEntry.objects.filter(action="view", model="community.partnercontact").count() == 1
    assert _api(cast.kees).get("/api/v1/partners/power-dependent/").json() == {"areas": []}


def test_it_shows_nothing_of_one_region_to_the_other(client, cast, care):
    assert _api(cast.xander).get(f"/api/v1/partners/{care.pk}/").status_code in (403, 404)
    listing = _api(cast.xander).get("/api/v1/partners/")
    assert "Thuiszorg" not in listing.content.decode()
    _login(client, cast.xander)
    assert client.get(f"/community/partners/{care.pk}/").status_code == 404
    assert "Thuiszorg" not in client.get("/community/partners/").content.decode()


def test_it_prints_partners_as_json_without_contacts_unless_asked(cast, care):
    out = StringIO()
    call_command("partners", "--region", cast.region.code, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["partners"][0]["name"] == "Thuiszorg Maasland"
    assert "contacts" not in data["partners"][0] and data["power_dependent"] == []
    out = StringIO()
    call_command("partners", "--region", cast.region.code, "--json", "--contacts", stdout=out)
    assert json.loads(out.getvalue())["partners"][0]["contacts"][0]["phone"] == "0611112222"
    assert AuditEntry.objects.filter(action="view", actor_label="partners-command").count() == 1
