"""What the forms of every app share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message on its field, or on the form
    as a whole when the service names a field the form does not have."""
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)
