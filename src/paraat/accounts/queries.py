"""Reads about logins that the pages need (django-axes keeps the attempts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone


def current_attempts() -> list[Any]:
    """Failed-login records still inside the longest cool-off, most failures first."""
    from axes.models import AccessAttempt

    base = dt.timedelta(minutes=settings.PARAAT_LOGIN_LOCKOUT_MINUTES)
    since = timezone.now() - base * 64
    return list(
        AccessAttempt.objects.filter(attempt_time__gte=since).order_by(
            "-failures_since_start", "-attempt_time"
        )[:500]
    )
