from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from paraat.cascades import engine
from paraat.cascades.constants import DEFAULT_RUNS, DEFAULT_SCENARIO, RUN_CHOICES
from paraat.cascades.models import RegionalFigures
from paraat.cascades.runs import RunSettings
from paraat.operations.models import Incident
from paraat.supportpoints.forms import DecimalCommaField


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@lru_cache(maxsize=4)
def _scenarios() -> tuple[tuple[str, str, str], ...]:
    found = []
    for name in engine.available_scenarios():
        scenario = engine.load_scenario(name)
        found.append((name, scenario.title_nl, scenario.title_en))
    return tuple(found)


@lru_cache(maxsize=4)
def _weathers() -> tuple[tuple[str, str, str], ...]:
    profiles = engine.load_scenario(DEFAULT_SCENARIO).weather
    return tuple((k, p.label_nl, p.label_en) for k, p in profiles.items())


def scenario_choices() -> list[tuple[str, str]]:
    return [(k, nl if _lang() == "nl" else en) for k, nl, en in _scenarios()]


def weather_choices() -> list[tuple[str, str]]:
    return [(k, nl if _lang() == "nl" else en) for k, nl, en in _weathers()]


def measure_choices() -> list[tuple[str, str]]:
    return [(k, m.title(_lang())) for k, m in engine.load_measures().items()]


class TimelineForm(forms.Form):
    """The settings of a timeline, read from the query string (works without JavaScript)."""

    scenario = forms.ChoiceField(label=_("Scenario"), choices=scenario_choices)
    weather = forms.ChoiceField(label=_("Weather"), choices=weather_choices, initial="mild")
    measures = forms.MultipleChoiceField(
        label=_("What-if measures"),
        choices=measure_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more measures to compare the timeline with and without them."),
    )
    runs = forms.TypedChoiceField(
        label=_("Number of simulation runs"),
        choices=[(n, f"{n:,}".replace(",", ".")) for n in RUN_CHOICES],
        coerce=int,
        initial=DEFAULT_RUNS,
    )
    seed = forms.IntegerField(
        label=_("Seed (same seed, same outcome)"), min_value=0, max_value=2**31, initial=0
    )

    @classmethod
    def from_query(cls, query: Any) -> TimelineForm:
        """Defaults for whatever the query string leaves out, so a bare URL shows a timeline."""
        data = query.copy()
        defaults = {"scenario": DEFAULT_SCENARIO, "weather": "mild", "runs": DEFAULT_RUNS}
        for key, value in {**defaults, "seed": 0}.items():
            if not data.get(key):
                data[key] = str(value)
        return cls(data)

    def settings(self) -> RunSettings:
        data = self.cleaned_data
        return RunSettings(
            scenario=data["scenario"],
            runs=data["runs"],
            seed=data["seed"],
            weather=data["weather"],
            measures=tuple(data["measures"]),
        )


class FiguresForm(forms.ModelForm):
    """The coordinator's form for the partners' figures; the model validates them in services."""

    extra_text = forms.CharField(
        label=_("Further figures in the model's format (advanced)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "TOML or JSON, in the format of the scenario files (docs/cascades.md). Every figure "
            "needs a source and a confidence. Leave empty if you do not need it."
        ),
    )
    note = forms.CharField(label=_("Change note"), required=False, max_length=300)

    class Meta:
        model = RegionalFigures
        fields = [
            "water_company",
            "water_days_min",
            "water_days_likely",
            "water_days_max",
            "water_source",
            "water_confidence",
            "masts_extended_percent",
            "masts_hours_min",
            "masts_hours_likely",
            "masts_hours_max",
            "masts_source",
            "masts_confidence",
        ]
        field_classes = {
            name: DecimalCommaField
            for name in (
                "water_days_min",
                "water_days_likely",
                "water_days_max",
                "masts_extended_percent",
                "masts_hours_min",
                "masts_hours_likely",
                "masts_hours_max",
            )
        }
        help_texts = {
            "water_days_likely": _(
                "How long the water company keeps producing on emergency power."
            ),
            "masts_extended_percent": _(
                "Masts with backup power beyond the usual battery (about 2 hours)."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.extra and not self.is_bound:
            self.initial["extra_text"] = json.dumps(
                self.instance.extra, ensure_ascii=False, indent=2
            )
        self.initial.setdefault("note", "")

    def clean_extra_text(self) -> dict[str, Any]:
        text = (self.cleaned_data.get("extra_text") or "").strip()
        if not text:
            return {}
        try:
            data = json.loads(text) if text.startswith("{") else tomllib.loads(text)
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
            raise forms.ValidationError(
                _("This text cannot be read as TOML or JSON: %(error)s"), params={"error": error}
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("Give a table of sections, like a scenario file."))
        return data

    def figure_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["extra"] = self.cleaned_data.get("extra_text") or {}
        return data


class InjectForm(forms.Form):
    incident = forms.ModelChoiceField(
        label=_("Exercise"), queryset=Incident.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["incident"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = incidents
