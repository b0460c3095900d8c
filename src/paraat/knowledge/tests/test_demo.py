"""The demo has two knowledge sessions with documents, all marked as invented."""

from __future__ import annotations

import pytest

from paraat.core.audit import acting_as
from paraat.knowledge import demo, search
from paraat.knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db


def test_it_loads_two_invented_knowledge_sessions_with_documents():
    from paraat.testing import factories

    factories.RegionFactory()
    with acting_as(None, "test"):
        demo.load()
        assert demo.load() == ["kennisitems al aanwezig"]
    sessions = KnowledgeItem.objects.filter(kind="knowledge_session")
    assert sessions.count() == 2 and all(s.has_file for s in sessions)
    assert all("Verzonnen" in i.description or "verzonnen" in i.title for i in sessions)
    found = search.search(KnowledgeItem.objects.all(), "noodaggregaat")
    assert [i.title for i in found] == ["Kennissessie langdurige stroomuitval"]
