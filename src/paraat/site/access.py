"""Who sees which background job: the site's pages ask here (core's job engine knows no roles)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from paraat.accounts import access as accounts_access
from paraat.accounts.access import AnyUser
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.core.models import Job


def _sees_region_jobs(user: User) -> bool:
    return bool(user.is_superuser or user.role == Role.REGION_COORDINATOR)


def can_see(user: AnyUser, job: Job) -> bool:
    """The user who started a job sees it, in the region it ran for; the region's coordinators
    see every job of their region; nobody else does."""
    if not accounts_access.can_use_app(user):
        return False
    if not (user.is_superuser or job.region_id == user.region_id):
        return False
    return bool(job.started_by_id == user.pk or _sees_region_jobs(user))


def visible_jobs(user: AnyUser) -> Any:
    """The jobs on /jobs/: the user's own in their region; a coordinator's: all of the region."""
    if not accounts_access.can_use_app(user) or user.region_id is None:
        return Job.objects.none()
    found = Job.objects.filter(region_id=user.region_id)
    if not _sees_region_jobs(user):
        found = found.started_by(user)
    return found.select_related("started_by").newest_first()


def job_for(user: AnyUser, pk: int) -> Job:
    """The job for its page; 404 when it does not exist or is not this user's to see."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    job = Job.objects.select_related("region").filter(pk=pk).first()
    if job is None or not can_see(user, job):
        raise Http404("no such job")
    return job
