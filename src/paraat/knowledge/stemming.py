"""Dutch stems for SQLite's full-text index. Plain Python, no Django.

PostgreSQL stems with its own 'dutch' configuration; SQLite's FTS5 knows no Dutch, so the same
Snowball stemmer runs over the indexed text and over every query: "oefeningen" and "oefening"
both become "oefen" and meet in the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 20


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


def _fold(word: str) -> str:
    """Lower case without accents ("coördinatie" and "coordinatie" meet)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stems(text: str) -> list[str]:
    words = [_fold(w) for w in WORD.findall(text)]
    found: list[str] = _stemmer().stemWords([w for w in words if w])
    return found


def document(text: str) -> str:
    """The text as stored in the FTS5 table: its stems, separated by spaces."""
    return " ".join(stems(text))


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression: every stem of the query must occur (quoted, so no operators)."""
    return " ".join(f'"{s}"' for s in stems(query)[:MAX_QUERY_WORDS])
