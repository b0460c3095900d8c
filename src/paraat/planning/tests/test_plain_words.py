"""Planning pages in plain words: the run's own number of sites, the method only in the details,
one calculation time, shares as percentages and a note where a total differs from CBS's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from paraat.planning import explain, services
from paraat.planning.constants import OptimisationModel
from paraat.planning.tests.planning_setup import Plan
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _page(cast: Cast, name: str, pk: int) -> str:
    client = Client()
    client.force_login(cast.rianne)
    return client.get(reverse(name, args=[pk])).content.decode()


def test_it_names_the_number_of_new_sites_and_keeps_the_method_in_the_details(
    cast: Cast, plan: Plan
) -> None:
    run = services.run_optimisation(
        region=cast.region, model=OptimisationModel.MCLP, k=2, time_limit=5
    )
    page = _page(cast, "planning:optimisation", run.pk)
    assert "Meeste inwoners binnen bereik met 2 nieuwe locaties" in page
    assert "met k nieuwe locaties" not in page.split("<details")[0]
    main, details = page.split("<details", 1)
    assert run.figures["method"] not in main and run.figures["method"] in details
    assert main.count(" s</dd>") == 1  # one calculation time


def test_it_shows_shares_as_percentages_with_one_decimal(cast: Cast, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, user=cast.rianne)
    page = _page(cast, "planning:coverage", run.pk)
    share = run.figures["share"]
    with translation.override("nl"):
        assert explain.percent(0.019) == "1,9%"
        assert explain.percent(share) in page
    assert f"{share:.4f}".replace(".", ",") not in page


def test_it_notes_a_total_that_differs_from_the_cbs_population(cast: Cast, plan: Plan) -> None:
    run = services.run_coverage(region=cast.region, user=cast.rianne)
    cbs = cast.oss.population + cast.vught.population
    page = _page(cast, "planning:coverage", run.pk)
    difference = cbs - round(run.figures["total"])
    assert difference > 0
    with translation.override("nl"):
        number = explain.number(difference)
    assert f"{number} minder dan het CBS-inwonertal" in page
    report = _page(cast, "planning:coverage-report", run.pk)
    assert f"{number} minder dan het CBS-inwonertal" in report


def test_it_says_nothing_when_the_totals_agree() -> None:
    assert explain.total_note(664_472.2, 664_472, "Brabant-Noord") == ""
    with translation.override("en"):
        note = explain.total_note(664_455, 664_472, "Brabant-Noord")
    assert "17 fewer than the CBS population of Brabant-Noord (664,472)" in note
