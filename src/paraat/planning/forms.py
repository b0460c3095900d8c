"""Forms of the planning pages: a coverage (what-if) run, an optimisation, a network upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from paraat.areas.constants import AreaKind
from paraat.areas.models import Municipality, Region
from paraat.planning.constants import (
    DEFAULT_CAPACITY,
    DEFAULT_THRESHOLD_M,
    DEFAULT_TIME_LIMIT,
    OptimisationModel,
    Weight,
)
from paraat.planning.models import WalkingNetwork
from paraat.supportpoints.models import SupportPoint


class RunForm(forms.Form):
    """Fields every run shares: where, how far, whom to count, which distance."""

    municipality = forms.ChoiceField(label=_("For"), required=False)
    threshold_m = forms.FloatField(
        label=_("Distance (metres)"),
        initial=DEFAULT_THRESHOLD_M,
        min_value=1,
        max_value=50_000,
        help_text=_("Residents within this distance of a point count as covered."),
    )
    weight = forms.ChoiceField(
        label=_("Whom to count"), choices=Weight.choices, initial=Weight.RESIDENTS
    )
    area_kind = forms.ChoiceField(label=_("Area layer"), required=False)
    network = forms.ModelChoiceField(
        label=_("Walking network"),
        queryset=WalkingNetwork.objects.none(),
        required=False,
        empty_label=_("None: straight-line distance"),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: list[Municipality],
        region_allowed: bool,
        networks: Any,
        area_kinds: list[str],
        region: Region | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The region's own defaults (its settings page) where it set them, else the national ones.
        self.default_capacity = (region and region.default_capacity) or DEFAULT_CAPACITY
        self.fields["threshold_m"].initial = (
            region and region.default_threshold_m
        ) or DEFAULT_THRESHOLD_M
        choices = [("", _("The whole region"))] if region_allowed else []
        field: Any = self.fields["municipality"]
        field.choices = choices + [(m.code, m.name) for m in municipalities]
        self.fields["municipality"].required = not region_allowed
        network: Any = self.fields["network"]
        network.queryset = networks
        labels = dict(AreaKind.choices)
        area_kind: Any = self.fields["area_kind"]
        area_kind.choices = [("", _("The finest layer with figures"))] + [
            (kind, labels.get(kind, kind)) for kind in area_kinds
        ]
        self.municipalities = {m.code: m for m in municipalities}

    def chosen_municipality(self) -> Municipality | None:
        return self.municipalities.get(self.cleaned_data.get("municipality") or "")

    def common(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "municipality": self.chosen_municipality(),
            "threshold_m": data["threshold_m"],
            "weight": data["weight"],
            "area_kind": data["area_kind"] or None,
            "network": data["network"],
        }


class CoverageForm(RunForm):
    closed = forms.MultipleChoiceField(
        label=_("Close these points (what-if)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    added = forms.MultipleChoiceField(
        label=_("Add these candidate sites (what-if)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    capacity = forms.IntegerField(
        label=_("Residents per point (capacity)"), initial=DEFAULT_CAPACITY, min_value=1
    )

    def __init__(
        self, *args: Any, points: list[SupportPoint], candidates: list[SupportPoint], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["capacity"].initial = self.default_capacity
        closed: Any = self.fields["closed"]
        closed.choices = [(p.code, f"{p.code} {p.name}") for p in points]
        added: Any = self.fields["added"]
        added.choices = [(p.code, f"{p.code} {p.name} ({p.municipality.name})") for p in candidates]


class OptimiseForm(RunForm):
    model = forms.ChoiceField(
        label=_("Question"), choices=OptimisationModel.choices, initial=OptimisationModel.MCLP
    )
    k = forms.IntegerField(
        label=_("Number of new sites"),
        required=False,
        min_value=1,
        max_value=500,
        initial=10,
        help_text=_("For every question except the fewest sites."),
    )
    target = forms.FloatField(
        label=_("Target share covered (%)"),
        required=False,
        min_value=1,
        max_value=100,
        initial=95,
        help_text=_("Only for the fewest sites."),
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"), initial=DEFAULT_TIME_LIMIT, min_value=1, max_value=120
    )
    use_capacity = forms.BooleanField(
        label=_("Take the capacity of 5,000 residents per site into account"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["use_capacity"].label = _(
            "Take the capacity of %(capacity)s residents per site into account"
        ) % {"capacity": number_format(self.default_capacity, force_grouping=True)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        model = data.get("model")
        if model == OptimisationModel.LSCP and data.get("target") is None:
            self.add_error("target", _("Give the share to cover."))
        if model != OptimisationModel.LSCP and not data.get("k"):
            self.add_error("k", _("Give the number of new sites."))
        return data

    def run_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        lscp = data["model"] == OptimisationModel.LSCP
        return {
            **self.common(),
            "model": data["model"],
            "k": None if lscp else data["k"],
            "target": data["target"] / 100 if lscp else None,
            "time_limit": data["time_limit"],
            "capacity": self.default_capacity if data["use_capacity"] else None,
        }


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    file = forms.FileField(
        label=_("Network file"),
        help_text=_("An OpenStreetMap extract (.osm.pbf) or a GeoPackage / GeoJSON line layer."),
    )
