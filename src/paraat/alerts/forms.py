"""Forms of the alert pages. Labels are English msgids; the Dutch comes from the catalogue."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.alerts import presets
from paraat.alerts.constants import CapStatus, Category, Certainty, ResponseType, Severity, Urgency
from paraat.core.uploads import LimitedFileField

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
CODES = re.compile(r"[\s,;]+")


def _when(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


def split_codes(text: str) -> list[str]:
    return [code.upper() for code in CODES.split(text or "") if code]


class AreaFields(forms.Form):
    """The area: municipalities by tick box, districts or postcodes by code, or a drawn polygon."""

    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities"), required=False, widget=forms.CheckboxSelectMultiple
    )
    area_codes = forms.CharField(
        label=_("Districts or postcode areas (codes)"),
        required=False,
        help_text=_("For example WK079601 or 5211, separated by spaces or commas."),
    )

    def __init__(self, *args: Any, municipalities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipalities"]).choices = [
            (m.code, m.name) for m in municipalities
        ]

    def municipality_codes(self) -> list[str]:
        return list(self.cleaned_data.get("municipalities") or [])

    def area_code_list(self) -> list[str]:
        return split_codes(self.cleaned_data.get("area_codes", ""))


class TemplateForm(AreaFields):
    """Step 1: which risk, and where (for the advice and the nearest support points)."""

    risk = forms.ChoiceField(label=_("Template (risk)"))
    field_order = ["risk", "municipalities", "area_codes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["risk"]).choices = presets.risk_choices()


class AlertForm(AreaFields):
    risk = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(
        label=_("Kind of message"),
        choices=CapStatus.choices,
        help_text=_("Exercise and test alerts say so in every document and text."),
    )
    event = forms.CharField(label=_("Event"), max_length=120)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    response_type = forms.ChoiceField(
        label=_("What residents should do"), choices=ResponseType.choices
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    certainty = forms.ChoiceField(label=_("Certainty"), choices=Certainty.choices)
    effective = _when(_("In force from"))
    expires = _when(_("Expires"))
    headline_nl = forms.CharField(label=_("Headline (Dutch)"), max_length=160)
    description_nl = forms.CharField(
        label=_("What is happening (Dutch)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    instruction_nl = forms.CharField(
        label=_("What to do (Dutch)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    headline_en = forms.CharField(label=_("Headline (English)"), max_length=160)
    description_en = forms.CharField(
        label=_("What is happening (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    instruction_en = forms.CharField(
        label=_("What to do (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    web = forms.URLField(
        label=_("Web page with more information"), required=False, assume_scheme="https"
    )
    polygon = forms.CharField(
        label=_("Drawn area (WKT or GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A polygon in longitude and latitude (WGS 84), for example "
            "POLYGON((5.30 51.69, 5.33 51.69, 5.33 51.71, 5.30 51.69))."
        ),
    )
    area_desc = forms.CharField(label=_("Name of the drawn area"), max_length=500, required=False)
    field_order = [
        "status",
        "event",
        "category",
        "response_type",
        "urgency",
        "severity",
        "certainty",
        "effective",
        "expires",
        "headline_nl",
        "description_nl",
        "instruction_nl",
        "headline_en",
        "description_en",
        "instruction_en",
        "web",
        "municipalities",
        "area_codes",
        "polygon",
        "area_desc",
    ]

    def alert_data(self) -> dict[str, Any]:
        skip = {"municipalities", "area_codes", "polygon"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ImportForm(forms.Form):
    document = LimitedFileField(
        kind="cap",
        label=_("CAP 1.2 document"),
        help_text=_("An XML file with one CAP 1.2 alert."),
    )
