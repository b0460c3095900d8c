from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "paraat.sync"
    verbose_name = _("Laptop instances and synchronisation")

    def ready(self) -> None:
        from paraat.core import changes
        from paraat.sync import journal

        journal.connect()
        changes.register(
            batch=journal.batch, locked=journal.locked, values=journal.values, saved=journal.saved
        )
