from django.urls import path

from paraat.areas import views, views_settings

app_name = "areas"
urlpatterns = [
    path("", views.region_view, name="region"),
    path("settings/", views_settings.settings_view, name="settings"),
    path("import/", views.import_view, name="import"),
    path("areas.geojson", views.areas_geojson, name="areas-geojson"),
    path("municipality/<str:code>/", views.municipality_view, name="municipality"),
    path("area/<str:kind>/<str:code>/", views.area_view, name="area"),
]
