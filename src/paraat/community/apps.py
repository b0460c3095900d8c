from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "paraat.community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from paraat.community.roster import understaffed_points
        from paraat.operations import picture

        picture.register_staffing_source(understaffed_points)
