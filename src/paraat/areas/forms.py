from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.areas.constants import AreaKind, ImportKind
from paraat.core.uploads import LimitedFileField

CRS_CHOICES = [
    ("", _("Detect automatically")),
    ("28992", _("RD New (EPSG:28992)")),
    ("4326", _("WGS84 (EPSG:4326)")),
]


class ImportForm(forms.Form):
    file = LimitedFileField(
        kind="areas",
        label=_("File"),
        help_text=_(
            "GeoJSON, GeoPackage, zipped Shapefile, CSV or XLSX (with WKT or x/y columns)."
        ),
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("", _("Detect automatically")), *ImportKind.choices],
        required=False,
    )
    crs = forms.ChoiceField(
        label=_("Coordinate reference system"), choices=CRS_CHOICES, required=False
    )
    population_year = forms.IntegerField(
        label=_("Reference year of the population"), min_value=1990, max_value=2100, required=False
    )


class MapForm(forms.Form):
    kind = forms.ChoiceField(label=_("Areas"), choices=AreaKind.choices, required=False)
    metric = forms.ChoiceField(
        label=_("Colour by"),
        choices=[("population", _("Residents")), ("share_65_plus", _("Share aged 65+"))],
        required=False,
    )


class FirstRunForm(forms.Form):
    """The first-run setup: the key from `paraat setup-token`, the region's files, its coordinator."""

    setup_token = forms.CharField(
        label=_("Setup key"),
        help_text=_("Printed by `paraat setup-token` on the server; it works once."),
        max_length=100,
    )
    code = forms.CharField(label=_("Region code"), max_length=10, help_text=_("For example VR21."))
    name = forms.CharField(label=_("Region name"), max_length=100)
    municipalities = forms.FileField(
        label=_("Municipalities (CBS, with GM codes)"),
        help_text=_("GeoJSON, GeoPackage, zipped Shapefile, CSV or XLSX."),
    )
    wijken = forms.FileField(label=_("Districts (wijken)"), required=False)
    buurten = forms.FileField(label=_("Neighbourhoods (buurten)"), required=False)
    pc4 = forms.FileField(label=_("Postcode areas (PC4)"), required=False)
    grid = forms.FileField(label=_("Grid cells"), required=False)
    points = forms.FileField(label=_("Support points or fire stations"), required=False)
    polling_places = forms.FileField(label=_("Polling places (candidate sites)"), required=False)
    username = forms.CharField(label=_("Coordinator's user name"), max_length=150)
    email = forms.EmailField(label=_("Coordinator's e-mail address"))
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    AREA_FIELDS = ("wijken", "buurten", "pc4", "grid")
    FILE_FIELDS = ("municipalities", *AREA_FIELDS, "points", "polling_places")

    def clean(self) -> dict[str, Any]:
        from django.contrib.auth import password_validation

        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
