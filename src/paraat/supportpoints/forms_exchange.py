"""Forms of the import and export page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.core.uploads import LimitedFileField

EXPORT_FORMATS = [
    ("xlsx", _("Excel (.xlsx)")),
    ("csv", _("CSV (.csv)")),
    ("geojson", _("GeoJSON (.geojson)")),
    ("gpkg", _("GeoPackage (.gpkg)")),
    ("osm", _("OpenStreetMap tags, designated points only (.geojson)")),
]


class PointImportForm(forms.Form):
    file = LimitedFileField(
        kind="points",
        label=_("File"),
        help_text=_(
            "CSV, XLSX, GeoJSON or GeoPackage with one row per point, as an export from Paraat."
        ),
    )
    polling_places = forms.BooleanField(
        label=_("The file holds polling places: import them as candidate sites"), required=False
    )

    def __init__(self, *args: Any, polling_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not polling_allowed:
            del self.fields["polling_places"]


class PointExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS, initial="xlsx")
    contacts = forms.BooleanField(
        label=_("Include key holders and contact persons (this is logged)"), required=False
    )

    def __init__(self, *args: Any, contacts_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not contacts_allowed:
            del self.fields["contacts"]
