from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "paraat.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.formats import number_format
        from django.utils.translation import gettext

        from paraat.core import audit
        from paraat.geo import text

        audit.connect_signals()
        # The pure modules' messages (file problems and the like) are shown translated.
        text.set_translator(
            gettext,
            lambda value, decimals, grouping: number_format(
                value, decimal_pos=decimals, force_grouping=grouping
            ),
        )
