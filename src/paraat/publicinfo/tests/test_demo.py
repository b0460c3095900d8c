from __future__ import annotations

import pytest

from paraat.publicinfo import demo
from paraat.publicinfo.constants import AdviceLanguage, AdvicePhase, Risk
from paraat.publicinfo.models import ActionAdvice
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_loads_the_advice_for_the_demo_region_once(cast: Cast) -> None:
    expected = len(Risk.values) * len(AdvicePhase.values) * len(AdviceLanguage.values)
    assert demo.load() == [
        f"{expected} adviesteksten voor inwoners geladen (/public/ toont de publiekssite)"
    ]
    demo.load()
    assert ActionAdvice.objects.filter(region=cast.region).count() == expected
