"""Sync over the API (/api/v1/sync/): the region's side of `paraat sync` and `instance init`.

A batch of changes travels as a bundle (signed JSON lines, `application/x-ndjson`) both ways, so
it is verified and merged exactly as a bundle from a USB stick. Only the region's coordinator and
crisis operators exchange (with a token), and only the changes of their own region.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.exceptions import PermissionDenied as ApiDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from paraat.areas.api import AppUser
from paraat.areas.models import Region
from paraat.sync import access, bundle, exchange, hlc, scope

NDJSON = "application/x-ndjson"


class Refused(APIException):
    """A request the exchange refuses, with the reason in ``detail`` (for the client's message)."""

    status_code = 400
    default_detail = "refused"
    default_code = "refused"


def _region(request: Request) -> Region:
    try:
        return access.region_to_exchange(request.user)
    except PermissionDenied as exc:
        raise ApiDenied(
            "only the region's coordinator and crisis operators exchange changes"
        ) from exc


def _int(request: Request, name: str) -> int:
    try:
        return max(0, int(request.query_params.get(name, 0) or 0))
    except ValueError as exc:
        raise ApiValidationError({name: "a whole number"}) from exc


class ChangesView(APIView):
    """GET: the region's changes after a journal position, as a bundle. POST: merge a batch."""

    permission_classes = [AppUser]

    @extend_schema(
        parameters=[
            OpenApiParameter("since", int, description="journal position already received"),
            OpenApiParameter("exclude", str, description="node id whose changes to leave out"),
            OpenApiParameter("coordination_point", str, description="only this point's records"),
        ],
        responses={(200, NDJSON): str},
    )
    def get(self, request: Request) -> HttpResponse:
        region = _region(request)
        try:
            text = exchange.pull_text(
                region=region, since=_int(request, "since"),
                exclude=request.query_params.get("exclude", ""),
                coordination_point=request.query_params.get("coordination_point", ""),
            )  # fmt: skip
        except scope.ScopeError as exc:
            raise Refused(str(exc)) from exc
        return HttpResponse(text, content_type=NDJSON)

    @extend_schema(
        request={NDJSON: str},
        responses={200: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        region = _region(request)
        try:
            result = exchange.accept_push(region=region, text=request.body.decode("utf-8"))
        except (bundle.BundleError, hlc.ClockError, exchange.SyncError, UnicodeDecodeError) as exc:
            raise Refused(str(exc)) from exc
        data: dict[str, Any] = result.as_json()
        return Response(data)


class SnapshotView(APIView):
    """GET: everything a new laptop of one coordination point starts with, as a bundle."""

    permission_classes = [AppUser]

    @extend_schema(
        parameters=[OpenApiParameter("coordination_point", str, required=True)],
        responses={(200, NDJSON): str},
    )
    def get(self, request: Request) -> HttpResponse:
        region = _region(request)
        code = request.query_params.get("coordination_point", "")
        try:
            text = exchange.snapshot_text(region=region, coordination_point=code)
        except scope.ScopeError as exc:
            raise Refused(str(exc)) from exc
        return HttpResponse(text, content_type=NDJSON)
