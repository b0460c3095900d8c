from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "paraat.sync"
    verbose_name = _("Laptop instances and synchronisation")
