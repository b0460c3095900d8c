from __future__ import annotations

import copy
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from paraat.areas.models import Municipality
from paraat.core.forms import DecimalCommaField
from paraat.operations.constants import (
    ChecklistItem,
    IncidentKind,
    Need,
    Phase,
    PointState,
    PowerSource,
    Priority,
)
from paraat.supportpoints.constants import Service
from paraat.supportpoints.models import SupportPoint


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial="Stroomuitval")
    kind = forms.ChoiceField(label=_("Kind"), choices=IncidentKind.choices)
    is_exercise = forms.BooleanField(label=_("This is an exercise"), required=False, initial=True)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, region: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Municipality.objects.in_region(region)  # type: ignore[attr-defined]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class _FieldsCopiedOnce(dict[str, forms.Field]):
    """A form's ``base_fields`` whose copy for each form copies only the fields named in
    ``own`` in depth (those a form changes: the points to choose from) and the others
    shallowly, their widgets and validators shared with the class.

    Django deep-copies every field of a form for each instance; the phone form is posted by
    every point lead every few minutes in an incident, and copying its thirteen fields with their
    widgets and choices was a seventh of the work of a report (issue 16). Nothing changes a
    shared field or widget: a form only reads them to check and to show itself, and
    ``StatusForm`` changes only the fields in ``own``.
    """

    own: frozenset[str] = frozenset()

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return {
            name: copy.deepcopy(field, memo) if name in self.own else copy.copy(field)
            for name, field in self.items()
        }


class StatusForm(forms.Form):
    """The point lead's phone form; the key is made when the form is shown, so a resend is one report."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    point = forms.ChoiceField(label=_("Point"))
    state = forms.ChoiceField(
        label=_("State"), choices=PointState.choices, widget=forms.RadioSelect
    )
    services_available = forms.MultipleChoiceField(
        label=_("Services available now"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    visitors = forms.IntegerField(
        label=_("Visitors present"), min_value=0, max_value=100_000, required=False
    )
    power_source = forms.ChoiceField(
        label=_("Power source"), choices=[("", "—"), *PowerSource.choices], required=False
    )
    fuel_hours_left = DecimalCommaField(
        label=_("Fuel hours left"),
        min_value=0,
        max_value=10_000,
        required=False,
        widget=forms.NumberInput,
    )
    fuel_litres_left = DecimalCommaField(
        label=_("Or: fuel left in litres"),
        help_text=_("Paraat turns litres into hours with the point's fuel consumption."),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput,
    )
    comms_working = forms.NullBooleanField(
        label=_("Communications working"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    def __init__(
        self, *args: Any, points: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].choices = points or []  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", f"web-{uuid.uuid4()}")


StatusForm.base_fields = _FieldsCopiedOnce(StatusForm.base_fields)
StatusForm.base_fields.own = frozenset({"point"})


class LineForm(forms.Form):
    """A keyed-in line; ``confirmed`` once the point lead has heard the read-back and agreed."""

    line = forms.CharField(
        label=_("One-line status message"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "nl-input--wide"}
        ),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Need.choices)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
    point = forms.ChoiceField(label=_("From point"), required=False)
    description = forms.CharField(
        label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(
        self,
        *args: Any,
        points: list[tuple[str, str]] | None = None,
        for_crisis_team: bool = False,
        **kwargs: Any,
    ) -> None:
        """``for_crisis_team``: the user may file a request on behalf of the crisis team. Only
        then is that a choice; a point lead chooses among his own points and starts on the first,
        so the form's own defaults are always a request he may send."""
        super().__init__(*args, **kwargs)
        field = self.fields["point"]
        if for_crisis_team:
            field.choices = [("", _("Crisis team")), *(points or [])]  # type: ignore[attr-defined]
        else:
            field.choices = list(points or [])  # type: ignore[attr-defined]
            field.required = True
            if points and not self.is_bound:
                self.initial.setdefault("point", points[0][0])


class AssignForm(forms.Form):
    assigned_to = forms.CharField(label=_("Assigned to"), max_length=150)


class DoneForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, required=False)


class LogForm(forms.Form):
    text = forms.CharField(
        label=_("Logbook entry"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    highlight = forms.BooleanField(label=_("Highlight in the situation report"), required=False)


class RelayForm(forms.Form):
    point = forms.ChoiceField(label=_("Through point"))
    summary = forms.CharField(
        label=_("What was reported"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(
        self, *args: Any, points: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].choices = points or []  # type: ignore[attr-defined]


class ChecklistForm(forms.Form):
    """One tick on an opening checklist: which point, which item, done or not."""

    activation = forms.TypedChoiceField(coerce=int)
    item = forms.ChoiceField(choices=ChecklistItem.choices)
    done = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )

    def __init__(self, *args: Any, activations: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._activations = {a.pk: a for a in activations or []}
        self.fields["activation"].choices = [(pk, pk) for pk in self._activations]  # type: ignore[attr-defined]

    def clean_activation(self) -> Any:
        return self._activations[self.cleaned_data["activation"]]


class ActivateForm(forms.Form):
    """Activate chosen points; with none chosen, every active point in the area."""

    points = forms.ModelMultipleChoiceField(
        label=_("Points to activate"),
        queryset=SupportPoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose none to activate every active point in the area."),
    )

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["points"]
        field.queryset = candidates if candidates is not None else SupportPoint.objects.none()  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.code} {p.name} ({p.municipality.name})"  # type: ignore[attr-defined]


class RelayOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=2000)
