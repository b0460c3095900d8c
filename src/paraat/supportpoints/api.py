"""Support point API under /api/v1/support-points: read and write points with the pages' rules.

Access comes from supportpoints.access and every change goes through supportpoints.services, so
the API refuses exactly what the edit forms refuse. Key holders' personal data is not in the API.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from paraat.areas.api import AppUser
from paraat.areas.models import Region
from paraat.core.api import query_choice
from paraat.geo.crs import NL_BOUNDS_WGS84
from paraat.supportpoints import access, services
from paraat.supportpoints.constants import (
    BuildingType,
    CommsKind,
    Lifecycle,
    NormResult,
    Service,
    Tier,
)
from paraat.supportpoints.facts import autonomy_hours
from paraat.supportpoints.models import SupportPoint, SupportPointQuerySet

MAX_NUMBER = 1_000_000.0


def _number(**kwargs: Any) -> serializers.FloatField:
    return serializers.FloatField(
        min_value=0, max_value=MAX_NUMBER, required=False, allow_null=True, **kwargs
    )


class ServiceSerializer(serializers.Serializer):
    service = serializers.ChoiceField(choices=Service.choices)
    available = serializers.BooleanField(default=True)
    as_of = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Empty: today"
    )
    quantity = _number(default=None, help_text="E.g. litres of drinking water in stock")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class PointInSerializer(serializers.Serializer):
    """What a client may send; the services check the rules that span fields (e.g. inside NL)."""

    code = serializers.CharField(max_length=20, help_text="Unique in the region")
    name = serializers.CharField(max_length=200)
    tier = serializers.ChoiceField(choices=Tier.choices, required=False)
    lifecycle = serializers.ChoiceField(choices=Lifecycle.choices, required=False)
    building_type = serializers.ChoiceField(choices=BuildingType.choices, required=False)
    street = serializers.CharField(max_length=200, required=False, allow_blank=True)
    house_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    lon = serializers.FloatField(
        min_value=NL_BOUNDS_WGS84[0], max_value=NL_BOUNDS_WGS84[2], help_text="WGS84 longitude"
    )
    lat = serializers.FloatField(
        min_value=NL_BOUNDS_WGS84[1], max_value=NL_BOUNDS_WGS84[3], help_text="WGS84 latitude"
    )
    capacity = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True
    )
    wheelchair_accessible = serializers.BooleanField(required=False, allow_null=True)
    open_within_minutes = serializers.IntegerField(
        min_value=0, max_value=10_000, required=False, allow_null=True
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)  # type: ignore[assignment]
    generator_kw = _number()
    mobile_generator_connection = serializers.BooleanField(required=False, allow_null=True)
    battery_kwh = _number()
    solar_kw = _number()
    power_need_kw = _number()
    fuel_litres = _number()
    fuel_consumption_lph = _number()
    generator_last_test = serializers.DateField(required=False, allow_null=True)
    coordination_point = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="Code of the coordination point; required for an emergency support point",
    )
    services = ServiceSerializer(
        many=True, required=False, help_text="Rows of the services matrix to set"
    )
    comms = serializers.ListField(
        child=serializers.ChoiceField(choices=CommsKind.choices),
        required=False,
        max_length=len(CommsKind.values),
        help_text="The point's means of communication (replaces the list)",
    )


class PointServiceOutSerializer(serializers.Serializer):
    service = serializers.CharField()
    available = serializers.BooleanField()
    as_of = serializers.DateField(allow_null=True)
    quantity = serializers.FloatField(allow_null=True)
    note = serializers.CharField()


class PointSerializer(serializers.ModelSerializer):
    municipality: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    area: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    coordination_point: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    services = PointServiceOutSerializer(many=True, read_only=True)
    comms = serializers.SerializerMethodField()
    power_autonomy_hours = serializers.SerializerMethodField()

    class Meta:
        model = SupportPoint
        fields = [
            "code", "name", "tier", "lifecycle", "building_type", "street", "house_number",
            "postcode", "city", "lon", "lat", "municipality", "area", "coordination_point",
            "capacity", "wheelchair_accessible", "open_within_minutes", "notes", "source",
            "generator_kw", "mobile_generator_connection", "battery_kwh", "solar_kw",
            "power_need_kw", "fuel_litres", "fuel_consumption_lph", "generator_last_test",
            "power_autonomy_hours", "services", "comms", "norm_result", "norm_gaps",
            "norm_checked_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_comms(self, obj: SupportPoint) -> list[str]:
        return sorted(c.kind for c in obj.comms.all())

    def get_power_autonomy_hours(self, obj: SupportPoint) -> float | None:
        return autonomy_hours(obj)[0]


class OutcomeSerializer(serializers.Serializer):
    rule = serializers.CharField()
    result = serializers.CharField(help_text="pass, fail or unknown")
    reason = serializers.CharField(help_text="Why, in plain words, in the language of the request")
    default = serializers.BooleanField(help_text="The rule's threshold is a default of the region")


def _region(user: Any) -> Region | None:
    return getattr(user, "region", None)


def _save(request: Request, point: SupportPoint | None, partial: bool) -> SupportPoint:
    """Validate the body and save through the services, all or nothing, within the user's scope."""
    region = point.region if point is not None else _region(request.user)
    if region is None or not access.can_register_points(request.user, region):
        raise ApiDenied("You may not register or change support points.")
    incoming = PointInSerializer(data=request.data, partial=partial)
    incoming.is_valid(raise_exception=True)
    values = dict(incoming.validated_data)
    coordination = values.pop("coordination_point", None)
    rows = values.pop("services", None)
    comms = values.pop("comms", None)
    try:
        with transaction.atomic():
            saved = services.save_point(
                region=region,
                data=values,
                point=point,
                coordination_code=coordination.strip().upper()
                if coordination is not None
                else None,
                allowed_municipalities=access.editable_municipality_ids(request.user, region),
            )
            if rows is not None:
                services.set_services(
                    point=saved, services={row.pop("service"): row for row in rows}
                )
            if comms is not None:
                services.set_comms(point=saved, kinds=comms)
    except ValidationError as exc:
        if point is not None:
            point.refresh_from_db()
        raise ApiValidationError(exc.message_dict) from None
    return saved


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("tier", str, enum=Tier.values, description="Only points of this tier"),
            OpenApiParameter("lifecycle", str, enum=Lifecycle.values),
            OpenApiParameter("municipality", str, description="CBS code, e.g. GM0828"),
            OpenApiParameter("norm", str, enum=NormResult.values, description="Norm result"),
            OpenApiParameter(
                "missing", str, enum=Service.values, description="Service not offered"
            ),
        ]
    )
)
class SupportPointViewSet(viewsets.ModelViewSet):
    """Support points of the user's region. Officers write only in their own municipalities;
    points are retired (lifecycle), never deleted."""

    queryset = SupportPoint.objects.none()
    serializer_class = PointSerializer
    permission_classes = [AppUser]
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]+"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _visible(self) -> SupportPointQuerySet:
        region = _region(self.request.user)
        if region is None:
            return SupportPoint.objects.none()
        points = access.visible_points(self.request.user, region)
        return points.select_related("municipality", "area", "coordination_point").prefetch_related(
            "services", "comms"
        )

    def get_queryset(self) -> SupportPointQuerySet:
        points = self._visible()
        if self.action != "list":  # the filters narrow the list only, never a read or a write
            return points
        params = self.request.query_params
        for name, field, choices in (
            ("tier", "tier", Tier.values),
            ("lifecycle", "lifecycle", Lifecycle.values),
            ("norm", "norm_result", NormResult.values),
        ):
            value = query_choice(self.request, name, choices)
            if value is not None:
                points = points.filter(**{field: value})
        municipality = params.get("municipality", "")
        if municipality.isascii() and municipality.isalnum():  # a CBS code, never raw bytes
            points = points.filter(municipality__code=municipality.upper())
        missing = query_choice(self.request, "missing", Service.values)
        if missing is not None:
            points = points.missing_service(missing)
        return points

    def get_object(self) -> SupportPoint:
        code = str(self.kwargs["code"]).upper()
        point = self.get_queryset().filter(code=code).first()
        if point is None:
            raise Http404("no such point")
        return point

    @extend_schema(request=PointInSerializer, responses={201: PointSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register a point; municipality and area follow from lon/lat."""
        point = _save(request, None, partial=False)
        return Response(PointSerializer(self._fresh(point)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PointInSerializer, responses={200: PointSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a point (PUT: the whole point; PATCH: only the fields sent)."""
        point = self.get_object()
        if not access.can_edit_point(request.user, point):
            raise ApiDenied("You may not change this point.")
        point = _save(request, point, partial=kwargs.get("partial", False))
        return Response(PointSerializer(self._fresh(point)).data)

    @extend_schema(request=PointInSerializer, responses={200: PointSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        responses={
            200: inline_serializer(
                "Assessment",
                {
                    "code": serializers.CharField(),
                    "result": serializers.CharField(help_text="pass, fail or unknown"),
                    "outcomes": OutcomeSerializer(many=True),
                },
            )
        }
    )
    @action(detail=True, methods=["get"])
    def assessment(self, request: Request, code: str | None = None) -> Response:
        """The point against the region's current norm profile: pass, fail or unknown per rule."""
        point = self.get_object()
        result = services.assessment(point)
        outcomes = [
            {"rule": o.rule_id, "result": o.result, "reason": str(o.reason), "default": o.default}
            for o in result.outcomes
        ]
        return Response({"code": point.code, "result": result.result, "outcomes": outcomes})

    def _fresh(self, point: SupportPoint) -> SupportPoint:
        """The point as saved, read within the user's scope but without the list filters."""
        return self._visible().get(pk=point.pk)


def register(router: Any) -> None:
    router.register("support-points", SupportPointViewSet, basename="support-point")
