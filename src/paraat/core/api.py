"""What every endpoint under /api/ shares, after the NL API Design Rules (Logius, ADR 2.0):

- errors are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail`,
  `instance` and, for invalid input, `invalid_params` naming each field;
- every response carries an `API-Version` header with the full version;
- times are written in UTC with their offset (`2026-12-01T21:00:00Z`);
- an unknown path under /api/ answers a JSON 404, never the HTML page of the site;
- a path without its trailing slash is served as if it had one, never redirected (301);
- paging takes a `limit` of 1..MAX_LIMIT and an `offset` of 0..MAX_OFFSET; anything else (a word,
  a negative number, 2^63, the parameter twice) is refused with 400 instead of a server error.

The schema (drf-spectacular) documents all of it: `postprocess_schema` adds the error responses
and the header to every operation, so a schema-driven client (schemathesis in the suite) can
check the API against its own document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM = "application/problem+json"
API_PREFIX = "/api/"
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1  # far beyond any table here, and within every database's integer range
_DIGITS = re.compile(r"^[0-9]{1,10}$")
# Answers any operation may give; each is documented so a client knows the body it gets.
ERROR_STATUSES = {
    "400": "The request is not valid; `invalid_params` names each field.",
    "401": "No or an unknown token.",
    "403": "The token's user may not do this.",
    "404": "Not found, or not visible to the token's user.",
    "405": "The method is not allowed here.",
    "406": "The Accept header asks for a format the API does not write.",
    "409": "The request conflicts with what is stored.",
    "415": "The body is in a format the API does not read.",
}


def api_version() -> str:
    return str(settings.SPECTACULAR_SETTINGS["VERSION"])


# --- errors --------------------------------------------------------------------------------


def problem(
    status_code: int, title: str, detail: str, instance: str, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as a flat list of {name, code, reason}."""
    found: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key) if key != "non_field_errors" else ""
            found += _invalid_params(
                value, f"{prefix}.{name}" if prefix and name else prefix or name
            )
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                found += _invalid_params(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                found += _invalid_params(value, prefix)
    else:
        code = getattr(detail, "code", "invalid")
        found.append({"name": prefix, "code": str(code), "reason": str(detail)})
    return found


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with the body rewritten as problem details (REST_FRAMEWORK setting)."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    code = response.status_code
    title = _http_title(code)
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            code,
            title,
            _("The request is not valid."),
            instance,
            invalid_params=_invalid_params(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = problem(code, title, str(detail), instance)
    response.data = body
    response.content_type = PROBLEM
    return response


def _http_title(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def query_choice(request: Request, name: str, choices: list[str]) -> str | None:
    """A filter parameter that must be one of its documented values (None when absent)."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or values[0] not in choices:
        raise exceptions.ValidationError(
            {name: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return values[0]


# --- paging --------------------------------------------------------------------------------


class Paging(LimitOffsetPagination):
    """Limit/offset paging that refuses what it cannot serve instead of failing on it."""

    default_limit = 100
    max_limit = MAX_LIMIT

    def _number(self, request: Request, name: str, low: int, high: int) -> int | None:
        values = request.query_params.getlist(name)
        if not values:
            return None
        if len(values) > 1:
            raise exceptions.ValidationError({name: [_("Give this parameter once.")]})
        text = values[0].strip()
        if not _DIGITS.match(text) or not low <= int(text) <= high:
            raise exceptions.ValidationError(
                {
                    name: [
                        _("Use a whole number from %(low)d to %(high)d.")
                        % {"low": low, "high": high}
                    ]
                }
            )
        return int(text)

    def get_limit(self, request: Request) -> int:
        limit = self._number(request, self.limit_query_param, 1, MAX_LIMIT)
        return self.default_limit if limit is None else limit

    def get_offset(self, request: Request) -> int:
        return self._number(request, self.offset_query_param, 0, MAX_OFFSET) or 0

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # Check both before counting, so a bad offset is refused even on an empty table.
        self.get_limit(request)
        self.get_offset(request)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": MAX_LIMIT},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


# --- schema --------------------------------------------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}
VERSION_HEADER = {
    "API-Version": {
        "description": "The full version of the API that answered.",
        "schema": {"type": "string"},
    }
}


def postprocess_schema(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Document the problem responses and the version header on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in ERROR_STATUSES.items():
                responses.setdefault(
                    code, {"description": description, "content": {PROBLEM: {"schema": reference}}}
                )
            for response in responses.values():
                response.setdefault("headers", {}).update(VERSION_HEADER)
    return result


# --- middleware ----------------------------------------------------------------------------


class ApiMiddleware:
    """The /api/ conventions that sit outside DRF: version header, UTC, slashes, JSON 404.

    Placed before CommonMiddleware, so a missing trailing slash is served instead of redirected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if not _resolves(request.path_info):
            if not request.path_info.endswith("/") and _resolves(request.path_info + "/"):
                request.path_info += "/"
                request.path += "/"
            else:
                return self._with_version(_not_found(request))
        with timezone.override(dt.UTC):
            response = self.get_response(request)
        return self._with_version(response)

    @staticmethod
    def _with_version(response: HttpResponse) -> HttpResponse:
        response["API-Version"] = api_version()
        return response


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _not_found(request: HttpRequest) -> JsonResponse:
    body = problem(
        404,
        "Not Found",
        _("There is no API endpoint at this address."),
        request.path,
    )
    return JsonResponse(body, status=404, content_type=PROBLEM)
