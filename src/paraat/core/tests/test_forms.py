"""The form helpers every app shares: a service's errors on the form, numbers with a comma."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from paraat.core.forms import DecimalCommaField, add_service_errors


class _Form(forms.Form):
    area_codes = forms.CharField(required=False)
    litres = DecimalCommaField(required=False)


def test_it_puts_a_renamed_field_error_on_the_form_field() -> None:
    form = _Form({})
    form.is_valid()
    add_service_errors(form, ValidationError({"areas": ["Unknown area"]}), {"areas": "area_codes"})
    assert form.errors == {"area_codes": ["Unknown area"]}


def test_it_puts_errors_of_unknown_fields_and_without_field_on_the_form() -> None:
    form = _Form({})
    form.is_valid()
    add_service_errors(form, ValidationError({"other": ["Wrong"]}))
    add_service_errors(form, ValidationError("Refused"))
    assert form.non_field_errors() == ["Wrong", "Refused"]


def test_it_reads_a_decimal_comma_and_shows_one() -> None:
    form = _Form({"litres": " 6,5 "})
    assert form.is_valid()
    assert form.cleaned_data["litres"] == 6.5
    assert 'value="6,5"' in str(_Form(initial={"litres": 6.5})["litres"])
