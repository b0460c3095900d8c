from __future__ import annotations

import datetime as dt

from paraat.community import availability
from paraat.community.staffing import first_shortfall

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def h(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def test_it_finds_the_first_moment_below_minimum():
    shifts = [(h(0), h(4)), (h(0), h(6)), (h(4), h(12))]
    assert first_shortfall(shifts, 2, h(0), h(12)) == (h(6), 1)


def test_it_finds_no_shortfall_when_hand_overs_meet():
    shifts = [(h(0), h(6)), (h(6), h(12)), (h(-1), h(13))]
    assert first_shortfall(shifts, 2, h(0), h(12)) is None


def test_it_reports_an_empty_point_at_once():
    assert first_shortfall([], 1, h(0), h(12)) == (h(0), 0)


def test_it_reads_weekly_pattern_and_dates_away():
    monday_morning = dt.datetime(2026, 11, 30, 9, 0)  # noqa: DTZ001 - availability reads local wall-clock time
    assert availability.is_available(["0m"], [], monday_morning)
    assert not availability.is_available(["0a"], [], monday_morning)
    assert not availability.is_available(["0m"], [["2026-11-29", "2026-11-30"]], monday_morning)
    assert availability.parse_away("2026-12-24\n2026-12-27/2027-01-02") == [
        ["2026-12-24", "2026-12-24"],
        ["2026-12-27", "2027-01-02"],
    ]
