"""Upload size limits per kind of file, shared by every upload form and the CAP commands.

One officer must not be able to exhaust the server with one file: each kind has its own limit
(``PARAAT_UPLOAD_MAX_MB_AREAS``, ``_POINTS``, ``_CAP``; see docs/configuration.md).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _


def max_bytes(kind: str) -> int:
    """The largest file accepted for ``kind`` ("areas", "points" or "cap"), in bytes."""
    return int(settings.PARAAT_UPLOAD_MAX_MB[kind]) * 1024 * 1024


def max_mb(kind: str) -> int:
    return int(settings.PARAAT_UPLOAD_MAX_MB[kind])


class LimitedFileField(forms.FileField):
    """A file field that refuses a file larger than the limit of its kind."""

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload is not None and getattr(upload, "size", 0) > max_bytes(self.kind):
            raise forms.ValidationError(
                _("The file is %(size).1f MB; at most %(limit)s MB is accepted here.")
                % {"size": upload.size / (1024 * 1024), "limit": max_mb(self.kind)},
                code="too_large",
            )
        return upload
