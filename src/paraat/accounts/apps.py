from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "paraat.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from paraat.accounts import lockout

        lockout.connect()
        # Registers the API token scheme with drf-spectacular (the OpenAPI document).
        from paraat.accounts import authentication  # noqa: F401
