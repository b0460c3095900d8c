"""Editors' forms: one advice text, and the municipalities' public numbers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paraat.areas.models import Municipality, Region
from paraat.publicinfo import readability, services
from paraat.publicinfo.models import ActionAdvice, MunicipalityContact


def advice_warnings(title: str, body: str, language: str) -> list[str]:
    """Plain-language warnings for a text, as shown on the edit form and the overview."""
    report = readability.assess(f"{title}.\n{body}", language)
    messages: list[str] = []
    long_words = [w.detail for w in report.warnings if w.kind == "long_word"]
    for warning in report.warnings:
        if warning.kind == "long_sentence":
            messages.append(
                _("Long sentence (%(n)s words): “%(sentence)s”. Split it in two.")
                % {"n": len(readability.words(warning.detail)), "sentence": warning.detail}
            )
        elif warning.kind == "average":
            messages.append(
                _("Sentences have %(n)s words on average; aim for 12 or fewer.")
                % {"n": warning.detail}
            )
        elif warning.kind == "score":
            messages.append(
                _("Reading ease score %(score)s is below %(min)s: use shorter words and sentences.")
                % {"score": warning.detail, "min": int(readability.MIN_SCORE)}
            )
    if long_words:
        messages.append(
            _("Long words: %(words)s. Use shorter, common words where you can.")
            % {"words": ", ".join(long_words)}
        )
    return messages


class AdviceForm(forms.ModelForm):
    class Meta:
        model = ActionAdvice
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def warnings(self) -> list[str]:
        title = (
            self.data.get("title", self.instance.title) if self.is_bound else self.instance.title
        )
        body = self.data.get("body", self.instance.body) if self.is_bound else self.instance.body
        return advice_warnings(str(title), str(body), self.instance.language)


class ContactsForm(forms.Form):
    """A phone number and website per municipality of the region."""

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = list(Municipality.objects.in_region(region).order_by("name"))
        known = {
            c.municipality_id: c
            for c in MunicipalityContact.objects.filter(municipality__in=self.municipalities)
        }
        for m in self.municipalities:
            contact = known.get(m.pk)
            self.fields[f"phone_{m.code}"] = forms.CharField(
                label=gettext_lazy("Phone number of %(name)s") % {"name": m.name},
                required=False,
                max_length=30,
                initial=contact.phone if contact else "",
            )
            self.fields[f"website_{m.code}"] = forms.URLField(
                label=gettext_lazy("Website of %(name)s") % {"name": m.name},
                required=False,
                initial=contact.website if contact else "",
                assume_scheme="https",
            )

    def save(self) -> None:
        services.save_contacts(
            rows=[
                (m, self.cleaned_data[f"phone_{m.code}"], self.cleaned_data[f"website_{m.code}"])
                for m in self.municipalities
            ]
        )
