from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from paraat.accounts.constants import STAFF_ROLES, Role


class User(AbstractUser):
    """A person who works with Paraat. One role; its scope is a region and, for officers, municipalities."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    region = models.ForeignKey(
        "areas.Region",
        verbose_name=_("safety region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    municipalities = models.ManyToManyField(
        "areas.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="officers",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class LoginGate(models.Model):
    """One row per client address, locked while a login attempt from it is checked (see lockout)."""

    address = models.CharField(max_length=45, unique=True)

    class Meta:
        verbose_name = _("login gate")
        verbose_name_plural = _("login gates")

    def __str__(self) -> str:
        return self.address


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, now: object) -> ApiTokenQuerySet:
        """Not revoked, not expired, and the account still active."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)

    def of_user(self, user: User) -> ApiTokenQuerySet:
        return self.filter(user=user).order_by("-created_at")


class ApiToken(models.Model):
    """A key for the API. Only its SHA-256 hash is stored: the key itself is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user.username} {self.prefix}…"


class SetupToken(models.Model):
    """The one-time key that opens the first-run web setup (`paraat setup-token`). Hashed."""

    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("setup token")
        verbose_name_plural = _("setup tokens")

    def __str__(self) -> str:
        return f"setup token {self.created_at:%Y-%m-%d %H:%M}"
