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
