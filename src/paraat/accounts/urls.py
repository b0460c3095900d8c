from django.urls import path

from paraat.accounts import views, views_people

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.verify_view, name="verify"),
    path("login/setup/", views.setup_view, name="setup"),
    path("lockouts/", views.lockouts_view, name="lockouts"),
    path("logout/", views.logout_view, name="logout"),
    path("me/", views_people.me_view, name="me"),
    path("me/tokens/<int:pk>/revoke/", views_people.revoke_token_view, name="revoke_token"),
    path("people/", views_people.people_view, name="people"),
    path("people/<int:pk>/deactivate/", views_people.deactivate_view, name="deactivate"),
    path("people/<int:pk>/invite/", views_people.reinvite_view, name="reinvite"),
    path(
        "people/<int:pk>/reset-second-factor/",
        views_people.reset_second_factor_view,
        name="reset_second_factor",
    ),
    path("password-reset/", views_people.password_reset_view, name="password_reset"),
    path(
        "invitation/<uidb64>/<token>/",
        views_people.SetPasswordView.as_view(),
        name="invitation",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views_people.SetPasswordView.as_view(),
        name="reset_confirm",
    ),
]
