"""Schema-driven fuzzing of the whole API: schemathesis reads the OpenAPI document the app serves
at /api/v1/openapi.json and sends generated requests with a token of each role. Every default
check must hold: no server error, only documented status codes and content types, responses that
match the schema, invalid input refused and valid input accepted (NL API Design Rules).

Bounded (a few examples per operation and role) so the whole file runs in a few minutes on two
cores; `derandomize` makes every run send the same requests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from paraat.supportpoints.tests.factories import make_network
from paraat.testing.factories import api_key
from paraat.testing.personas import Cast

ROLES = ("rianne", "olaf", "cas", "pim", "kees", "xander")


@schemathesis.serializer("application/x-ndjson")
def _ndjson(context: Any, value: Any) -> bytes:
    """A sync batch is JSON lines (docs/sync.md); a generated one is refused with its reason."""
    return value.encode() if isinstance(value, str) else str(value).encode()


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


@pytest.fixture(params=ROLES)
def token(request: pytest.FixtureRequest, cast: Cast, keep_connection: None) -> str:
    make_network(cast)
    return api_key(getattr(cast, request.param))


def _served_schema() -> Any:
    """The document exactly as the app serves it (loading it needs no database)."""
    from paraat.wsgi import application

    # The coverage phase is unbounded (every boundary of every field); fuzzing is bounded below.
    # A known point's code, so reads and writes reach the services instead of stopping at 404.
    # A request the schema allows can still break a domain rule (a point outside the region, a
    # second report with the same key): that is a 400 or 409 with the reason, not a failure.
    config = SchemathesisConfig.from_dict(
        {
            "phases": {"coverage": {"enabled": False}},
            "parameters": {"path.code": "OSS-02"},
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]
                }
            },
        }
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)


schema = _served_schema()


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_it_answers_every_generated_request_as_documented(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"})
