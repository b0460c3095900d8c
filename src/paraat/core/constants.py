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


class JobKind(models.TextChoices):
    OPTIMISATION = "optimisation", _("siting optimisation")
    PUBLIC_EXPORT = "public_export", _("export of the public site")
    AREA_IMPORT = "area_import", _("import of areas")
    POINT_IMPORT = "point_import", _("import of support points")
    SYNC = "sync", _("exchange with another Paraat")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
