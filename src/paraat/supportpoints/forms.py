"""Forms of the support point pages. They parse input; the services validate and save."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from paraat.areas import geocode
from paraat.areas.locate import municipality_at
from paraat.areas.models import Municipality, Region
from paraat.core.forms import DecimalCommaField
from paraat.supportpoints import norm_engine
from paraat.supportpoints.constants import (
    BuildingType,
    CommsKind,
    ContactRole,
    Lifecycle,
    NormResult,
    Service,
    Tier,
)
from paraat.supportpoints.models import Contact, SupportPoint, SupportPointQuerySet
from paraat.supportpoints.presenters import RuleRow, rule_label, rule_threshold, threshold_unit


def _label(model: type[models.Model], name: str) -> Any:
    """The model field's (translated) verbose name, so forms and admin say the same."""
    return capfirst(getattr(model._meta.get_field(name), "verbose_name", name))


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    return forms.DateField(label=label, widget=widget, **kwargs)


def _text(name: str, **kwargs: Any) -> forms.CharField:
    """An optional text field labelled and sized after the SupportPoint field of that name."""
    size = getattr(SupportPoint._meta.get_field(name), "max_length", None)
    return forms.CharField(
        label=_label(SupportPoint, name), max_length=size, required=False, **kwargs
    )


def _amount(name: str, **kwargs: Any) -> DecimalCommaField:
    """An optional amount of zero or more, labelled after the SupportPoint field of that name."""
    return DecimalCommaField(
        label=_label(SupportPoint, name), min_value=0, required=False, **kwargs
    )


def _initial(point: SupportPoint | None, names: Sequence[str]) -> dict[str, Any]:
    return {} if point is None else {name: getattr(point, name) for name in names}


# The list ------------------------------------------------------------------------------------


def _filter(label: Any, choices: Sequence[tuple[str, Any]], empty: Any = None) -> Any:
    everything = [("", empty or _("All")), *choices]
    return forms.ChoiceField(label=label, choices=everything, required=False)


class PointFilterForm(forms.Form):
    tier = _filter(_label(SupportPoint, "tier"), Tier.choices)
    municipality = _filter(_label(SupportPoint, "municipality"), [])
    lifecycle = _filter(_label(SupportPoint, "lifecycle"), Lifecycle.choices)
    norm = _filter(_label(SupportPoint, "norm_result"), NormResult.choices)
    missing = _filter(_("Missing service"), Service.choices, empty=_("None"))
    candidates = forms.BooleanField(label=_("Candidate sites on the map"), required=False)

    def __init__(self, *args: Any, municipalities: Sequence[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = {m.code: m for m in municipalities}
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *((m.code, m.name) for m in municipalities),
        ]

    def map_shows_candidates(self) -> bool:
        """Candidate sites are on the map only when asked for (they outnumber the points), or
        when the list is filtered to them."""
        if not self.is_bound or not self.is_valid():
            return False
        return (
            bool(self.cleaned_data.get("candidates"))
            or self.cleaned_data.get("tier") == Tier.CANDIDATE
        )

    def apply(self, points: SupportPointQuerySet) -> SupportPointQuerySet:
        """The points that match the valid filters; an invalid filter is ignored."""
        if not self.is_bound:
            return points
        self.is_valid()  # cleaned_data then holds the fields that are valid
        values = self.cleaned_data
        tier = values.get("tier")
        if tier == Tier.COORDINATION:
            points = points.coordination()
        elif tier == Tier.LOCAL:
            points = points.local()
        elif tier:
            points = points.filter(tier=tier)
        if values.get("municipality"):
            points = points.in_municipality(self.municipalities[values["municipality"]])
        if values.get("lifecycle"):
            points = points.filter(lifecycle=values["lifecycle"])
        if values.get("norm"):
            points = points.with_norm(values["norm"])
        if values.get("missing"):
            points = points.missing_service(values["missing"])
        return points


# Editing a point -----------------------------------------------------------------------------

POINT_FIELDS = (
    "code", "name", "tier", "lifecycle", "building_type", "street", "house_number", "postcode",
    "city", "lat", "lon", "capacity", "wheelchair_accessible", "open_within_minutes", "notes",
    "source",
)  # fmt: skip
ENERGY_FIELDS = (
    "generator_kw", "mobile_generator_connection", "fuel_litres", "fuel_consumption_lph",
    "battery_kwh", "power_need_kw", "solar_kw", "generator_last_test",
)  # fmt: skip


class PointForm(forms.Form):
    """Core fields. Municipality and area follow from the location, which must lie in the
    municipalities the user may edit."""

    code = forms.CharField(
        label=_label(SupportPoint, "code"),
        max_length=20,
        help_text=_("Letters, digits and hyphens; unique in the region, for example OSS-01."),
    )
    name = forms.CharField(label=_label(SupportPoint, "name"), max_length=200)
    tier = forms.ChoiceField(label=_label(SupportPoint, "tier"), choices=Tier.choices)
    lifecycle = forms.ChoiceField(
        label=_label(SupportPoint, "lifecycle"), choices=Lifecycle.choices
    )
    coordination_point = forms.ChoiceField(
        label=_label(SupportPoint, "coordination_point"),
        required=False,
        help_text=_("Every emergency support point belongs to one coordination point."),
    )
    building_type = forms.ChoiceField(
        label=_label(SupportPoint, "building_type"), choices=BuildingType.choices
    )
    street = _text("street")
    house_number = _text("house_number")
    postcode = _text("postcode")
    city = _text("city")
    lat = DecimalCommaField(
        label=_("Latitude"),
        help_text=_(
            "In decimal degrees (WGS84), for example 51,7654. Leave both empty to find the "
            "location from the postcode and house number."
        ),
        min_value=-90,
        max_value=90,
        required=False,
    )
    lon = DecimalCommaField(
        label=_("Longitude"),
        help_text=_(
            "In decimal degrees (WGS84), for example 5,5183. The municipality follows from the location."
        ),
        min_value=-180,
        max_value=180,
        required=False,
    )
    capacity = forms.IntegerField(
        label=_label(SupportPoint, "capacity"), min_value=0, required=False
    )
    wheelchair_accessible = forms.NullBooleanField(
        label=_label(SupportPoint, "wheelchair_accessible"), required=False
    )
    open_within_minutes = forms.IntegerField(
        label=_label(SupportPoint, "open_within_minutes"), min_value=0, required=False
    )
    notes = _text("notes", widget=forms.Textarea(attrs={"rows": 3}))
    source = _text("source")

    def __init__(
        self,
        *args: Any,
        region: Region,
        allowed: set[int] | None,
        point: SupportPoint | None = None,
        **kwargs: Any,
    ) -> None:
        initial = _initial(point, POINT_FIELDS)
        if point is not None and point.coordination_point is not None:
            initial["coordination_point"] = point.coordination_point.code
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.region, self.allowed = region, allowed
        hubs = SupportPoint.objects.in_region(region).coordination().order_by("code")
        if point is not None:
            hubs = hubs.exclude(pk=point.pk)
        self.fields["coordination_point"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *((p.code, f"{p.code} {p.name}") for p in hubs.only("code", "name")),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.located: geocode.Located | None = None
        if "lon" in self.errors or "lat" in self.errors:
            return data
        if data.get("lon") is None and data.get("lat") is None:
            self.located = geocode.locate(
                self.region,
                postcode=data.get("postcode") or "",
                house_number=data.get("house_number") or "",
            )
            if self.located is None:
                self.add_error(
                    "lat",
                    _(
                        "Give the latitude and longitude, or a postcode and house number "
                        "from which the location can be found."
                    ),
                )
                return data
            data["lon"], data["lat"] = self.located.lon, self.located.lat
        for name in ("lat", "lon"):
            if data.get(name) is None:
                self.add_error(name, _("Give both the latitude and the longitude."))
                return data
        lon, lat = data["lon"], data["lat"]
        if self.allowed is None:
            return data
        municipality = municipality_at(self.region, lon, lat)
        if municipality is not None and municipality.pk not in self.allowed:
            self.add_error(
                "lon",
                _("This location is in %(municipality)s, outside the municipalities you work for.")
                % {"municipality": municipality.name},
            )
        return data

    def point_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in POINT_FIELDS}


class EnergyForm(forms.Form):
    generator_kw = _amount("generator_kw")
    mobile_generator_connection = forms.NullBooleanField(
        label=_label(SupportPoint, "mobile_generator_connection"), required=False
    )
    fuel_litres = _amount("fuel_litres")
    fuel_consumption_lph = _amount(
        "fuel_consumption_lph", help_text=_("At the power needed during a crisis.")
    )
    battery_kwh = _amount("battery_kwh")
    power_need_kw = _amount("power_need_kw")
    solar_kw = _amount(
        "solar_kw",
        help_text=_("Not counted in the hours of autonomy: it cannot be relied on at night."),
    )
    generator_last_test = _date_field(_label(SupportPoint, "generator_last_test"), required=False)

    def __init__(self, *args: Any, point: SupportPoint, **kwargs: Any) -> None:
        kwargs.setdefault("initial", _initial(point, ENERGY_FIELDS))
        super().__init__(*args, **kwargs)


AVAILABILITY = [("unknown", _("unknown")), ("yes", _("yes")), ("no", _("no"))]


class ServicesForm(forms.Form):
    """The services matrix: one row per service; 'unknown' removes the row. A row that changes
    while its date is left as it was gets today's date."""

    def __init__(self, *args: Any, point: SupportPoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = {s.service: s for s in point.services.all()}
        for service in Service:
            row = self.current.get(service.value)
            state = "unknown" if row is None else ("yes" if row.available else "no")
            self.fields[f"{service.value}_available"] = forms.ChoiceField(
                label=format_lazy("{} – {}", service.label, _("available")),
                choices=AVAILABILITY,
                initial=state,
            )
            self.fields[f"{service.value}_as_of"] = _date_field(
                format_lazy("{} – {}", service.label, _("as of")),
                required=False,
                initial=row.as_of if row else None,
            )
        water = self.current.get(Service.DRINKING_WATER)
        self.fields["drinking_water_quantity"] = DecimalCommaField(
            label=_("Drinking water in stock (litres)"),
            min_value=0,
            required=False,
            initial=water.quantity if water else None,
        )

    def rows(self) -> Iterator[dict[str, Any]]:
        for service in Service:
            water = service == Service.DRINKING_WATER
            yield {
                "label": service.label,
                "available": self[f"{service.value}_available"],
                "as_of": self[f"{service.value}_as_of"],
                "quantity": self["drinking_water_quantity"] if water else None,
            }

    def matrix(self) -> dict[str, dict[str, Any]]:
        """{service: values} for services.set_services; unknown services are left out."""
        result: dict[str, dict[str, Any]] = {}
        for service in Service:
            state = self.cleaned_data[f"{service.value}_available"]
            if state == "unknown":
                continue
            row = self.current.get(service.value)
            values = {
                "available": state == "yes",
                "as_of": self.cleaned_data[f"{service.value}_as_of"],
                "quantity": self.cleaned_data["drinking_water_quantity"]
                if service == Service.DRINKING_WATER
                else None,
                "note": row.note if row else "",
            }
            changed = row is None or (row.available, row.quantity) != (
                values["available"],
                values["quantity"],
            )
            if changed and row is not None and values["as_of"] == row.as_of:
                values["as_of"] = None  # a new state with the old date: the service dates it today
            result[service.value] = values
        return result


class CommsForm(forms.Form):
    """Which means of communication the point has; one row per kind."""

    def __init__(self, *args: Any, point: SupportPoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {c.kind: c for c in point.comms.all()}
        for kind in CommsKind:
            row = current.get(kind.value)
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=row is not None
            )
            self.fields[f"{kind.value}_description"] = forms.CharField(
                label=format_lazy("{} – {}", kind.label, _("description")),
                max_length=200,
                required=False,
                initial=row.description if row else "",
            )
            self.fields[f"{kind.value}_last_tested"] = _date_field(
                format_lazy("{} – {}", kind.label, _("last tested")),
                required=False,
                initial=row.last_tested if row else None,
            )

    def rows(self) -> Iterator[dict[str, Any]]:
        for kind in CommsKind:
            yield {
                "present": self[kind.value],
                "description": self[f"{kind.value}_description"],
                "last_tested": self[f"{kind.value}_last_tested"],
            }

    def kinds(self) -> list[str]:
        return [kind.value for kind in CommsKind if self.cleaned_data[kind.value]]

    def details(self) -> dict[str, dict[str, Any]]:
        return {
            kind: {
                "description": self.cleaned_data[f"{kind}_description"],
                "last_tested": self.cleaned_data[f"{kind}_last_tested"],
            }
            for kind in self.kinds()
        }


CONTACT_FIELDS = ("role", "name", "phone", "email", "available_24_7")


class ContactForm(forms.Form):
    role = forms.ChoiceField(label=_label(Contact, "role"), choices=ContactRole.choices)
    name = forms.CharField(label=_label(Contact, "name"), max_length=150)
    phone = forms.CharField(label=_label(Contact, "phone"), max_length=30, required=False)
    email = forms.EmailField(label=_label(Contact, "email"), required=False)
    available_24_7 = forms.BooleanField(label=_label(Contact, "available_24_7"), required=False)

    def __init__(self, *args: Any, contact: Contact | None = None, **kwargs: Any) -> None:
        if contact is not None:
            kwargs.setdefault("initial", {n: getattr(contact, n) for n in CONTACT_FIELDS})
        super().__init__(*args, **kwargs)


# Inspections and the norm profile ------------------------------------------------------------

TASK_ROWS = 3


class InspectionForm(forms.Form):
    """A readiness visit: the checklist as found, findings, and up to three findings as tasks."""

    visited_on = _date_field(_("Date of the visit"), initial=timezone.localdate)

    def __init__(self, *args: Any, rules: Sequence[norm_engine.Rule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = list(rules)
        for rule in self.rules:
            threshold = rule_threshold(rule)
            self.fields[f"check_{rule.id}"] = forms.BooleanField(
                label=f"{rule_label(rule)}: {threshold}" if threshold else rule_label(rule),
                required=False,
            )
        self.fields["generator_tested"] = forms.BooleanField(
            label=_("Generator test run done"), required=False
        )
        self.fields["findings"] = forms.CharField(
            label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False
        )
        for i in range(1, TASK_ROWS + 1):
            self.fields[f"task_{i}_description"] = forms.CharField(
                label=_("What needs to be done"), max_length=300, required=False
            )
            self.fields[f"task_{i}_owner"] = forms.CharField(
                label=_("Who does it"), max_length=150, required=False
            )
            self.fields[f"task_{i}_due_date"] = _date_field(_("Due date"), required=False)

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[f"check_{rule.id}"] for rule in self.rules] + [self["generator_tested"]]

    def task_rows(self) -> list[list[forms.BoundField]]:
        names = ("description", "owner", "due_date")
        return [[self[f"task_{i}_{n}"] for n in names] for i in range(1, TASK_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, TASK_ROWS + 1):
            names = [f"task_{i}_{n}" for n in ("description", "owner", "due_date")]
            if any(data.get(n) for n in names):
                for name in names:
                    if not data.get(name) and name not in self.errors:
                        self.add_error(
                            name, _("Fill this in too, or leave the whole finding empty.")
                        )
        return data

    def checklist(self) -> dict[str, bool]:
        return {rule.id: bool(self.cleaned_data[f"check_{rule.id}"]) for rule in self.rules}

    def tasks(self) -> list[dict[str, Any]]:
        tasks = []
        for i in range(1, TASK_ROWS + 1):
            if self.cleaned_data.get(f"task_{i}_description"):
                tasks.append(
                    {
                        n: self.cleaned_data[f"task_{i}_{n}"]
                        for n in ("description", "owner", "due_date")
                    }
                )
        return tasks


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


class NormProfileForm(forms.Form):
    """Thresholds and on/off per rule; saving makes a new version of the region's profile."""

    def __init__(self, *args: Any, rows: Sequence[RuleRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule_rows = list(rows)
        bound_words = {"min": _("minimum"), "max": _("maximum")}
        for row in self.rule_rows:
            self.fields[f"{row.rule.id}__on"] = forms.BooleanField(
                label=row.label, required=False, initial=row.enabled
            )
            for bound in ("min", "max"):
                if row.raw.get(bound) is None:
                    continue
                self.fields[f"{row.rule.id}__{bound}"] = DecimalCommaField(
                    label=format_lazy(
                        "{} – {} ({})",
                        row.label,
                        bound_words[bound],
                        threshold_unit(row.rule.check),
                    ),
                    min_value=0,
                    required=False,
                    initial=_plain_number(row.raw[bound]),
                )
        self.fields["note"] = forms.CharField(
            label=_("What changed and why"),
            max_length=300,
            widget=forms.TextInput(attrs={"size": 60}),
            help_text=_("Kept with the new version, for example the decision it follows."),
        )

    def rows(self) -> Iterator[dict[str, Any]]:
        for row in self.rule_rows:
            threshold = next(
                (self[f"{row.rule.id}__{b}"] for b in ("min", "max") if row.raw.get(b) is not None),
                None,
            )
            yield {"row": row, "on": self[f"{row.rule.id}__on"], "threshold": threshold}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"{row.rule.id}__on") for row in self.rule_rows):
            raise forms.ValidationError(_("Switch on at least one rule."))
        for row in self.rule_rows:
            for bound in ("min", "max"):
                name = f"{row.rule.id}__{bound}"
                missing = data.get(f"{row.rule.id}__on") and data.get(name) is None
                if name in self.fields and missing and name not in self.errors:
                    self.add_error(name, _("A rule that is on needs a threshold."))
        return data

    def rules(self) -> list[dict[str, Any]]:
        """The rules of the new version, as stored in the profile."""
        result = []
        for row in self.rule_rows:
            if not self.cleaned_data.get(f"{row.rule.id}__on"):
                continue
            raw = dict(row.raw)
            for bound in ("min", "max"):
                value = self.cleaned_data.get(f"{row.rule.id}__{bound}")
                if value is not None:
                    raw[bound] = _plain_number(value)
            result.append(raw)
        return result
