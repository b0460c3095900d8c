"""One way to show a date or a time, in the language of the request: every page and report uses it.

Three kinds, one format each (Dutch and English alike, Django's locale names the months):

- a date: "3 december 2026" / "3 December 2026";
- a date and time: "3 december 14:02" in the current year, "3 december 2025 14:02" in another;
- a time that passed: "3 minuten geleden" / "3 minutes ago" (an hour or more: hours, then days).

A time alone ("14:02", ``clock``) is for lists within one day, like the logbook of an incident.
The templates use the filters of ``paraat.core.templatetags.when`` (built in, no ``load``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

DATE = "j F Y"
DATE_TIME = "j F H:i"
DATE_TIME_OTHER_YEAR = "j F Y H:i"
CLOCK = "H:i"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def date(value: dt.date | dt.datetime | None) -> str:
    """The day: "3 december 2026"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value)
    return str(formats.date_format(value, DATE))


def date_time(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """The day and the time: "3 december 14:02" (with the year when it is not this year's)."""
    if value is None:
        return ""
    local = _local(value)
    this_year = _local(now or timezone.now()).year
    return str(
        formats.date_format(local, DATE_TIME if local.year == this_year else DATE_TIME_OTHER_YEAR)
    )


def clock(value: dt.datetime | dt.time | None) -> str:
    """The time of day alone: "14:02"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value)
    return str(formats.time_format(value, CLOCK))


def ago(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """How long ago: "3 minuten geleden"; under a minute "zojuist", a future time counts as now."""
    if value is None:
        return ""
    seconds = max(0, int(((now or timezone.now()) - value).total_seconds()))
    minutes = seconds // 60
    if minutes < 1:
        return gettext("just now")
    if minutes < 60:
        return ngettext("%(n)d minute ago", "%(n)d minutes ago", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(n)d hour ago", "%(n)d hours ago", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day ago", "%(n)d days ago", days) % {"n": days}
