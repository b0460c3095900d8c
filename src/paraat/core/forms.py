"""What the forms of every app share: a service's errors on the form, numbers with a comma."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, renames: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: each message on its field (``renames``
    maps a service's field name to the form's), or on the form as a whole when the service names
    a field the form does not have or no field at all."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, problems in error.message_dict.items():
        target = (renames or {}).get(name, name)
        form.add_error(target if target in form.fields else None, problems)


class DecimalCommaInput(forms.TextInput):
    """A text box for numbers that shows stored values with a Dutch decimal comma."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        shown = super().format_value(value)
        return shown.replace(".", ",") if isinstance(value, float) and shown else shown


class DecimalCommaField(forms.FloatField):
    """Accepts '51,765' as well as '51.765': people type on Dutch keyboards and phones."""

    widget = DecimalCommaInput

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)
