"""`paraat demo` leaves today's coverage and a proposal for the next 10 sites in the demo region."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from paraat.planning.models import CoverageRun, OptimisationRun

pytestmark = pytest.mark.django_db


def test_it_leaves_a_coverage_run_and_a_proposal_for_10_sites() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    coverage = CoverageRun.objects.get()
    assert coverage.region.code == "VR21" and 0 < coverage.figures["share"] < 1
    proposal = OptimisationRun.objects.get()
    sites = proposal.figures["selected"]
    assert len(sites) == 10
    assert all(site["adds"] > 0 for site in sites)
    assert [s["adds"] for s in sites] == sorted((s["adds"] for s in sites), reverse=True)
    assert proposal.time_limit <= 5
    assert "voorstel voor 10 nieuwe locaties" in out.getvalue()
