"""Log a test client in through the real login page, as a person would.

Django's ``Client.login`` calls ``authenticate`` without a request, which django-axes refuses (it
counts failures per client address); posting the form also runs the lockout and the audit trail.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def log_in(client: Client, username: str, password: str) -> bool:
    """True when the password step let the user in (a staff role may still owe its TOTP code)."""
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session
