from django.urls import path

from paraat.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.verify_view, name="verify"),
    path("login/setup/", views.setup_view, name="setup"),
    path("lockouts/", views.lockouts_view, name="lockouts"),
    path("logout/", views.logout_view, name="logout"),
]
