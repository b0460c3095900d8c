"""Rows that every test of a module reads, made once for the module instead of once per test.

Django's ``TestCase.setUpTestData`` for pytest: the rows are written inside a transaction that
stays open while the module's tests run, each test in a savepoint of its own (pytest-django's
``django_db``), so what a test changes is undone after it, and the module's rows are rolled back
after its last test: the tests after it find the database as it was.

Only for tests with ``pytest.mark.django_db`` without ``transaction=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import transaction

T = TypeVar("T")


def rows_for_module(django_db_blocker: Any, make: Callable[[], T]) -> Iterator[T]:
    """Yield what ``make()`` returns, its rows in the database until the generator is closed."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
