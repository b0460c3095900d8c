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


_INSERTS: dict[tuple[str, type[models.Model], int, str], tuple[str, list[Any], Any]] = {}


def insert(model: type[M], objs: Sequence[M], *, skip_taken: str = "") -> list[M]:
    """Insert the new rows ``objs`` in one statement, written once per database, model and
    number of rows; each stored one gets its primary key. No signals are sent: the caller
    records what a save would have (``core.changes.saved``).

    With ``skip_taken`` (a unique field's name), a row whose value of that field is taken is
    left out instead of failing the statement (``ON CONFLICT DO NOTHING``). Returns the rows
    stored, in the order given.
    """
    if not objs:
        return []
    key = (connection.vendor, model, len(objs), skip_taken)
    found = _INSERTS.get(key)
    if found is None:
        found = _INSERTS[key] = _insert_sql(model, len(objs), skip_taken)
    sql, fields, prepare = found
    params = [value for obj in objs for value in prepare(obj)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        returned = cursor.fetchall()
    # The keys come as the database gives them: integers (an auto field) need no converting.
    if skip_taken:
        attname = model._meta.get_field(skip_taken).attname  # type: ignore[union-attr]
        by_value = {str(getattr(obj, attname)): obj for obj in objs}
        stored = []
        for pk_value, value in returned:
            obj = by_value[str(value)]
            obj.pk = pk_value
            stored.append(obj)
        order = {id(obj): i for i, obj in enumerate(objs)}
        stored.sort(key=lambda obj: order[id(obj)])
    else:
        if len(returned) != len(objs):
            raise RuntimeError(f"{len(returned)} keys returned for {len(objs)} rows")
        # Both databases return the rows of a multi-row VALUES in their order.
        for obj, (pk_value,) in zip(objs, returned, strict=True):
            obj.pk = pk_value
        stored = list(objs)
    for obj in stored:
        obj._state.adding = False
        obj._state.db = connection.alias
    return stored


def _insert_sql(
    model: type[models.Model], count: int, skip_taken: str
) -> tuple[str, list[Any], Callable[[Any], list[Any]]]:
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assert pk is not None
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    columns = [str(f.column) for f in fields]
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {table(model)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 (names from the model, values parameters)
        f"VALUES {', '.join([one] * count)}"
    )
    returning = quote(str(pk.column))
    if skip_taken:
        column = quote(str(model._meta.get_field(skip_taken).column))  # type: ignore[union-attr]
        sql += f" ON CONFLICT ({column}) DO NOTHING"
        returning += f", {column}"
    return f"{sql} RETURNING {returning}", fields, _preparer(fields)


# Fields whose value of these exact types the database takes as it is: ``get_db_prep_save``
# would return it unchanged (None included), so ``insert`` skips the calls for it.
_AS_IS: dict[type[models.Field], tuple[type, ...]] = {  # type: ignore[type-arg]
    models.CharField: (str,),
    models.TextField: (str,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.FloatField: (float, int),
    models.BooleanField: (bool,),
    models.ForeignKey: (int,),
}


def _preparer(fields: list[Any]) -> Callable[[Any], list[Any]]:
    """A row's values as the database takes them, prepared as a save prepares them
    (``pre_save``, ``get_db_prep_save``); a value that would come out unchanged (text in a
    text field, a whole number in an integer field, None) goes as it is."""
    steps = [(field, field.attname, _AS_IS.get(type(field), ())) for field in fields]

    def prepare(obj: Any) -> list[Any]:
        values: list[Any] = []
        for field, attname, as_is in steps:
            value = obj.__dict__.get(attname, obj)  # ``obj``: not loaded, take the long way
            if value is None and as_is:
                values.append(None)
            elif as_is and type(value) in as_is:
                values.append(value)
            else:
                values.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
        return values

    return prepare


def sql_for(cache: dict[str, str], build: Callable[[], str]) -> str:
    """``build()``'s SQL, kept per database vendor in ``cache`` (quoting differs between them)."""
    vendor = connection.vendor
    sql = cache.get(vendor)
    if sql is None:
        sql = cache[vendor] = build()
    return sql
