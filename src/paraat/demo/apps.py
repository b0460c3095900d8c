from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "paraat.demo"
    label = "paraat_demo"
    verbose_name = _("Demo region")
