"""Fixtures shared by every app's tests. Django imports stay inside fixtures, so the plain
(Django-free) modules' tests also run without settings."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.testing.browser import browser, page  # noqa: F401  (fixtures)


@pytest.fixture
def cast(db: None) -> Any:
    from paraat.testing.personas import make_cast

    return make_cast()


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Fast password hashing: the suite creates many users; production keeps PBKDF2.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
