"""Operations API: status reports (exactly once per idempotency key) and the operational picture."""

from __future__ import annotations

import threading
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail
from rest_framework.exceptions import PermissionDenied as ApiDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from paraat.areas.api import AppUser
from paraat.operations import access, picture, reads, services
from paraat.operations.constants import Channel, Need, PointState, PowerSource
from paraat.operations.models import Incident, StatusReport
from paraat.supportpoints.constants import Service


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = ["id", "title", "kind", "is_exercise", "phase", "started_at", "closed_at"]


class StatusReportInSerializer(serializers.Serializer):
    point = serializers.CharField(help_text="Code of the support point")
    idempotency_key = serializers.CharField(
        max_length=80, help_text="Made by the client; a retry with the same key is stored once"
    )
    state = serializers.ChoiceField(choices=PointState.choices)
    services_available = serializers.ListField(
        child=serializers.ChoiceField(choices=Service.choices), required=False, default=list
    )
    visitors = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True, default=None
    )
    power_source = serializers.ChoiceField(
        choices=PowerSource.choices, required=False, allow_blank=True, default=""
    )
    fuel_hours_left = serializers.FloatField(
        min_value=0, max_value=10_000, required=False, allow_null=True, default=None
    )
    fuel_litres_left = serializers.FloatField(
        min_value=0,
        max_value=1_000_000,
        required=False,
        allow_null=True,
        default=None,
        help_text="Fuel in the tank; turned into hours with the point's consumption",
    )
    comms_working = serializers.BooleanField(required=False, allow_null=True, default=None)
    channel = serializers.ChoiceField(
        choices=[Channel.API, Channel.WEB],
        required=False,
        default=Channel.API,
        help_text="'web' when the phone form's offline outbox sends the report",
    )
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices), required=False, default=list
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    reported_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class StatusReportSerializer(serializers.ModelSerializer):
    point: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    is_exercise = serializers.BooleanField(source="incident.is_exercise", read_only=True)

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "point",
            "idempotency_key",
            "state",
            "services_available",
            "visitors",
            "power_source",
            "fuel_hours_left",
            "fuel_litres_left",
            "comms_working",
            "needs",
            "note",
            "channel",
            "reported_at",
            "received_at",
            "is_exercise",
        ]


_shared_input: StatusReportInSerializer | None = None
_shared_input_lock = threading.Lock()


def report_input(data: Any) -> dict[str, Any]:
    """``StatusReportInSerializer(data=data)``'s validated data, or its ValidationError.

    A new serializer deep-copies each of its 16 fields (their choices too) before it validates:
    more CPU than the rest of reading a report. The fields here are made and bound once per
    process, on one serializer that only validates (its ``run_validation`` and the fields'
    keep nothing of a call), so threads share them; what is valid and every error are as the
    serializer's own ``is_valid`` gives them (a test holds both to the same outcome).
    """
    global _shared_input
    serializer = _shared_input
    if serializer is None:
        with _shared_input_lock:
            if _shared_input is None:
                made = StatusReportInSerializer()
                for field in made.fields.values():  # bound, their validators made, once
                    field.validators  # noqa: B018
                made.validators  # noqa: B018
                _shared_input = made
            serializer = _shared_input
    try:
        return dict(serializer.run_validation(data))
    except ApiValidationError as exc:
        detail = exc.detail
        # As ``Serializer.errors``: no body at all is "No data provided", not "may not be null".
        if (
            isinstance(detail, list)
            and len(detail) == 1
            and getattr(detail[0], "code", "") == "null"
        ):
            detail = {
                api_settings.NON_FIELD_ERRORS_KEY: [ErrorDetail("No data provided", code="null")]
            }
        raise ApiValidationError(detail) from None


def _when(moment: Any) -> str:
    """A time as DRF writes it: ISO 8601 in the current time zone, "Z" for UTC."""
    text = timezone.localtime(moment).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def report_json(report: StatusReport) -> dict[str, Any]:
    """A stored report as the API answers it: ``StatusReportSerializer``'s fields, written out.

    Building the ModelSerializer's fields for every report cost more CPU than storing it; a test
    holds both to the same answer.
    """
    return {
        "id": report.pk,
        "point": report.point.code,
        "idempotency_key": report.idempotency_key,
        "state": report.state,
        "services_available": report.services_available,
        "visitors": report.visitors,
        "power_source": report.power_source,
        "fuel_hours_left": report.fuel_hours_left,
        "fuel_litres_left": report.fuel_litres_left,
        "comms_working": report.comms_working,
        "needs": report.needs,
        "note": report.note,
        "channel": report.channel,
        "reported_at": _when(report.reported_at),
        "received_at": _when(report.received_at),
        "is_exercise": report.incident.is_exercise,
    }


class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Incidents of the user's region; an exercise is marked as such (is_exercise)."""

    queryset = Incident.objects.none()
    serializer_class = IncidentSerializer
    permission_classes = [AppUser]

    def get_queryset(self) -> Any:
        user = self.request.user
        region = getattr(user, "region", None)
        if region is None:
            return Incident.objects.none()
        # The region comes along: a report and the picture need it, and loading it on its own
        # was one more query per report.
        return access.incidents_for(user, region).select_related("region").order_by("-started_at")

    @extend_schema(
        request=StatusReportInSerializer,
        responses={
            200: StatusReportSerializer,
            201: StatusReportSerializer,
            409: inline_serializer(
                "ReportConflict",
                {
                    "errors": serializers.DictField(),
                    "report": StatusReportSerializer(),
                },
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="reports")
    def report(self, request: Request, pk: str | None = None) -> Response:
        """Store a status report; 201 when new, 200 when the same key was stored before.

        409 when the key was stored before with another content: the answer holds the stored
        report, so the sender sees what counts and can send the new one with a new key.
        """
        # The point as sent is read with the incident (one statement); the code as checked
        # below is the one that counts, read again only where the two differ.
        sent = request.data.get("point") if isinstance(request.data, dict) else None
        code = sent.strip().upper() if isinstance(sent, str) else ""
        incident, point = access.reporting_incident_and_point(request.user, pk, code)
        values = report_input(request.data)
        wanted = str(values.pop("point")).upper()
        if point is None or point.code != wanted:
            point = reads.point_by_code(incident.region_id, wanted)
        if point is None:
            raise ApiValidationError({"point": ["Unknown point code."]})
        point.region = incident.region  # the same row: the access check needs no query for it
        if not access.can_report(request.user, incident, point):
            raise ApiDenied("You may not report for this point.")
        try:
            report, created = services.record_status(
                incident=incident, point=point, reporter=request.user, **values
            )
        except services.IdempotencyConflict as conflict:
            return Response(
                {
                    "errors": conflict.message_dict,
                    "report": report_json(conflict.report),
                },
                status=status.HTTP_409_CONFLICT,
            )
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from None
        return Response(
            report_json(report),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        responses={
            200: inline_serializer(
                "Picture",
                {
                    "incident": serializers.DictField(),
                    "counts": serializers.DictField(),
                    "points": serializers.ListField(child=serializers.DictField()),
                },
            )
        }
    )
    @action(detail=True, methods=["get"])
    def picture(self, request: Request, pk: str | None = None) -> Response:
        incident = self.get_object()
        if not access.can_view_operations(request.user, incident.region):
            raise ApiDenied()
        scope = access.picture_municipality_ids(request.user, incident.region)
        # For screens that poll it: shared, at most a few seconds old (``generated_at``); a
        # closed incident's as it was when it closed.
        return Response(picture.shared(incident, municipality_ids=scope).as_dict())


def register(router: Any) -> None:
    router.register("incidents", IncidentViewSet, basename="incident")
