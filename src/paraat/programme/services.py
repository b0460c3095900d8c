"""Every change to the programme goes through here: the pages, the commands and the demo.

The audit trail records each save (paraat.core.audit hangs on the models' signals); these
functions check the data, keep each change in one transaction and name who made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paraat.accounts.constants import Role
from paraat.areas.models import Municipality, Region
from paraat.core.audit import acting_as
from paraat.programme.constants import (
    DEFAULT_LEVEL_TEXT,
    MEASURED_KINDS,
    TEMPLATES,
    Dependency,
    IndicatorKind,
    Level,
    TrainingKind,
)
from paraat.programme.models import (
    Activity,
    Ambition,
    AmbitionLevel,
    CriticalProcess,
    ProgrammeLine,
    TrainingEvent,
)

LINE_FIELDS = ("title", "description")
AMBITION_FIELDS = (
    "level", "interim_date", "target_date", "accounthouder", "accounthouder_name",
    "decision_date", "decision_body", "notes",
)  # fmt: skip
ACTIVITY_FIELDS = (
    "municipality", "line", "title", "description", "owner", "partners", "status",
    "start_date", "end_date", "budget", "indicator_kind", "indicator_label", "target",
    "threshold_m", "stated_value", "stated_on", "is_example",
)  # fmt: skip


def start_programme(*, region: Region, template: str, user: Any = None) -> list[ProgrammeLine]:
    """A region starts its programme from a template (in the active language), so it need not
    type the lines; it edits them after. Level descriptions start from defaults the same way.
    A region that already has lines keeps them."""
    if template not in TEMPLATES:
        raise ValidationError({"template": _("Unknown template.")})
    with acting_as(user, "programme"), transaction.atomic():
        if not ProgrammeLine.objects.in_region(region).exists():
            for number, (title, description) in enumerate(TEMPLATES[template], start=1):
                ProgrammeLine.objects.create(
                    region=region,
                    number=number,
                    title=_(title),
                    description=_(description) if description else "",
                )
        for level in Level:
            AmbitionLevel.objects.get_or_create(
                region=region, level=level, defaults={"description": _(DEFAULT_LEVEL_TEXT[level])}
            )
        return list(ProgrammeLine.objects.in_region(region))


def save_line(
    *, region: Region, data: Mapping[str, Any], line: ProgrammeLine | None = None, user: Any = None
) -> ProgrammeLine:
    """Add a line (numbered after the last) or rename one: the region owns its programme."""
    with acting_as(user, "programme"), transaction.atomic():
        if line is None:
            last = ProgrammeLine.objects.in_region(region).order_by("-number").first()
            line = ProgrammeLine(region=region, number=(last.number + 1) if last else 1)
        for field in LINE_FIELDS:
            if field in data:
                setattr(line, field, str(data[field] or "").strip())
        line.full_clean()
        line.save()
        return line


def describe_levels(*, region: Region, texts: Mapping[str, str], user: Any = None) -> None:
    """The region's own words for basis, extended and leading."""
    with acting_as(user, "programme"), transaction.atomic():
        for level, text in texts.items():
            if level not in Level.values:
                raise ValidationError({"level": _("Unknown level.")})
            if not str(text).strip():
                raise ValidationError({level: _("A description is required.")})
            AmbitionLevel.objects.update_or_create(
                region=region, level=level, defaults={"description": str(text).strip()}
            )


def set_ambition(
    *, municipality: Municipality, line: ProgrammeLine, data: Mapping[str, Any], user: Any = None
) -> Ambition:
    """A municipality chooses its own ambition and pace per line, and records who decided."""
    if line.region_id != municipality.region_id:
        raise ValidationError({"line": _("This line belongs to another region.")})
    with acting_as(user, "programme"), transaction.atomic():
        ambition = Ambition.objects.filter(municipality=municipality, line=line).first()
        ambition = ambition or Ambition(municipality=municipality, line=line)
        for field in AMBITION_FIELDS:
            if field in data:
                setattr(ambition, field, data[field])
        _check_dates(ambition.interim_date, ambition.target_date, "target_date")
        ambition.full_clean()
        ambition.save()
        return ambition


def save_activity(
    *,
    region: Region,
    data: Mapping[str, Any],
    activity: Activity | None = None,
    user: Any = None,
) -> Activity:
    """Register or update an activity of a municipality or of the whole region. A measured
    indicator keeps no value of its own: Paraat reads it when shown."""
    with acting_as(user, "programme"), transaction.atomic():
        activity = activity or Activity(region=region)
        for field in ACTIVITY_FIELDS:
            if field in data:
                setattr(activity, field, data[field])
        _check(activity)
        activity.full_clean()
        activity.save()
        return activity


PROCESS_FIELDS = (
    "municipality", "name", "max_downtime_h", "dependencies", "fallback",
    "fallback_autonomy_h", "owner", "is_example",
)  # fmt: skip


def save_process(
    *,
    region: Region,
    data: Mapping[str, Any],
    process: CriticalProcess | None = None,
    user: Any = None,
) -> CriticalProcess:
    """Register or update a critical process of a municipality or of the safety region, so the
    outage clock can say when it fails with and without its fallback."""
    with acting_as(user, "programme"), transaction.atomic():
        process = process or CriticalProcess(region=region)
        for field in PROCESS_FIELDS:
            if field in data:
                setattr(process, field, data[field])
        municipality = process.municipality
        if municipality is not None and municipality.region_id != process.region_id:
            raise ValidationError({"municipality": _("This municipality is in another region.")})
        unknown = set(process.dependencies) - set(Dependency.values)
        if unknown:
            raise ValidationError({"dependencies": _("Unknown dependency.")})
        process.dependencies = [d for d in Dependency.values if d in process.dependencies]
        if process.fallback_autonomy_h is not None and not process.fallback.strip():
            raise ValidationError({"fallback": _("Describe the fallback that holds these hours.")})
        process.full_clean()
        process.save()
        return process


TRAINING_FIELDS = (
    "municipality", "kind", "title", "starts_at", "ends_at", "roles", "participants", "people",
    "incident", "notes", "is_example",
)  # fmt: skip


def save_training(
    *,
    region: Region,
    data: Mapping[str, Any],
    training: TrainingEvent | None = None,
    user: Any = None,
) -> TrainingEvent:
    """Put a training or exercise on the calendar (or change it), so the programme can say which
    points, municipalities and roles were exercised in the last 12 months. An exercise may name
    the operations incident it was played in; its after-action metrics are read from there."""
    with acting_as(user, "programme"), transaction.atomic():
        training = training or TrainingEvent(region=region)
        for field in TRAINING_FIELDS:
            if field in data:
                setattr(training, field, data[field])
        points = list(data["points"]) if "points" in data else None
        _check_training(training, points)
        training.full_clean()
        training.save()
        if points is not None:
            training.points.set(points)
        return training


def delete_training(*, training: TrainingEvent, user: Any = None) -> None:
    """Take an entry off the calendar; the exercise incident in operations stays as it is."""
    with acting_as(user, "programme"), transaction.atomic():
        training.delete()


def delete_activity(*, activity: Activity, user: Any = None) -> None:
    """Remove an activity entered by mistake. Nothing hangs on an activity: a measured indicator
    is read from the registry when shown, so the figures it read stay where they are."""
    with acting_as(user, "programme"), transaction.atomic():
        activity.delete()


def line_contents(line: ProgrammeLine) -> tuple[int, int]:
    """How many activities and ambitions still hang on a line (any municipality's)."""
    return line.activities.count(), line.ambitions.count()  # type: ignore[attr-defined]


def delete_line(*, line: ProgrammeLine, user: Any = None) -> None:
    """Remove a programme line only when nothing hangs on it any more. The database would throw
    the municipalities' ambitions away with it (and refuse on the activities), so the coordinator
    first removes or moves those herself: a municipality's decision is never lost by accident.
    The other lines keep their numbers."""
    with acting_as(user, "programme"), transaction.atomic():
        line = ProgrammeLine.objects.select_for_update().get(pk=line.pk)
        activities, ambitions = line_contents(line)
        if activities or ambitions:
            raise ValidationError(line_refusal(activities, ambitions), code="not_empty")
        line.delete()


def line_refusal(activities: int, ambitions: int) -> str:
    """The coordinator's message for a line that still has activities or ambitions."""
    return _(
        "This line still has %(activities)s and %(ambitions)s. Remove those or move them to "
        "another line first."
    ) % {
        "activities": ngettext("%(n)s activity", "%(n)s activities", activities)
        % {"n": activities},
        "ambitions": ngettext("%(n)s ambition", "%(n)s ambitions", ambitions) % {"n": ambitions},
    }


def delete_ambition(*, ambition: Ambition, user: Any = None) -> None:
    """Withdraw a municipality's ambition on a line, entered by mistake or before the line goes.
    Its activities stay: they belong to the line, not to the ambition."""
    with acting_as(user, "programme"), transaction.atomic():
        ambition.delete()


def delete_process(*, process: CriticalProcess, user: Any = None) -> None:
    """Take a critical process off the continuity register; the outage clock stops counting it.
    Nothing else refers to a process."""
    with acting_as(user, "programme"), transaction.atomic():
        process.delete()


def _check_training(training: TrainingEvent, points: list[Any] | None) -> None:
    municipality = training.municipality
    if municipality is not None and municipality.region_id != training.region_id:
        raise ValidationError({"municipality": _("This municipality is in another region.")})
    if training.ends_at and training.starts_at and training.ends_at < training.starts_at:
        raise ValidationError({"ends_at": _("The end lies before the start.")})
    unknown = set(training.roles) - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role.")})
    training.roles = [r for r in Role.values if r in training.roles]
    incident = training.incident
    if incident is not None:
        if training.kind != TrainingKind.EXERCISE:
            raise ValidationError({"incident": _("Only an exercise links to an incident.")})
        if incident.region_id != training.region_id:
            raise ValidationError({"incident": _("This incident belongs to another region.")})
        if not incident.is_exercise:
            raise ValidationError({"incident": _("This incident is real, not an exercise.")})
    for point in points or []:
        if point.region_id != training.region_id:
            raise ValidationError({"points": _("A point belongs to another region.")})
        if municipality is not None and point.municipality_id != municipality.pk:
            raise ValidationError(
                {"points": _("A point lies outside %(m)s.") % {"m": municipality.name}}
            )


def _check(activity: Activity) -> None:
    if activity.line.region_id != activity.region_id:
        raise ValidationError({"line": _("This line belongs to another region.")})
    municipality = activity.municipality
    if municipality is not None and municipality.region_id != activity.region_id:
        raise ValidationError({"municipality": _("This municipality is in another region.")})
    _check_dates(activity.start_date, activity.end_date, "end_date")
    kind = activity.indicator_kind
    if kind and activity.target is None:
        raise ValidationError({"target": _("An indicator needs a target.")})
    if kind in MEASURED_KINDS:
        activity.stated_value = None
        activity.stated_on = None
    if kind == IndicatorKind.STATED:
        if not activity.indicator_label.strip():
            raise ValidationError({"indicator_label": _("Say what is counted.")})
        if activity.stated_value is not None and activity.stated_on is None:
            raise ValidationError({"stated_on": _("A stated value needs its date.")})
    if kind == IndicatorKind.COVERAGE and not activity.threshold_m:
        activity.threshold_m = 1000


def _check_dates(first: Any, last: Any, field: str) -> None:
    if first and last and last < first:
        raise ValidationError({field: _("The end date lies before the start date.")})
