"""Model instances from a SELECT written once, for the few reads on the hot path of a crisis.

The ORM compiles a query anew for every call; for the reads of a status report (the token, the
point, the activation) compiling cost more CPU than running them, and a report arrives hundreds
of times a second in an incident (issue 16, docs/development.md). A read written here is SQL
kept per database vendor, run with the connection's cursor; its rows become ordinary model
instances with the ORM's own converters (aware datetimes, JSON, booleans on SQLite), so saving
one afterwards, the sync journal and the audit trail see nothing different.
Everything else reads through QuerySet methods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)

_converters: dict[tuple[str, str, type[models.Model], tuple[str, ...]], list[Any]] = {}


def _fields(model: type[models.Model], skip: tuple[str, ...]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if f.name not in skip]


def columns(model: type[models.Model], alias: str, skip: tuple[str, ...] = ()) -> str:
    """The select list of the concrete fields of ``model`` from the table named ``alias``; the
    fields in ``skip`` are left out (deferred: read when first used, like ``QuerySet.defer``)."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in _fields(model, skip))


def width(model: type[models.Model], skip: tuple[str, ...] = ()) -> int:
    """How many columns ``columns`` selects for ``model``."""
    return len(_fields(model, skip))


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def instance(
    model: type[M], row: Sequence[Any], start: int = 0, skip: tuple[str, ...] = ()
) -> M | None:
    """The instance in ``row[start:start + width(model, skip)]``; None when its primary key is
    NULL (the empty side of a LEFT JOIN)."""
    fields = _fields(model, skip)
    values = list(row[start : start + len(fields)])
    key = (connection.vendor, connection.alias, model, skip)
    converters = _converters.get(key)
    if converters is None:
        converters = _converters[key] = _converters_of(fields)
    for index, (column, functions) in enumerate(converters):
        value = values[index]
        if value is None:
            continue
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    pk_index = fields.index(model._meta.pk)
    if values[pk_index] is None:
        return None
    return model.from_db(connection.alias, [f.attname for f in fields], values)


def _converters_of(fields: list[Any]) -> list[tuple[Any, list[Callable[..., Any]]]]:
    found = []
    for field in fields:
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        found.append((column, functions))
    return found


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def sql_for(cache: dict[str, str], build: Callable[[], str]) -> str:
    """``build()``'s SQL, kept per database vendor in ``cache`` (quoting differs between them)."""
    vendor = connection.vendor
    sql = cache.get(vendor)
    if sql is None:
        sql = cache[vendor] = build()
    return sql
