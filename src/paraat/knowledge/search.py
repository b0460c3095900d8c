"""Full-text search in Dutch over knowledge items, one interface for both databases.

PostgreSQL: its 'dutch' text-search configuration over ``SearchText.document``, with a GIN index
on that expression (made by the migration). SQLite: an FTS5 table ``knowledge_fts`` holding the
Snowball stems of the same text (``stemming``), searched with the stems of the query. The
database in use (``connection.vendor``) decides; callers only see ``index`` and ``search``.
"""

from __future__ import annotations

from django.db import connection

from paraat.knowledge import stemming
from paraat.knowledge.models import KnowledgeItem, KnowledgeItemQuerySet, SearchText

LIMIT = 500
FTS5_TABLE = "knowledge_fts"
PG_EXPRESSION = "to_tsvector('dutch'::regconfig, document)"


def item_document(item: KnowledgeItem, file_text: str) -> str:
    parts = [item.title, item.description, " ".join(item.tags), item.location, file_text]
    return "\n".join(p for p in parts if p)


def index(item: KnowledgeItem, file_text: str) -> None:
    """(Re)write the item's entry in the search index; call inside the service's transaction."""
    document = item_document(item, file_text)
    SearchText.objects.update_or_create(
        item=item, defaults={"document": document, "file_text": file_text}
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS5_TABLE} WHERE rowid = %s", [item.pk])  # noqa: S608 - constant table name
            cursor.execute(
                f"INSERT INTO {FTS5_TABLE} (rowid, document) VALUES (%s, %s)",  # noqa: S608 - constant table name
                [item.pk, stemming.document(document)],
            )


def unindex(pk: int) -> None:
    """Drop a removed item from the SQLite FTS5 table (its SearchText row goes by cascade)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS5_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 - constant table name


def file_text(item: KnowledgeItem) -> str:
    """The text extracted from the item's file when it was uploaded."""
    stored = SearchText.objects.filter(item=item).values_list("file_text", flat=True).first()
    return stored or ""


def _matching_ids(query: str) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = stemming.match_expression(query)
            if not expression:
                return []
            cursor.execute(
                f"SELECT rowid FROM {FTS5_TABLE} WHERE {FTS5_TABLE} MATCH %s ORDER BY rank LIMIT %s",  # noqa: S608 - constant table name
                [expression, LIMIT],
            )
        else:
            cursor.execute(
                f"SELECT item_id FROM knowledge_searchtext "  # noqa: S608 - constant table name
                f"WHERE {PG_EXPRESSION} @@ plainto_tsquery('dutch', %s) "
                f"ORDER BY ts_rank({PG_EXPRESSION}, plainto_tsquery('dutch', %s)) DESC LIMIT %s",
                [query, query, LIMIT],
            )
        return [row[0] for row in cursor.fetchall()]


def search(items: KnowledgeItemQuerySet, query: str) -> list[KnowledgeItem]:
    """The items of ``items`` (already narrowed to what the user may see) that match, best first."""
    if not query.strip():
        return list(items)
    ids = _matching_ids(query)
    found = {item.pk: item for item in items.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
