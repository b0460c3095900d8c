"""The one-line status codec: round trips, refusals with reasons, and fuzzing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paraat.operations.statusline import (
    AMSTERDAM,
    NEED_LETTERS,
    SERVICE_LETTERS,
    StatusLine,
    StatusLineError,
    blank_card,
    check_character,
    make_line,
    parse_line,
    spoken,
)

REFERENCE = dt.datetime(2026, 11, 22, 15, 0, tzinfo=AMSTERDAM)
SAMPLE = StatusLine(
    "OSS-03",
    dt.time(14, 30),
    "OPEN",
    frozenset({"INFORMATION", "FIRST_AID", "DRINKING_WATER"}),
    35,
    18,
    frozenset({"FUEL", "DRINKING_WATER"}),
    22,
)

statuses = st.builds(
    StatusLine,
    point_code=st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,11}", fullmatch=True),
    time=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    state=st.sampled_from(["OPEN", "LIMITED", "FULL", "CLOSED"]),
    services=st.frozensets(st.sampled_from(sorted(SERVICE_LETTERS.values()))),
    visitors=st.one_of(st.none(), st.integers(0, 99_999)),
    fuel_hours=st.one_of(st.none(), st.integers(0, 9_999)),
    needs=st.frozensets(st.sampled_from(sorted(NEED_LETTERS.values()))),
    day=st.one_of(st.none(), st.integers(1, 22)),
)


def test_it_reads_back_what_it_writes_for_the_card() -> None:
    line = make_line(SAMPLE)
    assert line.startswith("P1 OSS-03 221430 OPEN SENW V35 F18 NFW C")
    parsed = parse_line(line, reference=REFERENCE)
    assert parsed.status == SAMPLE and parsed.at == dt.datetime(
        2026, 11, 22, 14, 30, tzinfo=AMSTERDAM
    )


def test_it_is_forgiving_about_case_and_spaces_and_english_states() -> None:
    line = make_line(SAMPLE)
    assert (
        parse_line("  " + line.lower().replace(" ", "   ") + " ", reference=REFERENCE).status
        == SAMPLE
    )
    limited = make_line(StatusLine("P7", dt.time(9, 5), "LIMITED"))
    assert parse_line(limited, reference=REFERENCE).status.state == "LIMITED"


@settings(max_examples=300, deadline=None)
@given(statuses)
def test_it_round_trips_any_status(status: StatusLine) -> None:
    reference = dt.datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    assert parse_line(make_line(status), reference=reference).status == status


@pytest.mark.parametrize(
    "status",
    [
        SAMPLE,
        StatusLine(
            "KZ-VUG", dt.time(0, 5), "CLOSED", frozenset(), None, None, frozenset({"OTHER"})
        ),
    ],
)
def test_it_refuses_every_single_wrong_character_and_every_neighbour_swap(
    status: StatusLine,
) -> None:
    line = make_line(status)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-*"
    accepted = []
    for i, original in enumerate(line):
        if original == " ":
            continue
        for replacement in alphabet:
            if replacement != original:
                mutated = line[:i] + replacement + line[i + 1 :]
                try:
                    if parse_line(mutated, reference=REFERENCE).status != status:
                        accepted.append(mutated)
                except StatusLineError:
                    pass
        if i + 1 < len(line) and line[i + 1] not in (" ", original):
            swapped = line[:i] + line[i + 1] + original + line[i + 2 :]
            with pytest.raises(StatusLineError):
                parse_line(swapped, reference=REFERENCE)
    assert accepted == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("P1OSS-0322 CDNVFWEX*4AZ9"), max_size=90))
def test_it_never_crashes_on_random_lines(text: str) -> None:
    try:
        parse_line(text, reference=REFERENCE)
    except StatusLineError as error:
        assert error.message_nl and error.message_en and error.field


@settings(max_examples=300, deadline=None)
@given(statuses, st.integers(0, 60), st.sampled_from("0123456789ABCDEFGHJKLMNPRTUVWXY- "))
def test_it_never_silently_reads_a_mutated_line_as_another_status(
    status: StatusLine, index: int, char: str
) -> None:
    reference = dt.datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    line = make_line(status)
    mutated = line[: index % len(line)] + char + line[index % len(line) + 1 :]
    try:
        parsed = parse_line(mutated, reference=reference)
    except StatusLineError:
        return
    assert parsed.status == status  # only harmless changes (extra spaces, case) may pass


@pytest.mark.parametrize(
    ("line", "field", "fragment"),
    [
        ("", "line", "leeg"),
        ("P2 OSS-03 1430 OPEN S- V- F- N- C0", "version", "P1"),
        ("P1 OSS-03 1430 OPEN", "services", "onvolledig"),
        ("P1 OSS-03 1480 OPEN S- V- F- N- C0", "time", "bestaat niet"),
        ("P1 OSS-03 1430 OPNE S- V- F- N- C0", "state", "Onbekende toestand"),
        ("P1 OSS-03 1430 OPEN SQ V- F- N- C0", "services", "Onbekende letter 'Q'"),
        ("P1 OSS-03 1430 OPEN SEE V- F- N- C0", "services", "twee keer"),
        ("P1 OSS-03 1430 OPEN S- VAB F- N- C0", "visitors", "getal"),
        ("P1 OSS-03 1430 OPEN S- V- F- NB C0", "needs", "Onbekende letter 'B'"),
        ("P1 OSS-03 1430 OPEN S- V- F- N- CXX", "check", "controleteken"),
        ("P1 OSS-03 1430 OPEN S- V- F- N- C0 EXTRA", "line", "verwacht 9"),
    ],
)
def test_it_says_what_is_wrong(line: str, field: str, fragment: str) -> None:
    with pytest.raises(StatusLineError) as error:
        parse_line(line, reference=REFERENCE)
    assert error.value.field == field
    assert fragment.lower() in error.value.message_nl.lower()


def test_it_says_which_check_character_it_expected() -> None:
    line = make_line(SAMPLE)
    wrong = "0" if line[-1] != "0" else "1"
    with pytest.raises(StatusLineError, match=f"verwacht '{line[-1]}'"):
        parse_line(line[:-1] + wrong, reference=REFERENCE)


def test_it_resolves_times_around_midnight_and_month_ends() -> None:
    just_after_midnight = dt.datetime(2026, 11, 23, 0, 10, tzinfo=AMSTERDAM)
    late = make_line(StatusLine("P", dt.time(23, 55), "OPEN"))
    assert parse_line(late, reference=just_after_midnight).at == dt.datetime(
        2026, 11, 22, 23, 55, tzinfo=AMSTERDAM
    )
    thirty_first = make_line(StatusLine("P", dt.time(22, 0), "OPEN", day=31))
    assert parse_line(
        thirty_first, reference=dt.datetime(2026, 11, 1, 1, 0, tzinfo=AMSTERDAM)
    ).at.date() == dt.date(2026, 10, 31)
    slightly_ahead = make_line(StatusLine("P", dt.time(15, 10), "OPEN"))
    assert parse_line(slightly_ahead, reference=REFERENCE).at.date() == dt.date(2026, 11, 22)


def test_it_spells_a_line_for_the_radio_and_prints_a_blank_card() -> None:
    words = spoken(make_line(SAMPLE))
    assert words.startswith(
        "Papa Een / Oscar Sierra Sierra Streep Nul Drie / Twee Twee Een Vier Drie Nul / Open"
    )
    assert blank_card("oss-03").startswith("P1 OSS-03 DDUUMM")


def test_it_uses_mod_37_2_so_the_weighted_sum_is_one() -> None:
    payload = "P1 OSS-03 1430 OPEN S- V- F- N-"
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
    total = 0
    for char in payload.replace(" ", ""):
        total = ((total + digits.index(char)) * 2) % 37
    check = check_character(payload)
    value = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*".index(check)
    assert (total + value) % 37 == 1


LINE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-* "


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_it_never_crashes_on_any_text_at_all(text: str) -> None:
    try:
        parse_line(text, reference=REFERENCE)
    except StatusLineError as error:
        assert error.message_nl and error.message_en and error.field


@settings(max_examples=400, deadline=None)
@given(statuses, st.integers(0, 200), st.sampled_from(LINE_CHARS), st.sampled_from(["sub", "swap"]))
def test_it_never_reads_a_line_with_one_typo_or_swap_as_another_status(
    status: StatusLine, index: int, char: str, kind: str
) -> None:
    """The check character's promise: one wrong character, or two neighbours swapped, is refused
    (or is harmless, like a change of case)."""
    reference = dt.datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    line = make_line(status)
    i = index % len(line)
    if kind == "sub":
        mutated = line[:i] + char + line[i + 1 :]
    else:
        i = min(i, len(line) - 2)
        mutated = line[:i] + line[i + 1] + line[i] + line[i + 2 :]
    try:
        parsed = parse_line(mutated, reference=reference)
    except StatusLineError as error:
        assert error.message_nl and error.field
        return
    assert parsed.status == status


@settings(max_examples=400, deadline=None)
@given(
    statuses,
    st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "sub"]),
            st.integers(0, 200),
            st.sampled_from(LINE_CHARS),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_it_answers_every_mangled_line_with_a_status_or_a_reason(
    status: StatusLine, edits: list[tuple[str, int, str]]
) -> None:
    """Dropped, doubled and wrong characters, several at once: a status or a refusal, never a crash,
    and an accepted line always reads as a line that carries its own valid check character."""
    reference = dt.datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    line = make_line(status)
    for kind, index, char in edits:
        i = index % (len(line) + 1)
        if kind == "insert":
            line = line[:i] + char + line[i:]
        elif kind == "delete":
            line = line[:i] + line[i + 1 :]
        else:
            line = line[:i] + char + line[i + 1 :]
    try:
        parsed = parse_line(line, reference=reference)
    except StatusLineError as error:
        assert error.message_nl and error.message_en and error.field
        return
    assert make_line(parsed.status) == parsed.line


def test_it_reads_the_examples_in_the_format_document_as_they_say() -> None:
    """docs/status-line.md is the specification: its example and its refusals must hold."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[4] / "docs/status-line.md").read_text()
    example = "P1 OSS-03 221430 OPEN SENW V35 F18 NFW CR"
    assert example in doc
    parsed = parse_line(example, reference=REFERENCE)
    assert parsed.status == SAMPLE
    assert spoken(example) in " ".join(doc.replace(">", "").split())
    with pytest.raises(StatusLineError, match="verwacht 'U', ontvangen 'R'"):
        parse_line("P1 OSS-03 221430 OPEN SENW V53 F18 NFW CR", reference=REFERENCE)
    assert "verwacht 'U', ontvangen 'R'" in doc
