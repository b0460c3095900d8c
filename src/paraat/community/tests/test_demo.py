"""The demo region gets synthetic volunteers that are clearly invented and can be called out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from paraat.community import demo
from paraat.community.models import PointStaffing, Volunteer
from paraat.core.audit import acting_as
from paraat.testing.shared_rows import rows_for_module

pytestmark = pytest.mark.django_db


def _load_region_and_points() -> None:
    from paraat.areas import demo as areas_demo
    from paraat.supportpoints import demo as points_demo

    with acting_as(None, "test"):
        areas_demo.load_demo_region()
        points_demo.load()


@pytest.fixture(scope="module")
def demo_points(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo region and its points, loaded once for this module; each test loads the
    community's demo on top (rolled back after it)."""
    yield from rows_for_module(django_db_blocker, _load_region_and_points)


def test_it_loads_invented_volunteers_near_the_demo_points(demo_points: None) -> None:
    with acting_as(None, "test"):
        lines = demo.load()
        assert demo.load() == ["vrijwilligers al aanwezig", "partners al aanwezig"]
    assert lines[0] == "240 verzonnen vrijwilligers (e-mail op .invalid, geen telefoonnummers)"
    assert lines[1].startswith("7 verzonnen partners")
    volunteers = Volunteer.objects.all()
    assert volunteers.count() == demo.COUNT
    assert all(
        v.name.startswith("Verzonnen ") and v.email.endswith(".invalid") and not v.phone
        for v in volunteers
    )
    assert Volunteer.objects.filter(points__isnull=False).distinct().count() > demo.COUNT // 2
    assert Volunteer.objects.with_skill("first_aid", timezone.localdate()).count() > 20
    assert PointStaffing.objects.count() > 40


def test_it_loads_invented_partners_with_suppressed_client_counts(demo_points: None) -> None:
    from paraat.community.models import Partner, PartnerContact
    from paraat.community.partners import power_dependent_in_region

    with acting_as(None, "test"):
        demo.load()
    found = Partner.objects.all()
    assert found.count() == len(demo.PARTNERS)
    assert all("Verzonnen" in p.name and "(demo)" in p.name for p in found)
    assert all(c.email.endswith(".invalid") for c in PartnerContact.objects.all())
    assert Partner.objects.review_overdue(timezone.localdate()).count() == 1
    rows = power_dependent_in_region(Partner.objects.first().region)
    assert rows and all(r["total"] is None or r["total"] >= 10 for r in rows)
