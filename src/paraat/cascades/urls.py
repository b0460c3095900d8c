from django.urls import path

from paraat.cascades import views

app_name = "cascades"
urlpatterns = [
    path("", views.timeline_view, name="timeline"),
    path("print/", views.print_view, name="print"),
    path("chart.<str:fmt>", views.chart_view, name="chart"),
    path("figures/", views.figures_view, name="figures"),
    path("injects/", views.injects_view, name="injects"),
]
