from django.urls import path

from paraat.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("coverage/new/", views.coverage_new, name="coverage-new"),
    path("coverage/<int:pk>/", views.coverage_detail, name="coverage"),
    path(
        "coverage/<int:pk>/export.<str:fmt>",
        views.export,
        {"kind": "coverage"},
        name="coverage-export",
    ),
    path("coverage/<int:pk>/report/", views.report, {"kind": "coverage"}, name="coverage-report"),
    path("optimise/new/", views.optimise_new, name="optimise-new"),
    path("optimise/<int:pk>/", views.optimisation_detail, name="optimisation"),
    path(
        "optimise/<int:pk>/export.<str:fmt>",
        views.export,
        {"kind": "optimisation"},
        name="optimisation-export",
    ),
    path(
        "optimise/<int:pk>/report/",
        views.report,
        {"kind": "optimisation"},
        name="optimisation-report",
    ),
    path("networks/", views.networks, name="networks"),
]
