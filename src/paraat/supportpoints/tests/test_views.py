"""Support point pages: list and filters, the point page, edit forms per persona, contacts,
the norm profile, inspections and readiness."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.supportpoints import services
from paraat.supportpoints.constants import Lifecycle, NormResult, Service, TaskStatus, Tier
from paraat.supportpoints.models import NormProfile, ReadinessTask, SupportPoint
from paraat.supportpoints.tests.factories import Network, SupportPointFactory, make_network
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"supportpoints:{name}", args=args)


def _comma(value: float) -> str:
    return f"{value:.6f}".replace(".", ",")


def _location(x: float, y: float) -> dict[str, str]:
    lon, lat = geometry.point_wgs84(x, y)
    return {"lat": _comma(lat), "lon": _comma(lon)}


def _codes(response: Any) -> set[str]:
    return {row.point.code for row in response.context["rows"]}


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


# The list ------------------------------------------------------------------------------------


def test_it_lists_the_points_of_the_region_with_each_filter(cast: Cast, net: Network) -> None:
    client = _client(cast.kees)
    everything = {"CP-OSS", "OSS-01", "OSS-02", "KAND-01", "CP-VUGHT", "VUG-01"}
    assert _codes(client.get(_url("list"))) == everything
    assert _codes(client.get(_url("list"), {"tier": "coordination"})) == {"CP-OSS", "CP-VUGHT"}
    assert _codes(client.get(_url("list"), {"tier": "candidate"})) == {"KAND-01"}
    assert _codes(client.get(_url("list"), {"municipality": "GM0865"})) == {"CP-VUGHT", "VUG-01"}
    assert _codes(client.get(_url("list"), {"lifecycle": "prepared"})) == {"OSS-01"}
    assert _codes(client.get(_url("list"), {"norm": "pass"})) == {"OSS-01"}
    # Candidate sites are measured against the local points' rules.
    assert _codes(client.get(_url("list"), {"norm": "fail", "municipality": "GM0828"})) == {
        "CP-OSS",
        "OSS-02",
        "KAND-01",
    }
    assert "OSS-01" not in _codes(client.get(_url("list"), {"missing": Service.TOILET}))
    assert "OSS-02" in _codes(client.get(_url("list"), {"missing": Service.TOILET}))
    # A value that is not a choice is ignored rather than failing the page.
    assert _codes(client.get(_url("list"), {"tier": "castle"})) == everything


def test_it_starts_a_municipal_officers_list_with_her_own_municipality(
    cast: Cast, net: Network
) -> None:
    listed = [row.point.code for row in _client(cast.vera).get(_url("list")).context["rows"]]
    # Vera is Vught's officer: Vught first, though Oss comes first by name (as Kees sees it).
    assert listed[:2] == ["CP-VUGHT", "VUG-01"]
    assert set(listed[2:]) == {"CP-OSS", "OSS-01", "OSS-02", "KAND-01"}
    by_name = [row.point.code for row in _client(cast.kees).get(_url("list")).context["rows"]]
    assert by_name[-2:] == ["CP-VUGHT", "VUG-01"]
    choices = _client(cast.vera).get(_url("list")).context["form"].fields["municipality"].choices
    assert [name for _code, name in choices[1:]][:1] == ["Vught"]


def test_it_lists_with_the_same_number_of_queries_for_more_points(
    cast: Cast, net: Network, django_assert_max_num_queries: Any
) -> None:
    client = _client(cast.rianne)
    with django_assert_max_num_queries(12) as few:
        client.get(_url("list"))
    for i in range(12):
        SupportPointFactory(
            region=cast.region,
            code=f"EXTRA-{i}",
            tier=Tier.LOCAL,
            parent="CP-OSS",
            at=(geometry.OSS_RD[0] + 100 * i, geometry.OSS_RD[1] + 2_000),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("list"))
    assert len(response.context["rows"]) == 18


def test_it_draws_a_symbol_per_tier_linked_to_the_point_page(cast: Cast, net: Network) -> None:
    body = _client(cast.kees).get(_url("list"), {"candidates": "on"}).content.decode()
    assert body.count("<rect ") >= 2  # two coordination points (squares)
    assert body.count("<circle ") >= 3  # three local points
    assert body.count("<polygon ") >= 1  # one candidate site
    assert f'href="{_url("detail", "OSS-01")}"' in body
    assert body.count("<path d=") == 2  # the two municipalities as background
    labels = body[body.index('class="paraat-map__labels"') :]
    assert ">Oss</text>" in labels and ">Vught</text>" in labels


def test_it_keeps_candidate_sites_off_the_map_until_asked(cast: Cast, net: Network) -> None:
    client = _client(cast.kees)
    body = client.get(_url("list")).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert "KAND-01" not in svg and "<polygon " not in svg
    assert "1 kandidaatlocatie staat niet op de kaart" in body
    # The list still holds it; asking for candidates (or filtering on them) draws them.
    assert "KAND-01" in _codes(client.get(_url("list")))
    for query in ({"candidates": "on"}, {"tier": "candidate"}):
        shown = client.get(_url("list"), query).content.decode()
        assert "KAND-01" in shown[shown.index("<svg") : shown.index("</svg>")]
        assert "staat niet op de kaart" not in shown


def test_it_paginates_and_keeps_the_filters(cast: Cast, net: Network) -> None:
    for i in range(55):
        SupportPointFactory(
            region=cast.region,
            code=f"K-{i:02d}",
            tier=Tier.CANDIDATE,
            lifecycle=Lifecycle.CANDIDATE,
            at=(geometry.OSS_RD[0] + 50 * i, geometry.OSS_RD[1] - 3_000),
        )
    client = _client(cast.kees)
    first = client.get(_url("list"), {"tier": "candidate"})
    assert len(first.context["rows"]) == 50
    assert "?tier=candidate&amp;page=2" in first.content.decode()
    second = client.get(_url("list"), {"tier": "candidate", "page": 2})
    assert len(second.context["rows"]) == 6


def test_it_shows_another_region_none_of_our_points(cast: Cast, net: Network) -> None:
    client = _client(cast.xander)
    assert _codes(client.get(_url("list"))) == set()
    assert client.get(_url("detail", "OSS-01")).status_code == 404
    assert client.get(_url("readiness-municipality", "GM0828")).status_code == 403


def test_it_sends_an_anonymous_visitor_to_the_login_page(cast: Cast) -> None:
    response = Client().get(_url("list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# The point page and contacts -----------------------------------------------------------------


def test_it_shows_a_point_with_services_energy_comms_and_the_assessment(
    cast: Cast, net: Network
) -> None:
    body = _client(cast.kees).get(_url("detail", "OSS-01")).content.decode()
    assert "Wijkcentrum De Schalm" in body
    assert "Kazerne Oss" in body  # its coordination point
    assert "300 liter ÷ 3 liter per uur = 100 uur" in body  # the autonomy explained
    assert "Stroom voor 100 uur zonder bijtanken" in body  # the rule's reason
    assert "standaardwaarde, geen landelijke norm" in body
    assert "C2000" in body
    assert "200 liter" in body  # drinking water stock


def test_it_hides_contacts_from_viewers_and_crisis_operators(cast: Cast, net: Network) -> None:
    for persona in (cast.kees, cast.cas, cast.vera):
        body = _client(persona).get(_url("detail", "OSS-01")).content.decode()
        assert "Sleutelhouder OSS-01-1" not in body
        assert "06-00000001" not in body
        assert "2 contactpersonen geregistreerd" in body
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_it_shows_contacts_to_the_officer_and_logs_the_view(cast: Cast, net: Network) -> None:
    body = _client(cast.olaf).get(_url("detail", "OSS-01")).content.decode()
    assert "Sleutelhouder OSS-01-1" in body and "06-00000001" in body
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert (entry.actor, entry.object_pk, entry.model) == (
        cast.olaf,
        str(net.ready.pk),
        "supportpoints.supportpoint",
    )
    assert "point page" in entry.note


def test_it_lets_the_officer_add_edit_and_remove_a_contact(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    response = client.post(
        _url("contact-add", "OSS-02"),
        {"role": "key_holder", "name": "Anna de Vries", "phone": "06-11", "available_24_7": "on"},
    )
    assert response.status_code == 302
    contact = net.gaps.contacts.get()
    client.get(_url("contact-edit", "OSS-02", contact.pk))
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, note__contains="contact form")
    client.post(
        _url("contact-edit", "OSS-02", contact.pk),
        {"role": "key_holder", "name": "Anna de Vries", "phone": "06-12", "email": "nope"},
    )
    contact.refresh_from_db()
    assert contact.phone == "06-11"  # the bad e-mail address stopped the save
    client.post(_url("contact-remove", "OSS-02", contact.pk))
    assert not net.gaps.contacts.exists()


# Editing per persona -------------------------------------------------------------------------


def test_it_lets_the_oss_officer_register_edit_and_assess_an_oss_point(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.olaf)
    data = {
        "code": "oss-03",
        "name": "Bibliotheek Oss",
        "tier": "local",
        "lifecycle": "designated",
        "coordination_point": "CP-OSS",
        "building_type": "library",
        **_location(geometry.OSS_RD[0] + 300, geometry.OSS_RD[1] + 300),
        "wheelchair_accessible": "true",
        "open_within_minutes": "45",
    }
    response = client.post(_url("create"), data)
    assert response.status_code == 302, response.content.decode()
    point = SupportPoint.objects.get(code="OSS-03")
    assert (point.municipality, point.coordination_point) == (cast.oss, net.hub_oss)
    assert point.norm_result == NormResult.FAIL

    client.post(_url("edit", "OSS-03"), {**data, "code": "OSS-03", "capacity": "120"})
    client.post(
        _url("energy", "OSS-03"),
        {"generator_kw": "10", "fuel_litres": "250,5", "fuel_consumption_lph": "2,5"},
    )
    client.post(
        _url("services", "OSS-03"),
        {
            **{f"{s}_available": "unknown" for s in Service.values},
            "information_available": "yes",
            "toilet_available": "yes",
            "drinking_water_available": "yes",
            "drinking_water_quantity": "150",
            "generator_test_as_of": "",
        },
    )
    client.post(_url("comms", "OSS-03"), {"c2000": "on", "runner": "on"})
    for name in ("Piet", "Kees"):
        client.post(
            _url("contact-add", "OSS-03"),
            {"role": "key_holder", "name": name, "available_24_7": "on"},
        )
    client.post(
        _url("inspect", "OSS-03"),
        {"visited_on": timezone.localdate().isoformat(), "generator_tested": "on"},
    )
    point.refresh_from_db()
    assert point.capacity == 120 and point.fuel_litres == 250.5
    assert sorted(point.comms.values_list("kind", flat=True)) == ["c2000", "runner"]
    assert point.norm_result == NormResult.PASS, point.norm_gaps
    page = client.get(_url("detail", "OSS-03")).content.decode()
    assert "voldoet aan de norm" in page and "Stroom voor 100,2 uur" in page
    # The reasons follow the interface's language, figures included.
    english = client.get(_url("detail", "OSS-03"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Power for 100.2 hours without refuelling" in english
    assert "Stroom voor" not in english


def test_it_refuses_the_oss_officer_every_edit_page_of_a_vught_point(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.olaf)
    contact = services.save_contact(point=net.vught, data={"name": "Vera's sleutelhouder"})
    task = ReadinessTask.objects.create(
        point=net.vught, description="x", owner="y", due_date=timezone.localdate()
    )
    for name, args in [
        ("edit", ()),
        ("energy", ()),
        ("services", ()),
        ("comms", ()),
        ("contact-add", ()),
        ("contact-edit", (contact.pk,)),
        ("inspect", ()),
    ]:
        url = _url(name, "VUG-01", *args)
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url
    assert client.post(_url("contact-remove", "VUG-01", contact.pk)).status_code == 403
    assert client.post(_url("task-done", "VUG-01", task.pk)).status_code == 403
    body = client.get(_url("detail", "VUG-01")).content.decode()
    assert _url("edit", "VUG-01") not in body and "Vera&#x27;s sleutelhouder" not in body
    assert _url("edit", "OSS-02") in client.get(_url("detail", "OSS-02")).content.decode()


def test_it_refuses_the_oss_officer_a_point_located_in_vught(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    data = {
        "code": "STIEKEM",
        "name": "In Vught",
        "tier": "coordination",
        "lifecycle": "designated",
        "building_type": "other",
        **_location(*geometry.VUGHT_RD),
    }
    response = client.post(_url("create"), data)
    assert response.status_code == 400
    assert "Vught" in str(response.context["form"].errors["lon"])
    assert not SupportPoint.objects.filter(code="STIEKEM").exists()
    # Nor may he move an Oss point into Vught.
    edit = {**data, "code": "OSS-02", "tier": "local", "coordination_point": "CP-OSS"}
    assert client.post(_url("edit", "OSS-02"), edit).status_code == 400
    net.gaps.refresh_from_db()
    assert net.gaps.municipality == cast.oss


def test_it_lets_the_region_coordinator_edit_points_everywhere(cast: Cast, net: Network) -> None:
    client = _client(cast.rianne)
    for code in ("OSS-02", "VUG-01"):
        response = client.post(_url("energy", code), {"generator_kw": "5"})
        assert response.status_code == 302
    assert SupportPoint.objects.get(code="VUG-01").generator_kw == 5.0
    data = {
        "code": "VUG-02",
        "name": "Dorpshuis",
        "tier": "coordination",
        "lifecycle": "designated",
        "building_type": "community_centre",
        **_location(geometry.VUGHT_RD[0] - 500, geometry.VUGHT_RD[1]),
    }
    assert client.post(_url("create"), data).status_code == 302
    assert SupportPoint.objects.get(code="VUG-02").municipality == cast.vught


def test_it_refuses_editing_to_viewers_crisis_operators_and_point_leads(
    cast: Cast, net: Network
) -> None:
    for persona in (cast.kees, cast.cas, cast.pim):
        client = _client(persona)
        assert client.get(_url("create")).status_code == 403
        assert client.get(_url("edit", "OSS-01")).status_code == 403
        assert client.post(_url("energy", "OSS-01"), {"fuel_litres": "1"}).status_code == 403
        assert "Steunpunt registreren" not in client.get(_url("list")).content.decode()


def test_it_shows_service_validation_errors_on_the_fields(cast: Cast, net: Network) -> None:
    client = _client(cast.rianne)
    data = {
        "code": "OSS-01",  # already used
        "name": "Dubbel",
        "tier": "local",
        "lifecycle": "designated",
        "coordination_point": "",  # a local point needs one
        "building_type": "other",
        **_location(*geometry.OSS_RD),
    }
    response = client.post(_url("create"), data)
    assert response.status_code == 400
    assert "al gebruikt" in str(response.context["form"].errors["code"])
    response = client.post(_url("create"), {**data, "code": "OSS-09"})
    errors = response.context["form"].errors
    assert "coordination_point" in errors and response.status_code == 400
    response = client.post(_url("create"), {**data, "code": "OSS-09", "tier": "candidate"})
    assert "lifecycle" in response.context["form"].errors


def test_it_dates_a_changed_service_today_unless_a_date_is_given(cast: Cast, net: Network) -> None:
    old = dt.date(2025, 1, 1)
    services.set_services(
        point=net.ready,
        services={
            Service.INFORMATION: {"available": True, "as_of": old},
            Service.TOILET: {"available": True, "as_of": old},
        },
    )
    data = {f"{s}_available": "unknown" for s in Service.values} | {
        "information_available": "yes",
        "information_as_of": old.isoformat(),
        "toilet_available": "no",
        "toilet_as_of": old.isoformat(),
        "warmth_available": "yes",
        "warmth_as_of": "2025-06-01",
    }
    _client(cast.olaf).post(_url("services", "OSS-01"), data)
    rows = {r.service: r for r in net.ready.services.all()}
    assert rows["information"].as_of == old  # unchanged
    assert rows["toilet"].as_of == timezone.localdate() and not rows["toilet"].available
    assert rows["warmth"].as_of == dt.date(2025, 6, 1)
    assert "drinking_water" not in rows  # 'unknown' removes the row
    net.ready.refresh_from_db()
    assert net.ready.norm_result == NormResult.FAIL
    assert set(net.ready.norm_gaps) == {"toilet"}


def test_it_flips_the_norm_result_when_the_fuel_stock_changes(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    energy = {"generator_kw": "15", "fuel_consumption_lph": "3", "power_need_kw": "3"}
    energy["generator_last_test"] = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    response = client.post(_url("energy", "OSS-01"), {**energy, "fuel_litres": "30"})
    assert response.status_code == 302
    net.ready.refresh_from_db()
    assert net.ready.norm_result == NormResult.FAIL
    assert net.ready.norm_gaps == ["power_autonomy"]
    page = client.get(_url("detail", "OSS-01")).content.decode()
    assert "Stroom voor maar 10 uur zonder bijtanken" in page
    assert "30 liter ÷ 3 liter per uur = 10 uur" in page

    client.post(_url("energy", "OSS-01"), {**energy, "fuel_litres": "300"})
    net.ready.refresh_from_db()
    assert net.ready.norm_result == NormResult.PASS


# Norm profile --------------------------------------------------------------------------------


def _profile_form(**changes: str) -> dict[str, str]:
    data = {f"{rule['id']}__on": "on" for rule in NormProfile.objects.get(version=1).rules} | {
        "power_autonomy__min": "72",
        "comms_without_telecom__min": "1",
        "key_holders__min": "2",
        "open_within__max": "60",
        "drinking_water__min": "1",
        "generator_test__max": "365",
        "note": "Besluit AB 12 maart",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != "off"}


def test_it_saves_a_new_norm_profile_version_and_reassesses(cast: Cast, net: Network) -> None:
    client = _client(cast.rianne)
    response = client.post(_url("norm"), _profile_form(power_autonomy__min="120"))
    assert response.status_code == 302
    profile = NormProfile.objects.current_for(cast.region)
    assert profile is not None and profile.version == 2 and profile.created_by == cast.rianne
    assert next(r for r in profile.rules if r["id"] == "power_autonomy")["min"] == 120
    net.ready.refresh_from_db()
    assert net.ready.norm_result == NormResult.FAIL and net.ready.norm_gaps == ["power_autonomy"]
    page = client.get(_url("norm")).content.decode()
    assert "minstens 120 uur" in page and "Besluit AB 12 maart" in page

    # Switching the rule off makes the point pass again, and it can be switched on later.
    client.post(_url("norm"), _profile_form(power_autonomy__on="off", note="Even uit"))
    net.ready.refresh_from_db()
    assert net.ready.norm_result == NormResult.PASS
    assert NormProfile.objects.current_for(cast.region).version == 3  # type: ignore[union-attr]
    assert 'name="power_autonomy__on"' in client.get(_url("norm")).content.decode()


def test_it_needs_a_note_and_refuses_norm_edits_to_others(cast: Cast, net: Network) -> None:
    client = _client(cast.rianne)
    response = client.post(_url("norm"), _profile_form(note=""))
    assert response.status_code == 400 and "note" in response.context["form"].errors
    for persona in (cast.olaf, cast.kees):
        assert _client(persona).post(_url("norm"), _profile_form()).status_code == 403
        assert 'name="note"' not in _client(persona).get(_url("norm")).content.decode()
    assert NormProfile.objects.filter(region=cast.region).count() == 1


# Inspections ---------------------------------------------------------------------------------


def test_it_records_an_inspection_with_tasks_and_the_generator_test(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.olaf)
    today = timezone.localdate()
    due = today + dt.timedelta(days=14)
    response = client.post(
        _url("inspect", "OSS-02"),
        {
            "visited_on": today.isoformat(),
            "check_power_autonomy": "on",
            "generator_tested": "on",
            "findings": "Geen loper afgesproken; rolstoelhelling ontbreekt.",
            "task_1_description": "Loper afspreken met de buurtvereniging",
            "task_1_owner": "Olaf",
            "task_1_due_date": due.isoformat(),
            "task_2_description": "Helling bij de zij-ingang plaatsen",
            "task_2_owner": "Gemeente Oss, vastgoed",
            "task_2_due_date": due.isoformat(),
        },
    )
    assert response.status_code == 302
    net.gaps.refresh_from_db()
    assert net.gaps.generator_last_test == today
    inspection = net.gaps.inspections.get()
    assert inspection.checklist["power_autonomy"] is True
    assert inspection.checklist["wheelchair"] is False
    assert inspection.inspector == cast.olaf
    tasks = list(net.gaps.tasks.order_by("description"))
    assert [t.owner for t in tasks] == ["Gemeente Oss, vastgoed", "Olaf"]
    page = client.get(_url("detail", "OSS-02")).content.decode()
    assert "Loper afspreken met de buurtvereniging" in page
    assert _url("task-done", "OSS-02", tasks[0].pk) in page

    client.post(_url("task-done", "OSS-02", tasks[0].pk))
    tasks[0].refresh_from_db()
    assert tasks[0].status == TaskStatus.DONE and tasks[0].done_at is not None


def test_it_asks_for_the_whole_finding_and_refuses_a_future_visit(cast: Cast, net: Network) -> None:
    client = _client(cast.olaf)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        _url("inspect", "OSS-02"),
        {"visited_on": tomorrow.isoformat(), "task_1_description": "Iets"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"task_1_owner", "task_1_due_date"}
    response = client.post(_url("inspect", "OSS-02"), {"visited_on": tomorrow.isoformat()})
    assert "visited_on" in response.context["form"].errors
    assert not net.gaps.inspections.exists()


# Readiness -----------------------------------------------------------------------------------


def test_it_shows_readiness_per_municipality_with_gaps_and_coverage(
    cast: Cast, net: Network
) -> None:
    response = _client(cast.kees).get(_url("readiness"))
    rows = {r.code: r for r in response.context["rows"]}
    oss, vught = rows["GM0828"], rows["GM0865"]
    assert (oss.coordination, oss.local, oss.candidates) == (1, 2, 1)
    assert (oss.passing, oss.failing, oss.unknown) == (1, 2, 0)
    assert oss.active == 3 and oss.needed == 2 and oss.per_5000 == 1.5
    assert (vught.coordination, vught.local) == (1, 1)
    body = response.content.decode()
    assert "Sleutelhouders dag en nacht bereikbaar (2)" in body
    assert "standaardwaarde, geen landelijke norm" in body
    assert response.context["total"].passing == 1


def test_it_starts_a_municipal_officers_readiness_with_her_own_municipality(
    cast: Cast, net: Network
) -> None:
    # Vera is Vught's officer: Vught first; Kees (the region's) reads them by name.
    vera = [r.code for r in _client(cast.vera).get(_url("readiness")).context["rows"]]
    kees = [r.code for r in _client(cast.kees).get(_url("readiness")).context["rows"]]
    assert vera == ["GM0865", "GM0828"] and kees == ["GM0828", "GM0865"]


def test_it_shows_one_municipalitys_points_and_their_gaps(cast: Cast, net: Network) -> None:
    response = _client(cast.vera).get(_url("readiness-municipality", "GM0828"))
    body = response.content.decode()
    assert [row.point.code for row in response.context["rows"]] == ["CP-OSS", "OSS-01", "OSS-02"]
    assert "Toegankelijk voor rolstoelen" in body
    assert "KAND-01" not in body


def test_it_shows_why_a_weak_generator_does_not_count(cast: Cast, net: Network) -> None:
    services.save_point(
        region=cast.region, point=net.ready, data={"generator_kw": 5.0, "power_need_kw": 20.0}
    )
    body = _client(cast.kees).get(_url("detail", "OSS-01")).content.decode()
    assert "Aggregaat: 5 kW is minder dan de benodigde 20 kW" in body
    assert "300 liter" not in body.split("Aggregaat: 5 kW")[1][:200]


def test_it_finds_a_new_points_location_from_its_address(cast: Cast, net: Network) -> None:
    from paraat.areas.constants import AreaKind
    from paraat.testing import factories

    area = factories.AreaFactory(
        municipality=cast.oss,
        kind=AreaKind.PC6,
        code="5341AB",
        centre_rd=(geometry.OSS_RD[0] + 300, geometry.OSS_RD[1] + 300),
    )
    client = _client(cast.olaf)
    data = {
        "code": "OSS-04",
        "name": "Buurthuis De Pijp",
        "tier": "local",
        "lifecycle": "designated",
        "coordination_point": "CP-OSS",
        "building_type": "community_centre",
        "street": "Kerkstraat",
        "house_number": "12",
        "postcode": "5341 AB",
        "lat": "",
        "lon": "",
    }
    # "Find the location from the address" fills it in and saves nothing.
    page = client.post(_url("create"), {**data, "locate": "1"})
    assert page.status_code == 200 and not SupportPoint.objects.filter(code="OSS-04").exists()
    html = page.content.decode()
    assert "Locatie van 5341AB ingevuld uit het midden van het 6-cijferige postcodegebied" in html
    lon, lat = area.point_lon, area.point_lat  # the postcode area's inner point
    assert f"{lat:.6f}".replace(".", ",") in html  # as a Dutch reader types it
    # Saving with the location still empty takes it from the address too, and says so.
    response = client.post(_url("create"), data, follow=True)
    point = SupportPoint.objects.get(code="OSS-04")
    assert abs(point.lon - lon) < 1e-6 and abs(point.lat - lat) < 1e-6
    assert point.municipality == cast.oss
    assert (
        "De locatie is genomen uit het midden van het 6-cijferige postcodegebied"
        in response.content.decode()
    )
    # An address nobody knows: the form says what to give instead.
    unknown = client.post(_url("create"), {**data, "code": "OSS-05", "postcode": "9999ZZ"})
    assert unknown.status_code == 400
    assert "of een postcode en huisnummer" in unknown.content.decode()
