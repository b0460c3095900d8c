from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.accounts.constants import Role
from paraat.accounts.tokens import DEFAULT_DAYS, MAX_DAYS
from paraat.areas.models import Municipality
from paraat.supportpoints.models import SupportPoint


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
    )


class InviteForm(forms.Form):
    """A new account of the coordinator's region; the holder sets a password from the e-mail."""

    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities (municipal officers)"),
        queryset=Municipality.objects.none(),
        required=False,
    )
    points = forms.ModelMultipleChoiceField(
        label=_("Support points (point leads)"),
        queryset=SupportPoint.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, region: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = self.fields["municipalities"]
        points = self.fields["points"]
        assert isinstance(municipalities, forms.ModelMultipleChoiceField)
        assert isinstance(points, forms.ModelMultipleChoiceField)
        municipalities.queryset = Municipality.objects.in_region(region).order_by("name")
        points.queryset = SupportPoint.objects.filter(region=region).order_by("code")


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("What the key is for"), max_length=100, required=False)
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )
