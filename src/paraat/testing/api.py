"""Helpers for tests of the API's problem responses (see paraat.core.api)."""

from __future__ import annotations

from typing import Any


def invalid_names(response: Any) -> set[str]:
    """The fields a 400 problem response names in its `invalid_params`."""
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    return {param["name"] for param in response.json()["invalid_params"]}
