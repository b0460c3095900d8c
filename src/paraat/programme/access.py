"""Who may see and change the programme. One condition per line.

Everyone with a role in the region reads the matrix and the municipality pages. The region's
programme manager (the region coordinator) sets up lines and levels and runs region-wide
activities; a municipal officer sets her own municipality's ambitions and activities. Whoever
may edit an activity, line, process or calendar entry may also remove it (the ``*_for_user``
functions below serve both pages); another region's rows are not found at all (404).
"""

from __future__ import annotations

from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region
from paraat.programme.models import (
    Activity,
    Ambition,
    CriticalProcess,
    ProgrammeLine,
    TrainingEvent,
)
from paraat.supportpoints import access as points_access


def can_view_programme(user: AnyUser, region: Region) -> TypeGuard[User]:
    return points_access.can_view_points(user, region)


def can_manage_programme(user: AnyUser, region: Region) -> bool:
    """Lines, level descriptions, region-wide activities and the board's report."""
    if not can_view_programme(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_edit_municipality(user: AnyUser, municipality: Municipality) -> bool:
    """Ambitions, activities and the council report of one municipality."""
    return points_access.can_edit_in_municipality(user, municipality)


def can_edit_place(user: AnyUser, region: Region, municipality: Municipality | None) -> bool:
    """Save a row for one municipality (its officers and the coordinator) or region-wide (the
    coordinator only): activities, calendar entries, critical processes."""
    if municipality is None:
        return can_manage_programme(user, region)
    return can_edit_municipality(user, municipality)


def can_add_activities(user: AnyUser, region: Region) -> bool:
    return points_access.can_register_points(user, region)


def can_edit_activity(user: AnyUser, activity: Activity) -> bool:
    if activity.municipality is None:
        return can_manage_programme(user, activity.region)
    return can_edit_municipality(user, activity.municipality)


def municipality_for_user(user: AnyUser, region: Region, code: str) -> Municipality:
    municipality = Municipality.objects.filter(region=region, code=code.upper()).first()
    if municipality is None:
        raise Http404("no such municipality")
    if not can_view_programme(user, region):
        raise PermissionDenied
    return municipality


def activity_for_user(user: AnyUser, region: Region, pk: int) -> Activity:
    activity = (
        Activity.objects.select_related("municipality", "line", "region").filter(pk=pk).first()
    )
    if activity is None or activity.region_id != region.pk:
        raise Http404("no such activity")
    if not can_edit_activity(user, activity):
        raise PermissionDenied
    return activity


def ambition_for_user(user: AnyUser, municipality: Municipality, line: int) -> Ambition:
    ambition = (
        Ambition.objects.select_related("line", "municipality")
        .filter(municipality=municipality, line_id=line)
        .first()
    )
    if ambition is None:
        raise Http404("no such ambition")
    if not can_edit_municipality(user, municipality):
        raise PermissionDenied
    return ambition


def line_for_user(user: AnyUser, region: Region, pk: int) -> ProgrammeLine:
    line = ProgrammeLine.objects.filter(pk=pk, region=region).first()
    if line is None:
        raise Http404("no such line")
    if not can_manage_programme(user, region):
        raise PermissionDenied
    return line


def can_edit_process(user: AnyUser, process: CriticalProcess) -> bool:
    """A municipal officer keeps her own municipality's register; the coordinator the region's."""
    if process.municipality is None:
        return can_manage_programme(user, process.region)
    return can_edit_municipality(user, process.municipality)


def process_for_user(user: AnyUser, region: Region, pk: int) -> CriticalProcess:
    process = CriticalProcess.objects.select_related("municipality", "region").filter(pk=pk).first()
    if process is None or process.region_id != region.pk:
        raise Http404("no such process")
    if not can_edit_process(user, process):
        raise PermissionDenied
    return process


def can_edit_training(user: AnyUser, training: TrainingEvent) -> bool:
    """A municipal officer keeps her own municipality's calendar; the coordinator the region's."""
    if training.municipality is None:
        return can_manage_programme(user, training.region)
    return can_edit_municipality(user, training.municipality)


def training_for_user(user: AnyUser, region: Region, pk: int) -> TrainingEvent:
    training = TrainingEvent.objects.select_related("municipality", "region").filter(pk=pk).first()
    if training is None or training.region_id != region.pk:
        raise Http404("no such training or exercise")
    if not can_edit_training(user, training):
        raise PermissionDenied
    return training
