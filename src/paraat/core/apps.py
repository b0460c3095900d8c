from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "paraat.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from paraat.core import audit

        audit.connect_signals()
