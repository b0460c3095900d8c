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


class ExchangeForm(forms.Form):
    """Exchange changes with another Paraat now (in the background worker)."""

    url = forms.URLField(
        label=_("Address of the other Paraat"),
        max_length=300,
        assume_scheme="https",
        help_text=_("For example https://paraat.vr21.nl (the region's server)."),
    )
    coordination_point = forms.CharField(
        label=_("Coordination point (code)"),
        max_length=40,
        required=False,
        help_text=_("Only this coordination point's records; empty: as at the last exchange."),
    )
