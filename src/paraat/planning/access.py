"""Who may read and run planning. One condition per line.

- Region coordinators read and run everything in their region, and register walking networks.
- Municipal officers read region-wide runs and runs of their own municipalities, and run for
  their own municipalities only.
- Viewers read every run of their region; they never run anything.
- Point leads, crisis operators, other regions and residents: nothing.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region
from paraat.planning.models import CoverageRun, OptimisationRun, RunQuerySet, WalkingNetwork

READ_ROLES = frozenset({Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER, Role.VIEWER})
RUN_ROLES = frozenset({Role.REGION_COORDINATOR, Role.MUNICIPAL_OFFICER})


def can_read(user: AnyUser, region: Region) -> TypeGuard[User]:
    if not accounts_access.can_use_app(user):
        return False
    if user.is_superuser:
        return True
    if user.region_id != region.pk:
        return False
    return user.role in READ_ROLES


def can_run(user: AnyUser, region: Region, municipality: Municipality | None = None) -> bool:
    """Coordinators for the region or any municipality in it; officers for their own only."""
    if not can_read(user, region):
        return False
    if user.is_superuser or user.role == Role.REGION_COORDINATOR:
        return True
    if user.role != Role.MUNICIPAL_OFFICER or municipality is None:
        return False
    return municipality.pk in accounts_access.municipality_ids(user)


def can_run_somewhere(user: AnyUser, region: Region) -> TypeGuard[User]:
    """Whether to offer the run forms at all."""
    if not can_read(user, region):
        return False
    return bool(user.is_superuser or user.role in RUN_ROLES)


def can_import_network(user: AnyUser, region: Region) -> bool:
    """A walking network serves the whole region, so only its coordinators register one."""
    if not can_read(user, region):
        return False
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def runnable_municipalities(user: AnyUser, region: Region) -> list[Municipality]:
    """The municipalities the user may run for (the region itself is not in this list)."""
    municipalities = Municipality.objects.in_region(region).order_by("name")
    if not can_run_somewhere(user, region):
        return []
    if user.is_superuser or user.role == Role.REGION_COORDINATOR:
        return list(municipalities)
    return list(municipalities.for_ids(accounts_access.municipality_ids(user)))


def _scope(user: User) -> set[int] | None:
    if user.is_superuser or user.role != Role.MUNICIPAL_OFFICER:
        return None
    return accounts_access.municipality_ids(user)


def coverage_runs(user: AnyUser, region: Region) -> RunQuerySet:
    if not can_read(user, region):
        return CoverageRun.objects.none()
    return CoverageRun.objects.in_region(region).visible_in(_scope(user))


def optimisation_runs(user: AnyUser, region: Region) -> RunQuerySet:
    if not can_read(user, region):
        return OptimisationRun.objects.none()
    return OptimisationRun.objects.in_region(region).visible_in(_scope(user))


def networks(user: AnyUser, region: Region) -> Any:
    if not can_read(user, region):
        return WalkingNetwork.objects.none()
    return WalkingNetwork.objects.filter(region=region)


def coverage_run_for(user: AnyUser, region: Region, pk: int) -> CoverageRun:
    run = (
        coverage_runs(user, region)
        .select_related("region", "municipality", "network")
        .filter(pk=pk)
        .first()
    )
    if run is None:
        _deny(user, region, CoverageRun, pk)
    return run  # type: ignore[return-value]


def optimisation_run_for(user: AnyUser, region: Region, pk: int) -> OptimisationRun:
    run = (
        optimisation_runs(user, region)
        .select_related("region", "municipality", "network")
        .filter(pk=pk)
        .first()
    )
    if run is None:
        _deny(user, region, OptimisationRun, pk)
    return run  # type: ignore[return-value]


def _deny(user: AnyUser, region: Region, model: type[Any], pk: int) -> None:
    """404 for a run that does not exist in the region; 403 for one the user may not see."""
    if model.objects.filter(region=region, pk=pk).exists() and accounts_access.can_use_app(user):
        raise PermissionDenied
    raise Http404("no such run")
