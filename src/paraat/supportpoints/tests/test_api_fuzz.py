"""Schema-driven fuzzing of the support point API: schemathesis reads the OpenAPI document the app
serves at /api/v1/schema/ and sends generated requests; no request may cause a server error (5xx).
Bounded (a few dozen examples per operation) so it stays well under a minute."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from paraat.supportpoints.tests.factories import make_network
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Like Django's test client: the WSGI handler must not close the test's database connection
    after each request (on PostgreSQL that would end the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(cast: Cast, keep_connection: None) -> str:
    make_network(cast)
    return api_key(cast.rianne)


def _served_schema() -> Any:
    """The document exactly as the app serves it (loading it needs no database)."""
    from paraat.wsgi import application

    # The coverage phase is unbounded (every boundary of every field); fuzzing is bounded below.
    # A known point's code, so reads and writes reach the services instead of stopping at 404.
    config = SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": False}}, "parameters": {"path.code": "OSS-02"}}
    )
    served = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", application, config=config
    )
    return served.include(path_regex="^/api/v1/support-points/")


schema = _served_schema()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_it_never_answers_a_generated_request_with_a_server_error(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])
