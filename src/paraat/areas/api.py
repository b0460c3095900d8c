"""REST API for the region's geography under /api/v1; same access rules as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from paraat.accounts import access as accounts_access
from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.core.audit import set_actor


class AppUser(permissions.BasePermission):
    """Authenticated, active, and (for staff roles where required) past the second factor.

    API tokens are issued to a person after a full login, so a token counts as the second factor.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        set_actor(user)
        if request.auth is not None:
            return accounts_access.is_active(user)
        return accounts_access.can_use_app(user)


class PopulationSerializerMixin(serializers.Serializer):
    population_shown = serializers.SerializerMethodField()

    def get_population_shown(self, obj: Any) -> dict[str, Any]:
        data: dict[str, Any] = obj.population_shown()
        return data


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name"]


class MunicipalitySerializer(PopulationSerializerMixin, serializers.ModelSerializer):
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Municipality
        fields = ["id", "code", "name", "region", "point_lon", "point_lat", "population_shown"]


class AreaSerializer(PopulationSerializerMixin, serializers.ModelSerializer):
    municipality: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Area
        fields = [
            "id",
            "kind",
            "code",
            "name",
            "municipality",
            "point_lon",
            "point_lat",
            "population_shown",
        ]


def _user_region_ids(user: Any) -> list[int]:
    if user.is_superuser:
        return list(Region.objects.values_list("pk", flat=True))
    return [user.region_id] if user.region_id else []


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.none()  # for the schema; get_queryset scopes to the user
    serializer_class = RegionSerializer
    permission_classes = [AppUser]

    def get_queryset(self) -> QuerySet[Region]:
        return Region.objects.filter(pk__in=_user_region_ids(self.request.user))


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Municipality.objects.none()
    serializer_class = MunicipalitySerializer
    permission_classes = [AppUser]
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Municipality]:
        return Municipality.objects.filter(
            region_id__in=_user_region_ids(self.request.user)
        ).select_related("region")


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, enum=AreaKind.values, description="Only areas of this kind"),
        OpenApiParameter(
            "municipality", str, description="Only areas in this municipality (CBS code)"
        ),
    ]
)
class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Area.objects.none()
    serializer_class = AreaSerializer
    permission_classes = [AppUser]

    def get_queryset(self) -> QuerySet[Area]:
        queryset = Area.objects.filter(
            municipality__region_id__in=_user_region_ids(self.request.user)
        )
        kind = self.request.query_params.get("kind")
        if kind:
            queryset = queryset.filter(kind=kind)
        municipality = self.request.query_params.get("municipality")
        if municipality:
            queryset = queryset.filter(municipality__code=municipality.upper())
        return queryset.select_related("municipality__region").order_by("kind", "code")
