from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paraat.community import services
from paraat.community.constants import VolunteerOrigin, VolunteerState
from paraat.community.models import Certificate, Volunteer
from paraat.community.tests.factories import make_volunteer, postcode_at
from paraat.core.audit import acting_as
from paraat.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_places_a_volunteer_by_her_postcode(cast):
    code = postcode_at(cast, 1_000)
    volunteer = services.register_volunteer(
        region=cast.region, data={"name": "Anna", "phone": "0612345678", "postcode": f" {code} "}
    )
    assert volunteer.municipality == cast.oss
    assert volunteer.postcode == code
    assert volunteer.x_rd == pytest.approx(165_000, abs=1)
    assert volunteer.state == VolunteerState.ACTIVE
    assert volunteer.address == ""


def test_it_refuses_a_postcode_outside_the_region(cast):
    with pytest.raises(ValidationError) as error:
        services.register_volunteer(
            region=cast.region, data={"name": "Anna", "phone": "06", "postcode": "9999"}
        )
    assert "postcode" in error.value.message_dict
    assert not Volunteer.objects.exists()


def test_it_refuses_a_volunteer_without_any_contact(cast):
    with pytest.raises(ValidationError) as error:
        services.register_volunteer(
            region=cast.region, data={"name": "Anna", "postcode": postcode_at(cast, 0)}
        )
    assert "email" in error.value.message_dict


def test_it_keeps_an_officer_to_his_own_municipalities(cast):
    vught_code = postcode_at(cast, 0, municipality=cast.vught)
    with pytest.raises(ValidationError):
        services.register_volunteer(
            region=cast.region,
            data={"name": "Anna", "phone": "06", "postcode": vught_code},
            within={cast.oss.pk},
        )
    assert not Volunteer.objects.exists()


def test_it_stores_nothing_without_consent(cast):
    with pytest.raises(ValidationError) as error:
        services.self_register(
            region=cast.region,
            data={"name": "Anna", "email": "anna@example.nl", "postcode": postcode_at(cast, 0)},
            consent=False,
        )
    assert "consent" in error.value.message_dict
    assert not Volunteer.objects.exists()


def test_it_keeps_a_self_registered_volunteer_unconfirmed_until_she_confirms(cast):
    volunteer = services.self_register(
        region=cast.region,
        data={"name": "Anna", "email": "anna@example.nl", "postcode": postcode_at(cast, 0)},
        consent=True,
    )
    assert volunteer.state == VolunteerState.UNCONFIRMED
    assert volunteer.origin == VolunteerOrigin.SELF
    assert volunteer.consent_at is not None
    services.confirm_volunteer(volunteer=volunteer)
    assert Volunteer.objects.get().state == VolunteerState.ACTIVE


def test_it_counts_a_certified_skill_only_with_a_valid_certificate(cast):
    valid = make_volunteer(cast, "Anna")
    make_volunteer(cast, "Bart", certified=False)
    make_volunteer(cast, "Carla", skills=("driving",))
    today = timezone.localdate()
    assert list(Volunteer.objects.with_skill("first_aid", today)) == [valid]
    assert Volunteer.objects.with_skill("driving", today).count() == 1


def test_it_keeps_personal_data_out_of_the_audit_trail_and_erases_it(cast):
    with acting_as(cast.olaf):
        volunteer = make_volunteer(cast, "Annabel", phone="0611122233", address="Kerkstraat 1")
        services.update_volunteer(volunteer=volunteer, data={"phone": "0699988877"})
        services.log_view(volunteer=volunteer, note="test")
        services.erase_volunteer(volunteer=volunteer)
    assert not Volunteer.objects.exists()
    assert not Certificate.objects.exists()
    trail = " ".join(
        f"{e.object_repr} {e.before} {e.after} {e.note}"
        for e in AuditEntry.objects.filter(model__startswith="community.")
    )
    assert "volunteer #" in trail
    for secret in ("Annabel", "annabel@example.nl", "0611122233", "0699988877", "Kerkstraat"):
        assert secret not in trail
    change = AuditEntry.objects.get(model="community.volunteer", action="update")
    assert change.note == "personal data changed: phone"


def test_it_tells_volunteer_and_officer_once_about_an_expiring_certificate(
    cast, django_capture_on_commit_callbacks, mailoutbox
):
    cast.olaf.email = "olaf@oss.nl"
    cast.olaf.save()
    volunteer = make_volunteer(cast, "Anna")
    today = timezone.localdate()
    Certificate.objects.filter(volunteer=volunteer).update(expires_on=today + dt.timedelta(20))
    make_volunteer(cast, "Bart")  # valid for a year: not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_expiring_certificates(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_expiring_certificates(today=today) == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.nl", "olaf@oss.nl"]


def test_it_gives_notice_before_erasing_inactive_volunteers(
    cast, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.PARAAT_VOLUNTEER_RETENTION_DAYS = 365
    settings.PARAAT_VOLUNTEER_NOTICE_DAYS = 30
    idle = make_volunteer(cast, "Idle")
    busy = make_volunteer(cast, "Busy")
    now = timezone.now()
    Volunteer.objects.filter(pk=idle.pk).update(last_active_at=now - dt.timedelta(days=400))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.apply_retention(now=now) == {"notified": 1, "erased": 0}
    assert [m.to for m in mailoutbox] == [["idle@example.nl"]]
    assert services.apply_retention(now=now + dt.timedelta(days=10)) == {"notified": 0, "erased": 0}
    assert services.apply_retention(now=now + dt.timedelta(days=31)) == {"notified": 0, "erased": 1}
    assert list(Volunteer.objects.all()) == [busy]
