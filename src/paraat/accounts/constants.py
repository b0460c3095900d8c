from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGION_COORDINATOR = "region_coordinator", _("Region coordinator")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer")
    CRISIS_OPERATOR = "crisis_operator", _("Crisis operator")
    POINT_LEAD = "point_lead", _("Point lead")
    VIEWER = "viewer", _("Viewer")
    # People of vital partners, column partners and municipal advisers (AOV, IV): they see the
    # knowledge platform (what is shared with the region or their organisation) and nothing else.
    PARTNER = "partner", _("Partner")


# Roles that see personal data or steer operations log in with a second factor.
STAFF_ROLES = frozenset({Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER, Role.CRISIS_OPERATOR})
