"""The regional programme: lines x municipalities, ambitions, activities, reports."""

from django.urls import path

from paraat.programme import views, views_continuity, views_reports, views_training

app_name = "programme"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("setup/", views.setup, name="setup"),
    path("lines/new/", views.line_edit, name="line-create"),
    path("lines/<int:pk>/", views.line_edit, name="line-edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="line-delete"),
    path("activities/new/", views.activity_edit, name="activity-create"),
    path("activities/<int:pk>/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity-delete"),
    path("continuity/", views_continuity.registers, name="continuity"),
    path("continuity/new/", views_continuity.process_edit, name="process-create"),
    path("continuity/<int:pk>/", views_continuity.process_edit, name="process-edit"),
    path("continuity/<int:pk>/delete/", views_continuity.process_delete, name="process-delete"),
    path("calendar/", views_training.calendar_view, name="calendar"),
    path("calendar/new/", views_training.training_edit, name="training-create"),
    path("calendar/exercised/", views_training.exercised_view, name="exercised"),
    path("calendar/<int:pk>/", views_training.training_edit, name="training-edit"),
    path("calendar/<int:pk>/delete/", views_training.training_delete, name="training-delete"),
    path("report/", views_reports.region_report, name="region-report"),
    path("<str:code>/", views.municipality, name="municipality"),
    path("<str:code>/lines/<int:line>/", views.ambition_edit, name="ambition-edit"),
    path("<str:code>/lines/<int:line>/delete/", views.ambition_delete, name="ambition-delete"),
    path("<str:code>/report/", views_reports.municipality_report, name="report"),
]
