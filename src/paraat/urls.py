from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from paraat.areas import views_setup
from paraat.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("setup/", views_setup.setup_view, name="setup"),
    path("accounts/", include("paraat.accounts.urls")),
    path("region/", include("paraat.areas.urls")),
    path("audit/", site_views.audit_trail, name="audit"),
    path("jobs/", site_views.job_list, name="jobs"),
    path("jobs/<int:pk>/", site_views.job_detail, name="job"),
    path("jobs/<int:pk>/download/", site_views.job_download, name="job-download"),
    path("health/", site_views.health, name="health"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/openapi.json",
        SpectacularJSONAPIView.as_view(),
        name="api-openapi-json",
    ),
    path("api/v1/", include("paraat.api_urls")),
    path("points/", include("paraat.supportpoints.urls")),
    path("operations/", include("paraat.operations.urls")),
    path("outage-clock/", include("paraat.cascades.urls")),
    path("public/", include("paraat.publicinfo.urls")),
    path("alerts/", include("paraat.alerts.urls")),
    path("planning/", include("paraat.planning.urls")),
    path("community/", include("paraat.community.urls")),
    path("programme/", include("paraat.programme.urls")),
    path("knowledge/", include("paraat.knowledge.urls")),
    path("sync/", include("paraat.sync.urls")),
]

if settings.DEBUG:  # pragma: no cover
    pass
