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
