"""The readability check (Flesch–Douma for Dutch) and the shipped advice library at B1."""

from __future__ import annotations

import pytest

from paraat.publicinfo import advice as library
from paraat.publicinfo import readability
from paraat.publicinfo.constants import AdvicePhase, Risk


def test_it_counts_dutch_syllables_with_a_diaeresis() -> None:
    assert readability.syllables_nl("ideeën") == 3  # i-dee-ën
    assert readability.syllables_nl("stroom") == 1
    assert readability.syllables_nl("noodsteunpunt") == 3


def test_it_flags_long_sentences_and_long_words() -> None:
    hard = (
        "Wij adviseren huishoudens nadrukkelijk om voorafgaand aan de verwachte "
        "energievoorzieningsproblematiek voldoende noodverlichtingsvoorzieningen en "
        "voedselvoorraden in huis te hebben zodat men zelfredzaam blijft."
    )
    report = readability.assess(hard, "nl")
    kinds = {w.kind for w in report.warnings}
    assert {"long_sentence", "long_word", "score"} <= kinds
    assert not report.passes
    easy = readability.assess("Houd de deur dicht. Zo blijft de warmte binnen.", "nl")
    assert easy.passes
    assert easy.score > 60


def test_it_ships_every_risk_and_phase_in_both_languages() -> None:
    found = {(a.risk, a.phase, a.language) for a in library.shipped_advice()}
    expected = {
        (r, p, lang) for r in Risk.values for p in AdvicePhase.values for lang in ["nl", "en"]
    }
    assert found == expected


@pytest.mark.parametrize(
    "text", [a for a in library.shipped_advice()], ids=lambda a: f"{a.risk}-{a.phase}-{a.language}"
)
def test_it_ships_texts_that_pass_the_b1_checks(text: library.ShippedAdvice) -> None:
    report = readability.assess(f"{text.title}.\n{text.body}", text.language)
    assert report.passes, report.warnings
    assert set(text.sources) <= set(library.source_names())
