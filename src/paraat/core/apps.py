import functools

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
            _translated_in,
        )


@functools.lru_cache(maxsize=4096)
def _translated_in(message: str, language: str) -> str:
    """A pure module's message in ``language`` (``paraat.geo.text.in_language``); the catalogue
    does not change while the process runs, so each is looked up once."""
    from django.utils import translation

    from paraat.geo.text import CONTEXT

    with translation.override(language):
        if CONTEXT in message:
            context, _sep, text = message.partition(CONTEXT)
            return translation.pgettext(context, text)
        return translation.gettext(message)
