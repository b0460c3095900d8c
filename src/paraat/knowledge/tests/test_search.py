"""Dutch full-text search: a word only inside an uploaded PDF is found; stems meet (runs on the
database of the run, so on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest

from paraat.knowledge import samples, search, services
from paraat.knowledge.models import KnowledgeItem
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _add(cast: Cast, title: str, pdf_text: str) -> KnowledgeItem:
    return services.add_item(
        region=cast.region, user=cast.rianne, data={"kind": "document", "title": title},
        upload=services.Upload("verslag.pdf", samples.pdf("Verslag", [pdf_text])),
    )  # fmt: skip


def test_it_finds_a_word_that_occurs_only_inside_an_uploaded_pdf(cast: Cast):
    item = _add(cast, "Verslag overleg", "De brandweerkazerne krijgt een zonnepaneeldak.")
    _add(cast, "Ander verslag", "Over iets heel anders.")
    found = search.search(KnowledgeItem.objects.in_region(cast.region), "zonnepaneeldak")
    assert found == [item]


def test_it_finds_the_singular_when_searching_the_plural(cast: Cast):
    item = _add(cast, "Draaiboek", "Na de oefening krijgt elk noodsteunpunt een aggregaat.")
    assert search.search(KnowledgeItem.objects.all(), "oefeningen") == [item]
    assert search.search(KnowledgeItem.objects.all(), "noodsteunpunten aggregaten") == [item]


def test_it_needs_every_word_and_ignores_search_operators(cast: Cast):
    item = _add(cast, "Noodwater", "Uitgifte van drinkwater bij de sporthal.")
    everything = KnowledgeItem.objects.all()
    assert search.search(everything, "drinkwater sporthal") == [item]
    assert search.search(everything, "drinkwater zwembad") == []
    assert search.search(everything, 'drinkwater" OR NOT (x') == []
    assert search.search(everything, "***") == []


def test_it_searches_titles_descriptions_and_tags(cast: Cast):
    item = services.add_item(
        region=cast.region, user=cast.rianne,
        data={"kind": "link", "title": "Denk vooruit", "url": "https://example.org/",
              "description": "Handelingsperspectief bij stroomstoring", "tags": "noodpakket"},
    )  # fmt: skip
    everything = KnowledgeItem.objects.all()
    assert search.search(everything, "stroomstoringen") == [item]
    assert search.search(everything, "noodpakket") == [item]
