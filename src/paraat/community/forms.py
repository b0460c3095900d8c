"""Forms of the community pages. They parse input; the services validate and store."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.areas.models import Municipality
from paraat.community import availability
from paraat.community.constants import (
    DayPart,
    InitiativeKind,
    Offer,
    Organisation,
    PartnerKind,
    PowerDependency,
    Skill,
)
from paraat.community.models import Initiative
from paraat.supportpoints.models import SupportPoint

WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
SLOT_CHOICES = [
    (f"{day}{part.value}", f"{WEEKDAYS[day]} {part.label}") for day in range(7) for part in DayPart
]


class VolunteerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=30, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        help_text=_("Four digits are enough (5341); add the letters only if you want to."),
    )
    address = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        required=False,
        help_text=_("Only if you want to give it; the postcode is enough to ask you."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"), choices=Organisation.choices, initial=Organisation.NONE
    )
    availability = forms.MultipleChoiceField(
        label=_("When can you usually help?"),
        choices=SLOT_CHOICES,
        required=False,
        initial=list(availability.ALL_SLOTS),
        widget=forms.CheckboxSelectMultiple,
    )
    away = forms.CharField(
        label=_("Dates away"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: 2026-12-24 or 2026-12-24/2027-01-02."),
    )

    certificate_skill = forms.ChoiceField(
        label=_("Certificate for"), choices=[("", "—"), *Skill.choices], required=False
    )
    certificate_issuer = forms.CharField(label=_("Issued by"), max_length=150, required=False)
    certificate_expires_on = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_away(self) -> list[list[str]]:
        try:
            return availability.parse_away(self.cleaned_data.get("away") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(f"certificate_{k}") for k in ("skill", "issuer", "expires_on")]
        if any(given) and not all(given):
            self.add_error(
                "certificate_issuer", _("A certificate needs a skill, an issuer and a date.")
            )
        return data

    def to_data(self) -> dict[str, Any]:
        """The service's input: a certificate given here is added to (or renews) hers."""
        data = dict(self.cleaned_data)
        skill = data.pop("certificate_skill", "")
        issuer = data.pop("certificate_issuer", "")
        expires_on = data.pop("certificate_expires_on", None)
        data.pop("consent", None)
        if skill and issuer and expires_on:
            data["new_certificate"] = {"skill": skill, "issuer": issuer, "expires_on": expires_on}
        return data


class CertificateForm(forms.Form):
    skill = forms.ChoiceField(label=_("Certificate for"), choices=Skill.choices)
    issuer = forms.CharField(label=_("Issued by"), max_length=150)
    expires_on = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SelfRegistrationForm(VolunteerForm):
    email = forms.EmailField(label=_("E-mail"))
    consent = forms.BooleanField(
        label=_("I agree that the municipality stores these data to ask me for help in a crisis."),
        required=False,
    )


class AssignForm(forms.Form):
    points = forms.ModelMultipleChoiceField(
        label=_("Points"),
        queryset=SupportPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["points"].queryset = points  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))


class SpontaneousForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(label=_("Mobile phone"), max_length=30)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CalloutForm(forms.Form):
    skill = forms.ChoiceField(label=_("Skill wanted"), choices=Skill.choices)
    needed = forms.IntegerField(label=_("Number needed"), min_value=1, max_value=50, initial=3)
    radius_m = forms.IntegerField(
        label=_("Radius (metres)"), min_value=100, max_value=50_000, initial=2_000
    )
    wait_minutes = forms.IntegerField(
        label=_("Widen after (minutes)"), min_value=1, max_value=240, initial=10
    )


class ShiftForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=SupportPoint.objects.none())
    starts_at = forms.DateTimeField(
        label=_("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    handover = forms.CharField(
        label=_("Hand-over notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, volunteers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]
        self.fields["volunteer"].label_from_instance = lambda v: v.name  # type: ignore[attr-defined]


class InitiativeForm(forms.Form):
    name = forms.CharField(label=_("Name of the initiative"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InitiativeKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    offers = forms.MultipleChoiceField(
        label=_("What can you offer?"),
        choices=Offer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reachable = forms.CharField(label=_("When can you be reached?"), max_length=300, required=False)
    area_codes = forms.CharField(
        label=_("Areas served"),
        required=False,
        help_text=_(
            "Codes of districts, neighbourhoods or postcode areas, separated by commas (e.g. 5341, WK082801)."
        ),
    )
    geometry = forms.JSONField(
        label=_("Or draw the area (GeoJSON polygon)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, region: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        choices = Municipality.objects.in_region(region).order_by("name")
        self.fields["municipality"].queryset = choices  # type: ignore[attr-defined]

    def clean_area_codes(self) -> list[Any]:
        from paraat.community.initiatives import areas_by_code

        codes = [
            c.strip().upper()
            for c in (self.cleaned_data.get("area_codes") or "").split(",")
            if c.strip()
        ]
        areas, unknown = areas_by_code(self.region, codes)
        if unknown:
            raise forms.ValidationError(_("Unknown area: %s") % ", ".join(unknown))
        return areas

    def to_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["areas"] = data.pop("area_codes", [])
        return data


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnerKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Empty: the partner works for the whole region."),
    )
    control_room_phone = forms.CharField(label=_("24/7 number"), max_length=30, required=False)
    fallback_phone = forms.CharField(
        label=_("24/7 number without the public network (satellite, fixed line)"),
        max_length=30,
        required=False,
    )
    radio_channel = forms.CharField(
        label=_("Radio channel or talk group"), max_length=100, required=False
    )
    sends_liaison = forms.BooleanField(
        label=_("Sends a liaison to the coordination point"), required=False
    )
    agreement = forms.CharField(label=_("Agreement (convenant)"), max_length=200, required=False)
    agreement_signed_on = forms.DateField(
        label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agreement_review_on = forms.DateField(
        label=_("Next review"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    backup_hours_min = forms.FloatField(
        label=_("Backup power, at least (hours)"), required=False, min_value=0
    )
    backup_hours = forms.FloatField(
        label=_("Backup power, likely (hours)"),
        required=False,
        min_value=0,
        help_text=_(
            "How long the partner keeps working without mains power; the outage clock uses it."
        ),
    )
    backup_hours_max = forms.FloatField(
        label=_("Backup power, at most (hours)"), required=False, min_value=0
    )
    promises = forms.CharField(
        label=_("What they promise the region during a long outage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]

    def to_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class PartnerContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_liaison = forms.BooleanField(label=_("Liaison at the coordination point"), required=False)


class PowerDependentForm(forms.Form):
    area_code = forms.CharField(
        label=_("Area"),
        max_length=40,
        help_text=_("Code of a postcode area or district, e.g. 5341 or WK082801."),
    )
    dependency = forms.ChoiceField(label=_("Depends on"), choices=PowerDependency.choices)
    count = forms.IntegerField(
        label=_("Number of clients"), min_value=0, help_text=_("0 removes the count.")
    )


class InitiativeHandOverForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, initiatives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]


class VolunteerHandOverForm(CalloutForm):
    point = forms.ChoiceField(
        label=_("Call out from point"),
        help_text=_("Volunteers are asked nearest this point first."),
    )
    field_order = ["point", "skill", "needed", "radius_m", "wait_minutes"]

    def __init__(self, *args: Any, points: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].choices = points  # type: ignore[attr-defined]
