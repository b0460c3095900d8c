from django.urls import path

from paraat.community import views, views_handover, views_initiatives, views_partners, views_public

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
    path(
        "incidents/<int:pk>/requests/<int:request_id>/hand-over/",
        views_handover.hand_over,
        name="hand-over",
    ),
    path("initiatives/", views_initiatives.initiative_list, name="initiatives"),
    path("initiatives/new/", views_initiatives.initiative_create, name="initiative-create"),
    path("initiatives/<int:pk>/", views_initiatives.initiative_detail, name="initiative"),
    path(
        "initiatives/<int:pk>/review/",
        views_initiatives.initiative_review,
        name="initiative-review",
    ),
    path("partners/", views_partners.partner_list, name="partners"),
    path("partners/new/", views_partners.partner_form, name="partner-create"),
    path("partners/<int:pk>/", views_partners.partner_detail, name="partner"),
    path("partners/<int:pk>/edit/", views_partners.partner_form, name="partner-edit"),
    path(
        "partners/<int:pk>/contacts/",
        views_partners.partner_contact_add,
        name="partner-contact-add",
    ),
    path(
        "partners/<int:pk>/contacts/<int:contact_id>/remove/",
        views_partners.partner_contact_remove,
        name="partner-contact-remove",
    ),
    path("partners/<int:pk>/clients/", views_partners.partner_clients, name="partner-clients"),
    # Without login
    path(
        "initiatives/propose/<str:region>/",
        views_initiatives.initiative_propose,
        name="initiative-propose",
    ),
    path("join/", views_public.join_default, name="join-default"),
    path("join/<str:region>/", views_public.join, name="join"),
    path("confirm/<str:token>/", views_public.confirm, name="confirm"),
    path("me/<str:token>/", views_public.me, name="me"),
    path("me/<str:token>/export/", views_public.me_export, name="me-export"),
    path("me/<str:token>/erase/", views_public.me_erase, name="me-erase"),
    path("r/<str:token>/", views_public.answer, name="answer"),
]
