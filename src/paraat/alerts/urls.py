from django.urls import path

from paraat.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("new/", views.alert_create, name="create"),
    path("import/", views.alert_import, name="import"),
    path("feed.atom", views.public_feed, name="feed"),
    path("cap/<str:name>", views.public_cap, name="cap"),
    path("exercise/feed.atom", views.exercise_feed, name="exercise-feed"),
    path("exercise/cap/<str:name>", views.exercise_cap, name="exercise-cap"),
    path("<int:pk>/", views.alert_detail, name="detail"),
    path("<int:pk>/edit/", views.alert_edit, name="edit"),
    path("<int:pk>/preview/", views.alert_preview, name="preview"),
    path("<int:pk>/follow-up/<str:kind>/", views.alert_follow_up, name="follow-up"),
    path("<int:pk>/<str:action>/", views.alert_action, name="action"),
]
