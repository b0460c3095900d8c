"""Planning API: read coverage and optimisation runs, and start one. Same rules as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied as ApiDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from paraat.areas.api import AppUser
from paraat.areas.models import Municipality, Region
from paraat.planning import access, documents, services
from paraat.planning.constants import (
    DEFAULT_CAPACITY,
    DEFAULT_THRESHOLD_M,
    DEFAULT_TIME_LIMIT,
    OptimisationModel,
    Weight,
)
from paraat.planning.models import CoverageRun, OptimisationRun, WalkingNetwork


class RunSerializer(serializers.Serializer):
    """A run as the command line prints it (figures include the map blocks)."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return documents.document(instance, with_cells=self.context.get("with_cells", True))


class CommonInSerializer(serializers.Serializer):
    municipality = serializers.CharField(required=False, allow_blank=True, default="")
    threshold_m = serializers.FloatField(required=False, default=DEFAULT_THRESHOLD_M)
    weight = serializers.ChoiceField(
        choices=Weight.choices, required=False, default=Weight.RESIDENTS
    )
    area_kind = serializers.CharField(required=False, allow_blank=True, default="")
    network = serializers.IntegerField(required=False, allow_null=True, default=None)


class CoverageInSerializer(CommonInSerializer):
    closed = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    added = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    capacity = serializers.IntegerField(required=False, min_value=1, default=DEFAULT_CAPACITY)


class OptimisationInSerializer(CommonInSerializer):
    model = serializers.ChoiceField(choices=OptimisationModel.choices)
    k = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    target = serializers.FloatField(required=False, allow_null=True, default=None)
    time_limit = serializers.FloatField(
        required=False, default=DEFAULT_TIME_LIMIT, min_value=0.1, max_value=120
    )
    capacity = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


def _region(request: Request) -> Region:
    region = getattr(request.user, "region", None)
    if region is None or not access.can_read(request.user, region):
        raise ApiDenied()
    return region


def _common(request: Request, region: Region, data: dict[str, Any]) -> dict[str, Any]:
    municipality = None
    if data["municipality"]:
        municipality = (
            Municipality.objects.in_region(region).filter(code=data["municipality"].upper()).first()
        )
        if municipality is None:
            raise ApiValidationError({"municipality": ["Unknown municipality code."]})
    if not access.can_run(request.user, region, municipality):
        raise ApiDenied("You may not run planning here.")
    network = None
    if data["network"] is not None:
        network = WalkingNetwork.objects.filter(region=region, pk=data["network"]).first()
        if network is None:
            raise ApiValidationError({"network": ["Unknown walking network."]})
    return {
        "region": region,
        "user": request.user,
        "municipality": municipality,
        "threshold_m": data["threshold_m"],
        "weight": data["weight"],
        "area_kind": data["area_kind"] or None,
        "network": network,
    }


class _RunViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = RunSerializer
    permission_classes = [AppUser]

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "with_cells": self.action != "list"}

    def _start(
        self, request: Request, in_serializer: type[serializers.Serializer], run: Any
    ) -> Response:
        region = _region(request)
        data = in_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        common = _common(request, region, values)
        try:
            result = run(common, values)
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from None
        return Response(documents.document(result), status=status.HTTP_201_CREATED)


class CoverageRunViewSet(_RunViewSet):
    """Coverage runs of the user's region, newest first; POST starts one (a what-if with closed/added)."""

    queryset = CoverageRun.objects.none()

    def get_queryset(self) -> Any:
        region = _region(self.request)
        return (
            access.coverage_runs(self.request.user, region)
            .for_list()
            .defer(None)
            .select_related("region")
        )

    @extend_schema(request=CoverageInSerializer, responses={201: RunSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def run(common: dict[str, Any], values: dict[str, Any]) -> CoverageRun:
            return services.run_coverage(
                **common,
                closed=values["closed"],
                added=values["added"],
                capacity=values["capacity"],
            )

        return self._start(request, CoverageInSerializer, run)


class OptimisationRunViewSet(_RunViewSet):
    """Optimisation runs (proposals for new sites) of the user's region; POST starts one."""

    queryset = OptimisationRun.objects.none()

    def get_queryset(self) -> Any:
        region = _region(self.request)
        return (
            access.optimisation_runs(self.request.user, region)
            .for_list()
            .defer(None)
            .select_related("region")
        )

    @extend_schema(request=OptimisationInSerializer, responses={201: RunSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def run(common: dict[str, Any], values: dict[str, Any]) -> OptimisationRun:
            return services.run_optimisation(
                **common,
                model=values["model"],
                k=values["k"],
                target=values["target"],
                time_limit=values["time_limit"],
                capacity=values["capacity"],
            )

        return self._start(request, OptimisationInSerializer, run)


def register(router: Any) -> None:
    router.register("planning/coverage", CoverageRunViewSet, basename="coverage-run")
    router.register("planning/optimisations", OptimisationRunViewSet, basename="optimisation-run")
