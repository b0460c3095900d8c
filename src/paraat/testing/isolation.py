"""Two regions in one database: what one region's people, commands, API and public pages see.

Each app's `test_region_isolation` makes its own data in Brabant-Noord (the cast's region) with
names that occur nowhere else, then looks as Xander, the coordinator of the other region (VR99),
through every channel, and asserts that none of those names appear.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from paraat.testing.factories import api_key


def page_text(user: Any, *paths: str) -> str:
    """The pages as ``user`` sees them (any status), joined."""
    client = Client()
    client.force_login(user)
    return "\n".join(client.get(path).content.decode() for path in paths)


def api_text(user: Any, *paths: str) -> str:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return "\n".join(json.dumps(client.get(path).json()) for path in paths)


def status(user: Any, path: str) -> int:
    client = Client()
    client.force_login(user)
    return client.get(path).status_code


def command_text(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def leaked(text: str, markers: list[str]) -> list[str]:
    return [marker for marker in markers if marker in text]
