"""Public pages under /public/ (Dutch) and /public/en/ (English); editors under /public/editor/.

With several regions in one installation every resident page is also under /public/<code>/ (and
/public/<code>/en/), the same names with a ``region`` argument: ``reverse("publicinfo:home",
kwargs={"region": "VR21"})``. /public/ itself then lists the regions.
"""

from collections.abc import Callable

from django.http import HttpResponse
from django.urls import URLPattern, include, path

from paraat.publicinfo import converters, views

app_name = "publicinfo"
converters.register()


def _both(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    """The Dutch page and its English twin under en/."""
    return [
        path(route, view, {"lang": "nl"}, name=name),
        path(f"en/{route}", view, {"lang": "en"}, name=f"{name}-en"),
    ]


resident_patterns = [
    *_both("", views.home, "home"),
    *_both("lookup/", views.lookup, "lookup"),
    *_both("near/", views.near, "near"),
    *_both("postcode/<str:code>/", views.postcode, "postcode"),
    *_both("postcodes/", views.postcodes, "postcodes"),
    *_both("prepare/", views.checklist, "checklist"),
    *_both("advice/", views.advice_index, "advice"),
    *_both("advice/<str:risk>/", views.advice_risk, "advice-risk"),
    *_both("about/", views.about, "about"),
    *_both("offline/", views.offline, "offline"),
    *_both("posters/area/<str:kind>/<str:code>.pdf", views.area_poster, "area-poster"),
    *_both("posters/point/<str:code>.pdf", views.point_poster, "point-poster"),
    path("data/points.json", views.points_json, name="points-json"),
    path("data/postcodes.json", views.postcodes_json, name="postcodes-json"),
    path("data/postcode/<str:code>.json", views.postcode_json, name="postcode-json"),
    path("cap/<str:name>", views.cap_document, name="cap"),
    path("alerts.atom", views.alerts_feed, name="feed"),
    *_both("manifest.webmanifest", views.manifest, "manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
]

urlpatterns = [
    *resident_patterns,
    path("editor/advice/", views.advice_overview, name="editor-advice"),
    path("editor/advice/<int:pk>/", views.advice_edit, name="editor-advice-edit"),
    path("editor/contacts/", views.contacts_edit, name="editor-contacts"),
    path("editor/export/", views.export_start, name="editor-export"),
    path("<region:region>/logo", views.region_logo, name="logo"),
    path("<region:region>/", include(resident_patterns)),
]
