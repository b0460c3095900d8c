from django.urls import path

from paraat.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/delete/", views.item_delete, name="delete"),
    path("<int:pk>/download/", views.item_download, name="download"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
]
