from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportPointsConfig(AppConfig):
    name = "paraat.supportpoints"
    verbose_name = _("Support points")
