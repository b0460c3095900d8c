"""Django's database sessions, with the read of a session written once (``core.rows``).

Every request of a logged-in person reads its session; the phone form's status reports come in
by the hundred a second in an incident (issue 16), and compiling the ORM's query for each read
cost more CPU than running it. The read is the same query (the key, not expired); everything
else is Django's own ``SessionStore``. ``SESSION_ENGINE = "paraat.core.sessions"``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from paraat.core import rows

_SQL: dict[str, str] = {}


def _sql() -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {rows.columns(Session, 's')} FROM {rows.table(Session)} s "  # noqa: S608 (names from the model)
        f"WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key
        found = None
        if key is not None:
            now = Session._meta.get_field("expire_date").get_db_prep_value(
                timezone.now(), connection
            )
            row = rows.fetch_one(rows.sql_for(_SQL, _sql), [key, now])
            found = None if row is None else rows.instance(Session, row)
        if found is None:
            self._session_key = None
        return found
