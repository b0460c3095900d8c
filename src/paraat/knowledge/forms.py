"""Forms of the knowledge pages. They parse input; the services check and store."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.areas.models import Municipality, Region
from paraat.core.uploads import LimitedFileField, max_mb
from paraat.knowledge.constants import ItemKind, ProgrammeLine, Risk
from paraat.knowledge.models import KnowledgeItem, Organisation


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *ItemKind.choices]
    )
    programme_line = forms.ChoiceField(
        label=_("Programme line"), required=False, choices=[("", _("All")), *ProgrammeLine.choices]
    )
    risk = forms.ChoiceField(
        label=_("Risk"), required=False, choices=[("", _("All")), *Risk.choices]
    )


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    programme_line = forms.ChoiceField(
        label=_("Programme line"), required=False, choices=[("", "—"), *ProgrammeLine.choices]
    )
    risk = forms.ChoiceField(label=_("Risk"), required=False, choices=[("", "—"), *Risk.choices])
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Separated by commas.")
    )
    file = LimitedFileField(kind="knowledge", label=_("File"), required=False)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    starts_at = forms.DateTimeField(
        label=_("Date and time (events)"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    location = forms.CharField(label=_("Location (events)"), required=False, max_length=200)
    region_wide = forms.BooleanField(
        label=_("Share with the whole region"), required=False, initial=True
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Or share with these organisations"), required=False,
        queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    municipalities = forms.ModelMultipleChoiceField(
        label=_("And these municipalities"), required=False,
        queryset=Municipality.objects.none(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.filter(region=region).order_by("name")
        self.fields["organisations"].queryset = Organisation.objects.filter(region=region)  # type: ignore[attr-defined]
        self.fields["municipalities"].queryset = municipalities  # type: ignore[attr-defined]
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "PDF, Word (DOCX) or PowerPoint (PPTX), at most %(limit)s MB. Needed for "
                "documents and presentations."
            ) % {"limit": max_mb("knowledge")}

    def to_data(self) -> dict[str, Any]:
        names = ("kind", "title", "description", "programme_line", "risk", "tags", "url",
                 "starts_at", "location", "region_wide")  # fmt: skip
        return {name: self.cleaned_data[name] for name in names}


class ItemEditForm(ItemForm):
    """Correcting an item: its words, line, risk and sharing; its kind and file stay."""

    kind = None  # type: ignore[assignment]
    file = None  # type: ignore[assignment]
    url = None  # type: ignore[assignment]
    starts_at = None  # type: ignore[assignment]
    location = None  # type: ignore[assignment]

    @classmethod
    def initial_for(cls, item: KnowledgeItem) -> dict[str, Any]:
        return {
            "title": item.title, "description": item.description,
            "programme_line": item.programme_line, "risk": item.risk,
            "tags": ", ".join(item.tags), "region_wide": item.region_wide,
            "organisations": item.shared_with_organisations.all(),
            "municipalities": item.shared_with_municipalities.all(),
        }  # fmt: skip

    def to_data(self) -> dict[str, Any]:
        names = ("title", "description", "programme_line", "risk", "tags", "region_wide")
        return {name: self.cleaned_data[name] for name in names}


class AttendanceForm(forms.Form):
    attendee_count = forms.IntegerField(label=_("Number of attendees"), required=False, min_value=0)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations present"), required=False,
        queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(region=region)  # type: ignore[attr-defined]
