from django.urls import path

from paraat.supportpoints import views, views_exchange

app_name = "supportpoints"
urlpatterns = [
    path("", views.point_list, name="list"),
    path("new/", views.point_create, name="create"),
    path("readiness/", views.readiness, name="readiness"),
    path("readiness/<str:code>/", views.readiness_municipality, name="readiness-municipality"),
    path("norm/", views.norm_profile, name="norm"),
    path("exchange/", views_exchange.exchange_page, name="exchange"),
    path("exchange/export/", views_exchange.export_download, name="export"),
    path("<str:code>/", views.point_detail, name="detail"),
    path("<str:code>/edit/", views.point_edit, name="edit"),
    path("<str:code>/energy/", views.energy_edit, name="energy"),
    path("<str:code>/services/", views.services_edit, name="services"),
    path("<str:code>/comms/", views.comms_edit, name="comms"),
    path("<str:code>/contacts/new/", views.contact_edit, name="contact-add"),
    path("<str:code>/contacts/<int:pk>/", views.contact_edit, name="contact-edit"),
    path("<str:code>/contacts/<int:pk>/remove/", views.contact_remove, name="contact-remove"),
    path("<str:code>/inspect/", views.inspect, name="inspect"),
    path("<str:code>/tasks/<int:pk>/done/", views.task_done, name="task-done"),
]
