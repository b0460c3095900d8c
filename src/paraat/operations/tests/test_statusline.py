"""The one-line status codec (format P2): round trips, refusals with reasons that never give the
right answer away, and an exhaustive single-edit fuzzer."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paraat.operations.statusline import (
    AMSTERDAM,
    NEED_LETTERS,
    NEED_VALUES,
    SERVICE_LETTERS,
    SERVICE_VALUES,
    SPELLING,
    StatusLine,
    StatusLineError,
    blank_card,
    card_mark,
    check_digit,
    code_problem,
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
EXAMPLE = "P2 OSS-03/9 221430 OPEN S3ENW V0035 F018 N2FW K0"
# A region's codes: neighbours that differ in one character, as real numbering schemes make them.
REGISTRY = frozenset(
    [f"OSS-{n:02d}" for n in range(1, 13)] + ["CP-OSS", "KZ-VUG", "VUG-01", "VUG-02", "P7"]
)
EDIT_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-*/ "

statuses = st.builds(
    StatusLine,
    point_code=st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,11}", fullmatch=True).filter(
        lambda c: code_problem(c) is None
    ),
    time=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    state=st.sampled_from(["OPEN", "LIMITED", "FULL", "CLOSED"]),
    services=st.frozensets(st.sampled_from(sorted(SERVICE_LETTERS.values()))),
    visitors=st.one_of(st.none(), st.integers(0, 9_999)),
    fuel_hours=st.one_of(st.none(), st.integers(0, 999)),
    needs=st.frozensets(st.sampled_from(sorted(NEED_LETTERS.values()))),
    day=st.integers(1, 22),
)

# Messages read in English here, with or without Django (docs/architecture.md).
pytestmark = pytest.mark.usefixtures("english_messages")


def single_edits(line: str) -> dict[str, list[str]]:
    """Every line one edit away: each character replaced by each other, each insertion, each
    deletion, and each space moved to every other place (a moved separator)."""
    edits: dict[str, list[str]] = {"substitution": [], "insertion": [], "deletion": [], "moved": []}
    for i, original in enumerate(line):
        edits["deletion"].append(line[:i] + line[i + 1 :])
        for char in EDIT_CHARS:
            if char != original:
                edits["substitution"].append(line[:i] + char + line[i + 1 :])
    for i in range(len(line) + 1):
        for char in EDIT_CHARS:
            edits["insertion"].append(line[:i] + char + line[i:])
    for i, original in enumerate(line):
        if original != " ":
            continue
        without = line[:i] + line[i + 1 :]
        for j in range(len(without) + 1):
            if j != i:
                edits["moved"].append(without[:j] + " " + without[j:])
    return edits


def wrong_accepts(status: StatusLine, lines: list[str], known: frozenset[str]) -> list[str]:
    """The lines read as another status than the one they were made from."""
    wrong = []
    for mutated in lines:
        try:
            parsed = parse_line(mutated, reference=REFERENCE, known_points=known)
        except StatusLineError:
            continue
        if parsed.status != status:
            wrong.append(mutated)
    return wrong


def test_it_reads_back_what_it_writes_for_the_card() -> None:
    line = make_line(SAMPLE)
    assert line == EXAMPLE
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
    limited = make_line(StatusLine("P7", dt.time(9, 5), "LIMITED", day=22))
    assert parse_line(limited, reference=REFERENCE).status.state == "LIMITED"
    english = limited.replace("BEPERKT", "LIMITED")
    assert parse_line(english, reference=REFERENCE).status.state == "LIMITED"


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
            "KZ-VUG",
            dt.time(0, 5),
            "CLOSED",
            frozenset(),
            None,
            None,
            frozenset({"OTHER"}),
            day=3,
        ),
        StatusLine(
            "OSS-11",
            dt.time(9, 59),
            "FULL",
            frozenset(SERVICE_LETTERS.values()),
            1234,
            795,
            frozenset(NEED_LETTERS.values()),
            day=21,
        ),
    ],
)
def test_it_reads_no_single_edit_as_another_status(status: StatusLine) -> None:
    """Exhaustive: every substitution, insertion, deletion and moved space is refused or harmless.

    Issue 10: format P1 read 0.63% of single edits as another valid status (fuel F795 as F75, a
    need lost from NNT) and did not see moved spaces at all.
    """
    line = make_line(status)
    edits = single_edits(line)
    assert sum(len(v) for v in edits.values()) > 3000
    result = {kind: wrong_accepts(status, lines, REGISTRY) for kind, lines in edits.items()}
    assert result == {"substitution": [], "insertion": [], "deletion": [], "moved": []}


def test_it_catches_a_dropped_or_added_character_without_knowing_the_points() -> None:
    """Without the registry, the fixed widths and letter counts alone catch what P1 missed; only
    the point code itself then relies on its card mark and the read-back."""
    line = make_line(
        StatusLine(
            "OSS-03",
            dt.time(14, 30),
            "OPEN",
            frozenset(),
            12,
            795,
            frozenset({"FUEL", "TRANSPORT", "INFORMATION"}),
            day=22,
        )  # fmt: skip
    )
    assert " F795 " in line and " N3FNT " in line
    for dropped in (line.replace(" F795 ", " F75 "), line.replace(" N3FNT ", " N3FT ")):
        with pytest.raises(StatusLineError):
            parse_line(dropped, reference=REFERENCE)
    code_end = line.index("/")
    edits = single_edits(line)
    outside_code = [
        m for kind in ("insertion", "deletion") for m in edits[kind] if m[:code_end] == line[:code_end]
    ]  # fmt: skip
    status = parse_line(line, reference=REFERENCE).status
    assert wrong_accepts(status, outside_code + edits["moved"], frozenset()) == []


@settings(max_examples=300, deadline=None)
@given(
    statuses,
    st.integers(0, 200),
    st.sampled_from(EDIT_CHARS),
    st.sampled_from(["sub", "insert", "delete"]),
)
def test_it_never_reads_a_random_status_with_one_edit_as_another(
    status: StatusLine, index: int, char: str, kind: str
) -> None:
    line = make_line(status)
    i = index % len(line)
    mutated = {
        "sub": line[:i] + char + line[i + 1 :],
        "insert": line[:i] + char + line[i:],
        "delete": line[:i] + line[i + 1 :],
    }[kind]
    reference = dt.datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    try:
        parsed = parse_line(mutated, reference=reference, known_points={status.point_code})
    except StatusLineError as error:
        assert error.message and error.field
        return
    assert parsed.status == status


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_it_never_crashes_on_any_text_at_all(text: str) -> None:
    try:
        parse_line(text, reference=REFERENCE)
    except StatusLineError as error:
        assert error.message and error.field


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("P2OSS-03/9 221430NVFWEK6*"), max_size=90))
def test_it_never_crashes_on_random_lines(text: str) -> None:
    try:
        parse_line(text, reference=REFERENCE)
    except StatusLineError as error:
        assert error.message and error.field


@pytest.mark.parametrize(
    ("line", "field", "fragment"),
    [
        ("", "line", "empty"),
        ("P1 OSS-03 1430 OPEN S- V- F- N- C0", "version", "P2"),
        ("P2 OSS-03/9 221430 OPEN", "services", "incomplete"),
        ("P2 OSS-03 221430 OPEN S0 V- F- N0 K0", "point", "card mark"),
        ("P2 OSS-03/Q 221430 OPEN S0 V- F- N0 K0", "point", "card mark"),
        ("P2 OSS-03/9 1430 OPEN S0 V- F- N0 K0", "time", "DDHHMM"),
        ("P2 OSS-03/9 221480 OPEN S0 V- F- N0 K0", "time", "does not exist"),
        ("P2 OSS-03/9 221430 OPNE S0 V- F- N0 K0", "state", "Unknown state"),
        ("P2 OSS-03/9 221430 OPEN S1Q V- F- N0 K0", "services", "Unknown character 'Q'"),
        ("P2 OSS-03/9 221430 OPEN S2EE V- F- N0 K0", "services", "twice"),
        ("P2 OSS-03/9 221430 OPEN SE V- F- N0 K0", "services", "number of letters"),
        ("P2 OSS-03/9 221430 OPEN S3EN V- F- N0 K0", "services", "dropped"),
        ("P2 OSS-03/9 221430 OPEN S0 V35 F- N0 K0", "visitors", "4 digits"),
        ("P2 OSS-03/9 221430 OPEN S0 V- F18 N0 K0", "fuel", "3 digits"),
        ("P2 OSS-03/9 221430 OPEN S0 V- F- N1B K0", "needs", "Unknown character 'B'"),
        ("P2 OSS-03/9 221430 OPEN S0 V- F- N0 KX", "check", "one digit"),
        ("P2 OSS-03/9 221430 OPEN S0 V- F- N0 K0 EXTRA", "line", "expected 9"),
    ],
)
def test_it_says_what_is_wrong(line: str, field: str, fragment: str) -> None:
    with pytest.raises(StatusLineError) as error:
        parse_line(line, reference=REFERENCE)
    assert error.value.field == field
    assert fragment.lower() in error.value.message.lower()


def test_it_never_reveals_the_right_check_digit_or_card_mark() -> None:
    """Issue 10: 'verwacht U' let a misheard line be 'fixed' by copying the expected character."""
    line = make_line(SAMPLE)
    right = line[-1]
    messages = set()
    for digit in "0123456789":
        if digit != right:
            with pytest.raises(StatusLineError) as error:
                parse_line(line[:-1] + digit, reference=REFERENCE)
            messages.add(error.value.message)
    assert len(messages) == 1  # the same words whatever was right
    message = messages.pop()
    assert not any(c.isdigit() for c in message)
    letters = set()
    for letter in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*":
        if letter != "9":
            with pytest.raises(StatusLineError) as error:
                parse_line(line.replace("/9", f"/{letter}"), reference=REFERENCE)
            letters.add(error.value.message)
    assert len(letters) == 1 and "'" not in letters.pop()


def test_it_adds_up_the_check_digit_as_the_card_says() -> None:
    """Digits of time, visitors and fuel, plus the letters' card values; the last digit."""
    digits = sum(int(c) for c in "221430" + "0035" + "018")  # 12 + 8 + 9 = 29
    letters = SERVICE_VALUES["E"] + SERVICE_VALUES["N"] + SERVICE_VALUES["W"]  # 3 + 1 + 4
    letters += NEED_VALUES["F"] + NEED_VALUES["W"]  # 1 + 2
    assert (digits + letters) % 10 == check_digit("221430", "0035", "018", "ENW", "FW") == 0
    assert len(set(SERVICE_VALUES.values())) == len(SERVICE_VALUES) == 10
    assert len(set(NEED_VALUES.values())) == len(NEED_VALUES)


def test_it_resolves_days_around_month_ends() -> None:
    just_after_midnight = dt.datetime(2026, 11, 23, 0, 10, tzinfo=AMSTERDAM)
    late = make_line(StatusLine("P7", dt.time(23, 55), "OPEN", day=22))
    assert parse_line(late, reference=just_after_midnight).at == dt.datetime(
        2026, 11, 22, 23, 55, tzinfo=AMSTERDAM
    )
    thirty_first = make_line(StatusLine("P7", dt.time(22, 0), "OPEN", day=31))
    assert parse_line(
        thirty_first, reference=dt.datetime(2026, 11, 1, 1, 0, tzinfo=AMSTERDAM)
    ).at.date() == dt.date(2026, 10, 31)
    slightly_ahead = make_line(StatusLine("P7", dt.time(15, 10), "OPEN", day=22))
    assert parse_line(slightly_ahead, reference=REFERENCE).at.date() == dt.date(2026, 11, 22)
    next_day = dt.datetime(2026, 11, 23, 15, 0, tzinfo=AMSTERDAM)
    assert parse_line(late, reference=next_day).at.date() == dt.date(2026, 11, 22)


def test_it_spells_in_one_alphabet_and_prints_a_blank_card() -> None:
    words = spoken(make_line(SAMPLE))
    assert words.startswith(
        "Pieter twee / Otto Simon Simon streepje nul drie schuine streep negen"
        " / twee twee een vier drie nul / Open"
    )
    nato = {"Alfa", "Bravo", "Charlie", "Echo", "Foxtrot", "Oscar", "Papa", "Sierra", "Whiskey"}
    assert not nato & set(words.split())
    assert set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/*") <= set(SPELLING)
    assert blank_card("oss-03").startswith("P2 OSS-03/9 DDUUMM")


@pytest.mark.parametrize(
    "code", ["VOL", "vol", "OPEN", "DICHT", "BEPERKT", "FULL", "CLOSED", "LIMITED", "P2"]
)
def test_it_refuses_codes_that_read_as_a_word_of_the_line(code: str) -> None:
    problem = code_problem(code)
    assert problem is not None and "reads as a word" in str(problem)
    with pytest.raises(StatusLineError):
        make_line(StatusLine(code, dt.time(1, 0), "OPEN", day=1))


def test_it_accepts_ordinary_codes() -> None:
    assert all(code_problem(c) is None for c in ("OSS-03", "VOLKEL-1", "P7", "CP-OSS"))
    assert code_problem("OSS 03") is not None
    assert card_mark("OSS-03") == "9"


def test_it_reads_the_examples_in_the_format_document_as_they_say() -> None:
    """docs/status-line.md is the specification: its example and its refusals must hold."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[4] / "docs/status-line.md").read_text()
    assert EXAMPLE in doc
    assert parse_line(EXAMPLE, reference=REFERENCE).status == SAMPLE
    assert spoken(EXAMPLE) in " ".join(doc.replace(">", "").split())
    misheard = EXAMPLE.replace("V0035", "V0053")  # a swap: same sum, caught by the read-back
    assert parse_line(misheard, reference=REFERENCE).status.visitors == 53
    assert "V0053" in doc
    with pytest.raises(StatusLineError, match="check digit does not match"):
        parse_line(EXAMPLE.replace("V0035", "V0036"), reference=REFERENCE)
