from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicInfoConfig(AppConfig):
    name = "paraat.publicinfo"
    verbose_name = _("Public information")

    def ready(self) -> None:
        from paraat.publicinfo import signals

        signals.connect()
