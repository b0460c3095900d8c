from django.urls import path

from paraat.sync import views

app_name = "sync"

urlpatterns = [
    path("", views.instance, name="instance"),
    path("conflicts/", views.conflicts, name="conflicts"),
]
