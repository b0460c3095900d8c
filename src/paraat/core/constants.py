from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VIEW = "view", _("viewed personal data")
    IMPORT = "import", _("imported")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed login")
    INVITE = "invite", _("invited")
    PASSWORD_RESET = "password_reset", _("password reset requested")
    SECOND_FACTOR_RESET = "second_factor_reset", _("second factor reset")
