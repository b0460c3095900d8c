from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ResolveForm(forms.Form):
    """Keep the value the record has now, or put the other instance's value in its place."""

    KEEP = "keep"
    TAKE = "take"

    conflict = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("Decision"),
        choices=[(KEEP, _("Keep this side's value")), (TAKE, _("Take the other value"))],
    )
