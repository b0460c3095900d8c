"""The session store reads a session in one statement written once, as Django's own store reads it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from paraat.core.sessions import SessionStore
from paraat.testing.personas import Cast


@pytest.mark.django_db
def test_it_reads_a_live_session_as_djangos_store_does(cast: Cast) -> None:
    made = SessionStore()
    made["_auth_user_id"] = str(cast.olaf.pk)
    made["note"] = {"points": ["OSS-01"]}
    made.create()
    ours = SessionStore(made.session_key)
    with CaptureQueriesContext(connection) as queries:
        data = ours.load()
    assert len(queries) == 1
    assert data == DjangoStore(made.session_key).load()
    assert data == {"_auth_user_id": str(cast.olaf.pk), "note": {"points": ["OSS-01"]}}
    assert ours.session_key == made.session_key


@pytest.mark.django_db
def test_it_reads_nothing_of_an_expired_or_unknown_session(cast: Cast) -> None:
    made = SessionStore()
    made["_auth_user_id"] = str(cast.olaf.pk)
    made.create()
    Session.objects.filter(session_key=made.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(made.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    assert SessionStore().load() == {}
