from django.urls import path

from paraat.community import views, views_public

app_name = "community"
urlpatterns = [
    path("volunteers/", views.volunteer_list, name="volunteers"),
    path("volunteers/new/", views.volunteer_create, name="volunteer-create"),
    path("volunteers/import/", views.volunteer_import, name="import"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="volunteer"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteer-edit"),
    path("points/<str:code>/", views.point_roster, name="roster"),
    path("points/<str:code>/callout/", views.callout_create, name="callout-create"),
    path("points/<str:code>/spontaneous/", views.spontaneous, name="spontaneous"),
    path("callouts/<int:pk>/", views.callout_detail, name="callout"),
    # Without login
    path("join/", views_public.join_default, name="join-default"),
    path("join/<str:region>/", views_public.join, name="join"),
    path("confirm/<str:token>/", views_public.confirm, name="confirm"),
    path("me/<str:token>/", views_public.me, name="me"),
    path("me/<str:token>/export/", views_public.me_export, name="me-export"),
    path("me/<str:token>/erase/", views_public.me_erase, name="me-erase"),
    path("r/<str:token>/", views_public.answer, name="answer"),
]
