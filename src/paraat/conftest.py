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

    before = text._translate, text._number, text._translate_in
    text.set_translator(str)
    yield
    text.set_translator(*before)


@pytest.fixture(scope="module")
def catalogue_messages() -> Any:
    """The pure modules' messages in the language asked for (``paraat.geo.text.in_language``),
    read from Paraat's own compiled catalogue, with or without Django: without it, through the
    standard library's ``gettext``, so the pure tests see the Dutch the .po file gives. For a
    module: its module-wide runs (fixtures of that scope) are made with it."""
    import gettext
    from pathlib import Path

    from paraat.geo import text

    if text._translate_in is not text._message_id:  # Django is set up and translates already
        yield
        return
    locale = Path(__file__).resolve().parent / "locale"
    catalogues = {"nl": gettext.translation("django", localedir=locale, languages=["nl"])}

    def translate_in(message: str, language: str) -> str:
        found = catalogues.get(language)
        if found is None:
            return text._message_id(message, language)
        if text.CONTEXT in message:
            context, _sep, msgid = message.partition(text.CONTEXT)
            return found.pgettext(context, msgid)
        return found.gettext(message)

    before = text._translate, text._number, text._translate_in
    text.set_translator(before[0], before[1], translate_in)
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


# The files that run longest, longest first (seconds on SQLite, measured on a busy 2-core
# machine). scripts/test.sh keeps a file on one worker (pytest-xdist's loadfile): started last,
# one of these would run alone at the end while the other worker idles; started first, the short
# files fill in around them and the workers end together. A file missing here only starts later.
LONG_FIRST = (
    "sync/tests/test_sync_over_api.py",  # 494
    "sync/tests/test_clock_skew.py",  # 486
    "sync/tests/test_two_instances.py",  # 284
    "core/tests/test_json_output.py",  # 200
    "core/tests/test_backup.py",  # 179
    "sync/tests/test_import_killed.py",  # 134
    "operations/tests/test_crash.py",  # 56
    "core/tests/test_serve.py",  # 44
)


_previous_test = [""]


@pytest.fixture(autouse=True)
def _transactional_test_starts_empty(request: pytest.FixtureRequest) -> Any:
    """A test with a real transaction starts on an empty database, and says so when it did not.

    Django flushes every table after such a test; once (on PostgreSQL, in CI) a test still found
    a row an earlier test of its worker had written, and failed on a unique key that had nothing
    to do with it. Such rows are flushed here, with a warning that names the test that ran
    before, so a leak shows where it comes from instead of failing a test elsewhere.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        from django.core.management import call_command

        from paraat.areas.models import Area, Region

        if Region.objects.exists() or Area.objects.exists():
            import warnings

            warnings.warn(
                f"rows left in the test database after {_previous_test[0] or 'an earlier test'}: "
                "flushed",
                stacklevel=1,
            )
            call_command("flush", interactive=False, verbosity=0)
    yield
    _previous_test[0] = request.node.nodeid


def _uses_test_database(item: pytest.Item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or any(
        name in fixtures for name in ("db", "transactional_db", "live_server")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the files of ``LONG_FIRST`` first, in its order (after pytest-django has put the
    tests with the database in Django's order, which this keeps: only tests that do not touch
    the test database move)."""

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        for n, name in enumerate(LONG_FIRST):
            if path.endswith(name) and not _uses_test_database(item):
                return n
        return len(LONG_FIRST)

    items.sort(key=rank)


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Fast password hashing: the suite creates many users; production keeps PBKDF2.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
