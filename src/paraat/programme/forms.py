"""The programme's forms: they parse and offer choices; services.py checks and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region
from paraat.operations.models import Incident
from paraat.programme.constants import Dependency, Level, LineTemplate
from paraat.programme.models import (
    Activity,
    Ambition,
    CriticalProcess,
    ProgrammeLine,
    TrainingEvent,
)
from paraat.programme.report import SECTIONS
from paraat.supportpoints.models import SupportPoint

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Start from"), choices=LineTemplate.choices)


class LineForm(forms.ModelForm):
    class Meta:
        model = ProgrammeLine
        fields = ["title", "description"]


class LevelsForm(forms.Form):
    def __init__(self, *args: Any, initial_texts: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in Level:
            self.fields[level.value] = forms.CharField(
                label=level.label, widget=forms.Textarea(attrs={"rows": 3}),
                initial=initial_texts.get(level.value, ""),
            )  # fmt: skip


class AmbitionForm(forms.ModelForm):
    class Meta:
        model = Ambition
        fields = [
            "level", "interim_date", "target_date", "accounthouder", "accounthouder_name",
            "decision_date", "decision_body", "notes",
        ]  # fmt: skip
        widgets = {"interim_date": DATE, "target_date": DATE, "decision_date": DATE}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["accounthouder"]
        field.queryset = User.objects.filter(region=region, is_active=True).order_by("username")


class PlacedForm(forms.ModelForm):
    """A record in one municipality or region-wide: the municipalities offered are those the user
    may edit (``municipality_ids``, None for all of the region), and only a user of the whole
    region may leave the municipality empty. The service validates the whole record; the form
    only parses."""

    def __init__(
        self, *args: Any, region: Region, municipality_ids: set[int] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.filter(region=region).order_by("name")
        if municipality_ids is not None:
            municipalities = municipalities.filter(pk__in=municipality_ids)
        field: Any = self.fields["municipality"]
        field.queryset = municipalities
        field.required = municipality_ids is not None

    def _post_clean(self) -> None:
        """The service (save_activity, save_process, save_training) validates the record."""


class ActivityForm(PlacedForm):
    class Meta:
        model = Activity
        fields = [
            "municipality", "line", "title", "description", "owner", "partners", "status",
            "start_date", "end_date", "budget", "indicator_kind", "indicator_label", "target",
            "threshold_m", "stated_value", "stated_on",
        ]  # fmt: skip
        widgets = {
            "start_date": DATE, "end_date": DATE, "stated_on": DATE,
            "partners": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip

    def __init__(
        self, *args: Any, region: Region, municipality_ids: set[int] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, region=region, municipality_ids=municipality_ids, **kwargs)
        line: Any = self.fields["line"]
        line.queryset = ProgrammeLine.objects.in_region(region)


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in SECTIONS:
            self.fields[key] = forms.CharField(
                label=heading, required=False, widget=forms.Textarea(attrs={"rows": 8})
            )


class ProcessForm(PlacedForm):
    dependencies = forms.MultipleChoiceField(
        label=_("Depends on"),
        choices=Dependency.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CriticalProcess
        fields = [
            "municipality", "name", "max_downtime_h", "dependencies", "fallback",
            "fallback_autonomy_h", "owner",
        ]  # fmt: skip
        widgets = {"fallback": forms.Textarea(attrs={"rows": 3})}


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TrainingForm(PlacedForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles taking part"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "municipality", "kind", "title", "starts_at", "ends_at", "roles", "points",
            "participants", "people", "incident", "notes",
        ]  # fmt: skip
        widgets = {
            "starts_at": DATETIME, "ends_at": DATETIME,
            "points": forms.CheckboxSelectMultiple,
            "people": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip

    def __init__(
        self, *args: Any, region: Region, municipality_ids: set[int] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, region=region, municipality_ids=municipality_ids, **kwargs)
        points = SupportPoint.objects.in_region(region).active().order_by("code")
        if municipality_ids is not None:
            points = points.filter(municipality__in=municipality_ids)
        points_field: Any = self.fields["points"]
        points_field.queryset = points
        incident: Any = self.fields["incident"]
        incident.queryset = Incident.objects.in_region(region).exercises()
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]
