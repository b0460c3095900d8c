"""The NL-Alert-style cell broadcast text: Dutch, ***, English, within 15 pages."""

from __future__ import annotations

from paraat.alerts import nlalert
from paraat.alerts.nlalert import Part

NL = Part(
    "Stroomstoring in Oss",
    "De stroom is uitgevallen.",
    "- Houd deuren dicht.\n- Ga naar het noodsteunpunt.",
    "https://example.org",
)
EN = Part(
    "Power outage in Oss", "The power is out.", "- Keep doors closed.\n- Go to the support point."
)


def test_it_puts_dutch_first_then_three_stars_then_english() -> None:
    cell = nlalert.compose(NL, EN)
    assert cell.text == (
        "Stroomstoring in Oss\nDe stroom is uitgevallen.\n- Houd deuren dicht.\n"
        "- Ga naar het noodsteunpunt.\nMeer informatie: https://example.org\n***\n"
        "Power outage in Oss\nThe power is out.\n- Keep doors closed.\n- Go to the support point."
    )
    assert cell.encoding == "GSM-7" and cell.limit == 1395 and cell.fits
    assert not cell.shortened


def test_it_says_exercise_in_both_languages() -> None:
    text = nlalert.compose(NL, EN, status="Exercise").text
    assert text.startswith("OEFENING: Stroomstoring")
    assert "\n***\nEXERCISE: Power outage" in text


def test_it_counts_gsm_extension_characters_twice() -> None:
    assert nlalert.measure("€10") == (4, 1395, "GSM-7")
    assert nlalert.measure("één") == (3, 1395, "GSM-7")


def test_it_switches_to_the_ucs2_limit_for_other_characters() -> None:
    assert nlalert.measure("geïnformeerd") == (12, 615, "UCS-2")


def test_it_writes_typographic_quotes_and_dashes_plainly() -> None:
    cell = nlalert.compose(Part("Let op – “nu”", "x"), Part("Note", "y"))
    assert cell.text.startswith('Let op - "nu"')
    assert cell.encoding == "GSM-7"


def test_it_shortens_long_instructions_until_the_text_fits() -> None:
    lines = "\n".join(f"- Instructie nummer {i} met wat extra woorden erbij." for i in range(60))
    cell = nlalert.compose(
        Part("Kop", "Wat er gebeurt.", lines), Part("Head", "What happens.", lines)
    )
    assert cell.shortened and cell.fits
    assert cell.length <= 1395 and cell.pages <= 15
    assert "- Instructie nummer 0 " in cell.text
    assert "- Instructie nummer 59 " not in cell.text
    assert "\n***\n" in cell.text


def test_it_cuts_a_too_long_description_last() -> None:
    cell = nlalert.compose(Part("Kop", "woord " * 400), Part("Head", "word " * 400))
    assert cell.shortened and cell.fits
    assert "..." in cell.text
