from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CascadesConfig(AppConfig):
    name = "paraat.cascades"
    verbose_name = _("Outage clock")
