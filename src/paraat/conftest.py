"""Fixtures shared by every app's tests. Django imports stay inside fixtures, so the plain
(Django-free) modules' tests also run without settings."""

from __future__ import annotations

from typing import Any

import pytest

from paraat.testing.browser import browser, page  # noqa: F401  (fixtures)


@pytest.fixture
def english_messages() -> Any:
    """The pure modules' messages in English, with or without Django (which hands its translator
    to ``paraat.geo.text`` at start-up): their own tests read them so in both runs."""
    from paraat.geo import text

    before = text._translate, text._number
    text.set_translator(str)
    yield
    text.set_translator(*before)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """SQLite tests use a file, as production does, not a shared in-memory database.

    Threads with their own connections (the concurrency tests) then meet SQLite's real locking
    (WAL, busy timeout) instead of the shared cache's table locks, which fail at once.
    """
    import os
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        if not test.get("NAME"):
            # One file per pytest-xdist worker (gw0, gw1, ...), so the workers never share it.
            worker = os.environ.get("PYTEST_XDIST_WORKER", "")
            suffix = f"-{worker}" if worker else ""
            test["NAME"] = str(Path(settings.DATA_DIR) / f"test-paraat{suffix}.sqlite3")


@pytest.fixture
def cast(db: None) -> Any:
    from paraat.testing.personas import make_cast

    return make_cast()


@pytest.fixture
def smtp(settings: Any) -> Any:
    """A real local SMTP server; Django sends through its SMTP backend to it."""
    from paraat.testing.smtp import smtp_server

    with smtp_server() as mailbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = mailbox.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield mailbox


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Fast password hashing: the suite creates many users; production keeps PBKDF2.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
