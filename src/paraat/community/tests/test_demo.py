"""The demo region gets synthetic volunteers that are clearly invented and can be called out."""

from __future__ import annotations

import pytest
from django.utils import timezone

from paraat.community import demo
from paraat.community.models import PointStaffing, Volunteer
from paraat.core.audit import acting_as

pytestmark = pytest.mark.django_db


def test_it_loads_invented_volunteers_near_the_demo_points():
    from paraat.areas import demo as areas_demo
    from paraat.supportpoints import demo as points_demo

    with acting_as(None, "test"):
        areas_demo.load_demo_region()
        points_demo.load()
        lines = demo.load()
        assert demo.load() == ["vrijwilligers al aanwezig"]
    assert lines == ["240 verzonnen vrijwilligers (e-mail op .invalid, geen telefoonnummers)"]
    volunteers = Volunteer.objects.all()
    assert volunteers.count() == demo.COUNT
    assert all(
        v.name.startswith("Verzonnen ") and v.email.endswith(".invalid") and not v.phone
        for v in volunteers
    )
    assert Volunteer.objects.filter(points__isnull=False).distinct().count() > demo.COUNT // 2
    assert Volunteer.objects.with_skill("first_aid", timezone.localdate()).count() > 20
    assert PointStaffing.objects.count() > 40
