"""All of /api/v1: each app registers its viewsets on the one router."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from paraat.areas import api as areas_api
from paraat.community import api as community_api
from paraat.operations import api as operations_api
from paraat.planning import api as planning_api
from paraat.supportpoints import api as supportpoints_api
from paraat.sync import api as sync_api

router = DefaultRouter()
router.register("regions", areas_api.RegionViewSet, basename="region")
router.register("municipalities", areas_api.MunicipalityViewSet, basename="municipality")
router.register("areas", areas_api.AreaViewSet, basename="area")


operations_api.register(router)
supportpoints_api.register(router)
planning_api.register(router)
community_api.register(router)

urlpatterns = [
    path("sync/changes/", sync_api.ChangesView.as_view(), name="sync-changes"),
    path("sync/snapshot/", sync_api.SnapshotView.as_view(), name="sync-snapshot"),
    *router.urls,
]
