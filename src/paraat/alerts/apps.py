from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "paraat.alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        from paraat.alerts import public
        from paraat.publicinfo import bridge

        bridge.register(public)
