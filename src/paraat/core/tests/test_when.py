"""One format per kind of date and time, in Dutch and in English (paraat.core.when)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import translation

from paraat.core import when

AMS = ZoneInfo("Europe/Amsterdam")
MOMENT = dt.datetime(2026, 12, 3, 14, 2, tzinfo=AMS)
NOW = dt.datetime(2026, 12, 3, 14, 5, tzinfo=AMS)


@pytest.mark.parametrize(
    ("language", "day", "day_time", "other_year", "ago"),
    [
        ("nl", "3 december 2026", "3 december 14:02", "3 december 2025 14:02", "3 minuten geleden"),
        ("en", "3 December 2026", "3 December 14:02", "3 December 2025 14:02", "3 minutes ago"),
    ],
)
def test_it_writes_each_kind_in_one_format_per_language(
    language: str, day: str, day_time: str, other_year: str, ago: str
) -> None:
    with translation.override(language):
        assert when.date(MOMENT) == day
        assert when.date(MOMENT.date()) == day
        assert when.date_time(MOMENT, now=NOW) == day_time
        assert when.date_time(MOMENT.replace(year=2025), now=NOW) == other_year
        assert when.ago(MOMENT, now=NOW) == ago
        assert when.clock(MOMENT) == "14:02"


def test_it_shows_a_utc_time_in_the_local_zone() -> None:
    utc = dt.datetime(2026, 12, 3, 13, 2, tzinfo=dt.UTC)
    with translation.override("nl"):
        assert when.date_time(utc, now=NOW) == "3 december 14:02"


def test_it_counts_minutes_then_hours_then_days() -> None:
    with translation.override("nl"):
        assert when.ago(NOW - dt.timedelta(seconds=20), now=NOW) == "zojuist"
        assert when.ago(NOW - dt.timedelta(minutes=1), now=NOW) == "1 minuut geleden"
        assert when.ago(NOW - dt.timedelta(hours=2, minutes=5), now=NOW) == "2 uur geleden"
        assert when.ago(NOW - dt.timedelta(days=3), now=NOW) == "3 dagen geleden"
    with translation.override("en"):
        assert when.ago(NOW - dt.timedelta(days=1), now=NOW) == "1 day ago"


def test_it_offers_the_same_formats_as_template_filters_without_a_load_tag() -> None:
    template = engines["django"].from_string("{{ m|day }} · {{ m|clock }} · {{ empty|day_time }}.")
    with translation.override("en"):
        assert template.render({"m": MOMENT, "empty": None}) == "3 December 2026 · 14:02 · ."
