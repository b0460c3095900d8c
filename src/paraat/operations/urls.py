from django.urls import path

from paraat.operations import views

app_name = "operations"
urlpatterns = [
    path("", views.incident_list, name="incidents"),
    path("card/<str:code>/", views.card_view, name="card"),
    path("<int:pk>/", views.incident_view, name="incident"),
    path("<int:pk>/activate/", views.activate_view, name="activate"),
    path("<int:pk>/phase/", views.phase_view, name="phase"),
    path("<int:pk>/report/", views.report_view, name="report"),
    path("<int:pk>/line/", views.line_view, name="line"),
    path("<int:pk>/checklist/", views.checklist_view, name="checklist"),
    path("<int:pk>/requests/", views.requests_view, name="requests"),
    path(
        "<int:pk>/requests/<int:request_id>/<str:step>/",
        views.request_action,
        name="request-action",
    ),
    path("<int:pk>/log/", views.log_view, name="log"),
    path("<int:pk>/relay/", views.relay_view, name="relay"),
    path(
        "<int:pk>/relay/<int:relay_id>/outcome/",
        views.relay_outcome_view,
        name="relay-outcome",
    ),
    path("<int:pk>/sitrep/", views.sitrep_view, name="sitrep"),
    path("<int:pk>/metrics/", views.metrics_view, name="metrics"),
    path("<int:pk>/injects/deliver/", views.deliver_injects_view, name="deliver-injects"),
]
