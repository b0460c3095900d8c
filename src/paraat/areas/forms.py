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
        label=_("Show"),
        choices=[
            ("share_65_plus", _("Share aged 65+ (colour)")),
            ("population", _("Residents (circles)")),
        ],
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


class RegionSettingsForm(forms.Form):
    """The region's own settings; empty numbers use the installation's defaults."""

    cap_sender = forms.CharField(
        label=_("CAP sender"),
        max_length=200,
        required=False,
        help_text=_("The region's domain or an address at it, e.g. vrbn.nl or alerts@vrbn.nl."),
    )
    cap_web = forms.CharField(
        label=_("Web page for alerts"),
        max_length=200,
        required=False,
        help_text=_("Where residents read more about an alert, when the alert names no page."),
    )
    cap_contact = forms.CharField(
        label=_("Contact for alerts"),
        max_length=200,
        required=False,
        help_text=_("How residents reach the region about an alert, e.g. a phone number."),
    )
    public_intro_nl = forms.CharField(
        label=_("Introduction on the public site (Dutch)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the public home page, above the postcode search."),
    )
    public_intro_en = forms.CharField(
        label=_("Introduction on the public site (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the English public home page, above the postcode search."),
    )
    default_threshold_m = forms.FloatField(
        label=_("Default coverage distance (metres)"),
        required=False,
        min_value=1,
        max_value=50_000,
    )
    default_capacity = forms.IntegerField(
        label=_("Default residents per point (capacity)"), required=False, min_value=1
    )
    small_count_threshold = forms.IntegerField(
        label=_("Small-count threshold"), required=False, min_value=1
    )
    norm_profile_version = forms.TypedChoiceField(
        label=_("Norm profile version"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Which version of the region's norm profile points are assessed and planned against. "
            "Newest: every new version counts at once."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG; shown on the public site and on the region's pages."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(
        self,
        *args: Any,
        national: dict[str, Any],
        norm_versions: dict[int, str] | None = None,
        max_logo_kb: int = 500,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        versions = norm_versions or {}
        self.fields["norm_profile_version"].choices = [  # type: ignore[attr-defined]
            ("", _("Newest version")),
            *((str(number), label) for number, label in versions.items()),
        ]
        self.fields["logo"].help_text = _(
            "PNG or JPEG of at most %(kb)s KB; shown on the public site and on the region's pages."
        ) % {"kb": max_logo_kb}
        empty = _("Empty: %(value)s, the installation's default.")
        self.fields["default_threshold_m"].help_text = empty % {"value": national["threshold_m"]}
        self.fields["default_capacity"].help_text = empty % {"value": national["capacity"]}
        self.fields["small_count_threshold"].help_text = _(
            "Counts below this are hidden on pages and in exports. Empty: %(value)s, the national "
            "threshold; a region may only raise it."
        ) % {"value": national["small_count"]}

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "sender": data["cap_sender"],
            "web": data["cap_web"],
            "contact": data["cap_contact"],
            "public_intro_nl": data["public_intro_nl"],
            "public_intro_en": data["public_intro_en"],
            "default_threshold_m": data["default_threshold_m"],
            "default_capacity": data["default_capacity"],
            "small_count_threshold": data["small_count_threshold"],
            "norm_profile_version": data["norm_profile_version"],
            "logo_content": data["logo"].read() if data.get("logo") else None,
            "remove_logo": bool(data.get("remove_logo")),
        }
